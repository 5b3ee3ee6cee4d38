/// Decodes HTML character references left in attribute-free text such as JSON-LD strings,
/// which many CMSs HTML-escape before embedding ("Putin&#8217;s", "Fish &amp; Chips").
/// libxml2 already decodes references in real markup; this is only for text it didn't see
/// as markup.
enum HTMLEntities {
    /// The named references that occur in practice in metadata.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "«", "raquo": "»", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "hellip": "\u{2026}", "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä",
        "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "eacute": "é", "egrave": "è", "agrave": "à",
        "ccedil": "ç", "ecirc": "ê", "euro": "€", "copy": "©", "shy": "\u{00AD}", "middot": "·",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while let amp = text[index...].firstIndex(of: "&") {
            out += text[index..<amp]
            guard let semicolon = text[amp...].prefix(12).firstIndex(of: ";") else {
                out += "&"
                index = text.index(after: amp)
                continue
            }
            let name = text[text.index(after: amp)..<semicolon]
            var replacement: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[String(name)]
            }
            if let replacement {
                out += replacement
                index = text.index(after: semicolon)
            } else {
                out += "&"
                index = text.index(after: amp)
            }
        }
        out += text[index...]
        return out
    }
}
