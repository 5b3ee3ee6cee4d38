import GleanerModel

/// A parsed `Content-Type` header: the media type decides whether a response is a page at
/// all, the `charset` parameter goes to the extractor (it outranks `<meta>`).
public struct ContentType: Sendable, Equatable {
    /// Media types parsed as HTML. Anything else is `unsupported_content_type`.
    public static let htmlMediaTypes: Set<String> = ["text/html", "application/xhtml+xml"]

    /// Lower-cased `type/subtype`.
    public var mediaType: String
    /// The `charset` parameter without quotes, as sent.
    public var charset: String?

    public init?(_ header: String) {
        var parts = header.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let first = parts.next() else { return nil }
        let media = first.trimmedWhitespace().lowercased()
        guard !media.isEmpty else { return nil }
        mediaType = media
        charset = nil
        while let parameter = parts.next() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<equals].trimmedWhitespace().lowercased()
            guard name == "charset" else { continue }
            var value = parameter[parameter.index(after: equals)...].trimmedWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { charset = value }
        }
    }

    public var isHTML: Bool { Self.htmlMediaTypes.contains(mediaType) }
}
