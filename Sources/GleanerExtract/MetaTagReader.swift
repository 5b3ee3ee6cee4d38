import Foundation
import GleanerHTML
import GleanerNormalize

/// The `<meta>`, `<link>`, `<base>`, `<title>` and `html@lang` facts of a page: OpenGraph,
/// Twitter cards, Dublin Core and the classic HTML ones.
///
/// Keys are lower-cased `property` / `name` values; `http-equiv` values are stored under
/// `http-equiv:NAME`. Dublin Core is written `DC.title`, `dc:title` or `dcterms:title` in
/// the wild, so `dc:`/`dcterms:` prefixes are folded to `dc.`/`dcterms.`. A key may occur
/// several times (`article:tag`), so every value is kept, in page order.
struct MetaTags: Sendable {
    private(set) var values: [String: [String]] = [:]
    /// `link rel=canonical` href (the first one).
    var canonical: String?
    /// `base href`, against which relative URLs resolve.
    var baseHref: String?
    /// `link rel=image_src` href.
    var imageSource: String?
    /// `html@lang` (or `xml:lang`).
    var htmlLang: String?
    /// Text of the first `<title>`.
    var title: String?

    /// First non-empty cleaned value of `key`.
    func first(_ key: String) -> String? {
        guard let list = values[key] else { return nil }
        for value in list {
            if let cleaned = TextCleaner.nonEmpty(value) { return cleaned }
        }
        return nil
    }

    /// First non-empty value among `keys`, in their order.
    func first(of keys: [String]) -> String? {
        for key in keys {
            if let value = first(key) { return value }
        }
        return nil
    }

    /// Every non-empty cleaned value of `key`.
    func all(_ key: String) -> [String] {
        (values[key] ?? []).compactMap { TextCleaner.nonEmpty($0) }
    }

    /// Folds the spellings of one key to one form.
    static func canonicalKey(_ raw: String) -> String {
        var key = raw.lowercased()
        if PrefixTest.hasPrefix(key, "dcterm:") { key = "dcterms." + key.dropFirst(7) }
        else if PrefixTest.hasPrefix(key, "dcterms:") { key = "dcterms." + key.dropFirst(8) }
        else if PrefixTest.hasPrefix(key, "dc:") { key = "dc." + key.dropFirst(3) }
        return key.trimmedWhitespace()
    }

    /// Records element `index` of `nodes` (the tree's node buffer), if it is one of the
    /// kinds read here. Read in place: the page scan passed a copy of every such element.
    mutating func read(_ nodes: UnsafeBufferPointer<DOMNode>, index: Int, tree: DOMTree) {
        let attributes = nodes[index].attributes
        switch nodes[index].name {
        case "meta":
            guard let content = attributes.attribute("content") else { return }
            // A tag may carry both `property` and `name` (RDFa and HTML habits mixed).
            if let property = attributes.attribute("property") {
                // Nearly always one key: splitting by Character for every meta tag was 0.3% of a run.
                if !property.isEmpty, !property.utf8.contains(0x20) {
                    append(Self.canonicalKey(property), content)
                } else {
                    for key in property.splitASCII(separator: 0x20) { append(Self.canonicalKey(String(key)), content) }
                }
            }
            if let name = attributes.attribute("name") { append(Self.canonicalKey(name), content) }
            if let equiv = attributes.attribute("http-equiv") { append("http-equiv:" + equiv.lowercased(), content) }
        case "link":
            guard let rel = attributes.attribute("rel")?.lowercased(), let href = attributes.attribute("href") else { return }
            let rels = rel.splitASCII(separator: 0x20)
            if canonical == nil, rels.contains("canonical") { canonical = TextCleaner.nonEmpty(href) }
            if imageSource == nil, rels.contains("image_src") { imageSource = TextCleaner.nonEmpty(href) }
        case "base":
            if baseHref == nil { baseHref = TextCleaner.nonEmpty(attributes.attribute("href")) }
        case "title":
            // Only the document title: an SVG <title> in the body is an icon label.
            if title == nil, tree.ancestor(of: index, where: { $0.name == "svg" || $0.name == "body" }) == nil {
                title = TextCleaner.nonEmpty(tree.rawText(of: index))
            }
        case "html":
            if htmlLang == nil { htmlLang = TextCleaner.nonEmpty(attributes.attribute("lang") ?? attributes.attribute("xml:lang")) }
        default:
            return
        }
    }

    private mutating func append(_ key: String, _ value: String) {
        guard !key.isEmpty else { return }
        values[key, default: []].append(value)
    }
}

extension HTMLAttributes {
    /// `DOMNode.attribute(name)` for an element's attributes alone.
    @inline(__always)
    fileprivate func attribute(_ name: String) -> String? {
        for attribute in self where attribute.name == name { return attribute.value }
        return nil
    }
}
