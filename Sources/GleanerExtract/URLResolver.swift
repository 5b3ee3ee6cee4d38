import Foundation
import GleanerNormalize

/// Makes URLs found in a page absolute, so records never carry a relative `url` or `image`.
enum URLResolver {
    /// `raw` resolved against `base`; nil for empty values, non-web schemes (`javascript:`,
    /// `data:`) and relative URLs when no base is known.
    static func absolute(_ raw: String?, base: URL?) -> String? {
        guard let text = TextCleaner.nonEmpty(raw), let url = parse(text, relativeTo: base) else { return nil }
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            return nil
        }
        return url.absoluteString
    }

    /// The base URL for a page: `<base href>` resolved against the page URL.
    static func base(pageURL: String?, baseHref: String?) -> URL? {
        let page = pageURL.flatMap { parse($0, relativeTo: nil) }.flatMap { $0.scheme == nil ? nil : $0 }
        if let baseHref, let resolved = parse(baseHref, relativeTo: page), resolved.scheme != nil { return resolved }
        return page
    }

    private static func parse(_ text: String, relativeTo base: URL?) -> URL? {
        var text = text
        if text.hasPrefix("//") && base == nil { text = "https:" + text }
        if let url = URL(string: text, relativeTo: base) { return url.absoluteURL }
        // Spaces and non-ASCII characters in hand-written hrefs.
        let allowed = CharacterSet.urlQueryAllowed.union(CharacterSet(charactersIn: "#%"))
        guard let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        return URL(string: encoded, relativeTo: base)?.absoluteURL
    }
}
