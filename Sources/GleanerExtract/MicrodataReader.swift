import GleanerHTML
import GleanerNormalize

/// What the page's schema.org microdata (`itemscope`/`itemprop`) says about its story.
struct MicrodataData: Sendable, Equatable {
    /// An `itemscope` of an article type exists.
    var hasArticle = false
    var headline: String?
    /// The element `itemprop=headline` was read from.
    var headlineNode: Int?
    var datePublished: String?
    var dateModified: String?
    /// Author texts, not yet split into names.
    var authors: [String] = []
    var publisherName: String?
    var image: String?
    var inLanguage: String?
    var keywords: [String] = []
    var description: String?
}

/// Reads microdata properties that belong to the article.
///
/// A property belongs to its nearest enclosing `itemscope`. Comment sections, author boxes
/// and related-article teasers carry their own scopes (`Comment`, `Person`, another
/// `Article`) with their own `author` and `datePublished`, so a property is only taken when
/// its scope is the page's first article scope, a page scope (`WebPage`), or — on pages
/// without any article scope — no scope at all.
struct MicrodataReader {
    let rules: MetadataRules

    func read(tree: DOMTree, elements: [Int]) -> MicrodataData {
        var data = MicrodataData()
        var articleScope: Int?
        for index in elements where tree[index].attribute("itemscope") != nil {
            if Self.types(of: tree[index]).contains(where: rules.isArticleType) {
                articleScope = index
                break
            }
        }
        data.hasArticle = articleScope != nil
        for index in elements {
            let node = tree[index]
            guard let props = node.attribute("itemprop") else { continue }
            guard accepts(owner: owner(of: index, tree: tree), articleScope: articleScope, tree: tree) else { continue }
            for prop in props.splitASCII(separator: 0x20) {
                switch prop {
                case "headline":
                    if data.headline == nil {
                        data.headline = TextCleaner.nonEmpty(Self.value(of: index, tree: tree))
                        if data.headline != nil { data.headlineNode = index }
                    }
                case "datePublished":
                    if data.datePublished == nil { data.datePublished = TextCleaner.nonEmpty(Self.value(of: index, tree: tree)) }
                case "dateModified":
                    if data.dateModified == nil { data.dateModified = TextCleaner.nonEmpty(Self.value(of: index, tree: tree)) }
                case "author", "creator":
                    if let name = scopedName(of: index, tree: tree) { data.authors.append(name) }
                case "publisher":
                    if data.publisherName == nil { data.publisherName = scopedName(of: index, tree: tree) }
                case "image", "thumbnailUrl":
                    if data.image == nil {
                        if node.attribute("itemscope") != nil {
                            data.image = propertyValue("url", in: index, tree: tree) ?? propertyValue("contentUrl", in: index, tree: tree)
                        } else {
                            data.image = TextCleaner.nonEmpty(Self.value(of: index, tree: tree))
                        }
                    }
                case "inLanguage":
                    if data.inLanguage == nil { data.inLanguage = TextCleaner.nonEmpty(Self.value(of: index, tree: tree)) }
                case "keywords":
                    if data.keywords.isEmpty, let value = TextCleaner.nonEmpty(Self.value(of: index, tree: tree)) {
                        data.keywords = value.split(separator: ",").compactMap { TextCleaner.nonEmpty(String($0)) }
                    }
                case "description":
                    if data.description == nil { data.description = TextCleaner.nonEmpty(Self.value(of: index, tree: tree)) }
                default:
                    continue
                }
            }
        }
        return data
    }

    /// Whether a property owned by `owner` describes the article (see the type comment).
    private func accepts(owner: Int?, articleScope: Int?, tree: DOMTree) -> Bool {
        guard let owner else { return articleScope == nil }
        if owner == articleScope { return true }
        guard articleScope == nil else { return false }
        return Self.types(of: tree[owner]).contains(where: rules.pageTypes.contains)
    }

    /// The nearest ancestor (not the element itself) with `itemscope`.
    private func owner(of index: Int, tree: DOMTree) -> Int? {
        var p = Int(tree[index].parent)
        var steps = 0
        while p > 0 && steps < 400 {
            if tree[p].attribute("itemscope") != nil { return p }
            p = Int(tree[p].parent)
            steps += 1
        }
        return nil
    }

    /// A person's or organisation's name: the `name` property of its own scope, or its text.
    private func scopedName(of index: Int, tree: DOMTree) -> String? {
        let node = tree[index]
        if node.attribute("itemscope") != nil {
            return propertyValue("name", in: index, tree: tree)
                ?? propertyValue("givenName", in: index, tree: tree).map { given in
                    given + (propertyValue("familyName", in: index, tree: tree).map { " " + $0 } ?? "")
                }
        }
        // A link's href is a profile URL; the name is its text.
        if let content = node.attribute("content") { return TextCleaner.nonEmpty(content) }
        return TextCleaner.nonEmpty(tree.rawText(of: index))
    }

    /// Value of the first `itemprop=name` inside the scope `scope`.
    private func propertyValue(_ name: String, in scope: Int, tree: DOMTree) -> String? {
        let end = tree[scope].subtreeEnd
        var j = scope + 1
        while j <= end {
            let node = tree[j]
            if node.isElement, let props = node.attribute("itemprop"), props.splitASCII(separator: 0x20).contains(Substring(name)) {
                return TextCleaner.nonEmpty(Self.value(of: j, tree: tree))
            }
            j += 1
        }
        return nil
    }

    /// A property's value per the microdata rules: `content`, then the element's URL or
    /// machine-readable attribute, then its text.
    static func value(of index: Int, tree: DOMTree) -> String? {
        let node = tree[index]
        if let content = node.attribute("content") { return content }
        switch node.name {
        case "img", "audio", "video", "source", "embed", "iframe", "track":
            return node.attribute("src")
        case "a", "area", "link":
            return node.attribute("href")
        case "object":
            return node.attribute("data")
        case "data", "meter":
            return node.attribute("value")
        case "time":
            return node.attribute("datetime") ?? tree.rawText(of: index)
        default:
            return tree.rawText(of: index)
        }
    }

    /// `itemtype` URLs shortened to type names.
    static func types(of node: DOMNode) -> [String] {
        guard let itemtype = node.attribute("itemtype") else { return [] }
        return itemtype.splitASCII(separator: 0x20).map { JSONLDReader.shortType(String($0)) }
    }
}
