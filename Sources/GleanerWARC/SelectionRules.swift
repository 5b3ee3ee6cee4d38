import GleanerModel

/// Which payloads count as HTML and how stored transfer headers are renamed — data in
/// `Rules/selection.json`, decoded once.
struct SelectionRules: Decodable, Sendable {
    var htmlMediaTypes: Set<String>
    var sniffPrefixes: [String]
    var headerRenames: [String: String]

    static let shared = RuleFile.decode(PackageResources.selection_json, as: SelectionRules.self, name: "selection.json")

    /// The lower-cased media type and `charset` parameter of a Content-Type value (the same
    /// reading `gleaner scrape` gives a live response's header).
    static func parseContentType(_ value: String) -> (mediaType: String, charset: String?) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        let media = String(parts.first ?? "").trimmedWARCWhitespace().lowercased()
        var charset: String? = nil
        for parameter in parts.dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            guard String(parameter[..<equals]).trimmedWARCWhitespace().lowercased() == "charset" else { continue }
            var text = String(parameter[parameter.index(after: equals)...]).trimmedWARCWhitespace()
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
            if !text.isEmpty { charset = text }
        }
        return (media, charset)
    }

    /// HTML by its first bytes, for payloads stored without a Content-Type.
    func sniffsAsHTML(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < bytes.endIndex, [9, 10, 12, 13, 32].contains(bytes[index]) { index += 1 }
        let head = bytes[index..<min(bytes.endIndex, index + 16)].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for prefix in sniffPrefixes {
            let needle = Array(prefix.utf8)
            guard head.count > needle.count, head.starts(with: needle) else { continue }
            // The signature must end in a space or '>' (WHATWG "tag-terminating byte").
            let after = head[needle.count]
            if after == 32 || after == 62 || prefix == "<!--" { return true }
        }
        return false
    }
}
