import Foundation
import GleanerHTML
import GleanerNormalize

/// What the page's schema.org JSON-LD says about its main story.
struct JSONLDData: Sendable, Equatable {
    struct Author: Sendable, Equatable {
        var name: String
        /// Typed `Organization` (or a subtype) rather than `Person`.
        var isOrganization: Bool
    }

    /// An object of an article type (`NewsArticle`, `BlogPosting`, any `*Article`) was found.
    var hasArticle = false
    var headline: String?
    var description: String?
    var datePublished: String?
    var dateModified: String?
    var authors: [Author] = []
    var publisherName: String?
    /// `name` of a `WebSite` object.
    var websiteName: String?
    var inLanguage: String?
    var keywords: [String] = []
    var image: String?
    var url: String?
    /// Every `@type` of top-level objects (`@graph` members and their `mainEntity`).
    var topLevelTypes: Set<String> = []
}

/// Reads `<script type="application/ld+json">` blocks.
///
/// Real JSON-LD is messy: one page has a single object, another an array, a third an
/// `@graph` whose members point at each other by `@id` (Yoast), a fourth wraps the article
/// in `WebPage.mainEntity`. Values are strings, arrays or nested objects. And a good share
/// of pages ship JSON that Foundation refuses (raw newlines in strings, trailing commas,
/// HTML comment wrappers, two objects back to back), so parsing retries after repairs and
/// finally falls back to picking `"key": "value"` pairs out of the text.
struct JSONLDReader {
    let rules: MetadataRules

    /// A budget, not a rule: pages carry a handful of blocks and a few kilobytes; a hostile
    /// one with 149,000 blocks took 2.3 s and 625 MB as Foundation objects.
    static let maximumScripts = 64
    static let maximumTotalBytes = 8 * 1024 * 1024

    /// Reads the page's JSON-LD blocks, the first `maximumScripts` of them and no more than
    /// `maximumTotalBytes` of text in all.
    func read(tree: DOMTree, scripts: [Int]) -> JSONLDData {
        var roots: [Any] = []
        var salvaged: [String: String] = [:]
        var bytesRead = 0
        for script in scripts.prefix(Self.maximumScripts) {
            let text = tree.rawText(of: script)
            bytesRead += text.utf8.count
            if bytesRead > Self.maximumTotalBytes { break }
            if let value = Self.parse(text) {
                roots.append(value)
            } else {
                for (key, value) in Self.salvage(text) where salvaged[key] == nil { salvaged[key] = value }
            }
        }
        var data = interpret(roots)
        if !data.hasArticle, let type = salvaged["@type"], rules.isArticleType(Self.shortType(type)) {
            // Unparseable block that still names an article type: take what can be picked out.
            data.hasArticle = true
            data.topLevelTypes.insert(Self.shortType(type))
            data.headline = data.headline ?? salvaged["headline"].flatMap(Self.text)
            data.datePublished = data.datePublished ?? salvaged["datePublished"].flatMap(Self.text)
            data.dateModified = data.dateModified ?? salvaged["dateModified"].flatMap(Self.text)
            data.inLanguage = data.inLanguage ?? salvaged["inLanguage"].flatMap(Self.text)
            data.description = data.description ?? salvaged["description"].flatMap(Self.text)
        }
        return data
    }

    // MARK: Interpretation

    /// An object found while walking, with whether it sits at page level (top, `@graph`,
    /// `mainEntity`) or nested inside something else (a list item, a related article).
    private struct Found {
        var object: [String: Any]
        var types: [String]
        var primary: Bool
    }

    func interpret(_ roots: [Any]) -> JSONLDData {
        var found: [Found] = []
        var byID: [String: [String: Any]] = [:]
        // Explicit stack: JSON nests arbitrarily deep; depth is capped anyway.
        var stack: [(value: Any, primary: Bool, depth: Int)] = roots.reversed().map { ($0, true, 0) }
        while let (value, primary, depth) = stack.popLast() {
            guard depth < 40 else { continue }
            if let array = value as? [Any] {
                for element in array.reversed() { stack.append((element, primary, depth + 1)) }
                continue
            }
            guard let object = value as? [String: Any] else { continue }
            let types = Self.types(of: object)
            if let id = object["@id"] as? String, object.count > 1, byID[id] == nil { byID[id] = object }
            if !types.isEmpty { found.append(Found(object: object, types: types, primary: primary)) }
            // Children: @graph and mainEntity stay page-level; everything else is nested.
            // Keys sorted: dictionary order is randomly seeded per process, records must not be.
            var children: [(Any, Bool)] = []
            for key in object.keys.sorted() {
                guard let child = object[key], child is [Any] || child is [String: Any] else { continue }
                let keepsLevel = key == "@graph" || (key == "mainEntity" && primary)
                children.append((child, primary && keepsLevel))
            }
            for (child, level) in children.reversed() { stack.append((child, level, depth + 1)) }
        }

        var data = JSONLDData()
        for item in found where item.primary { data.topLevelTypes.formUnion(item.types) }
        let articles = found.filter { $0.types.contains(where: rules.isArticleType) }
        let article = articles.first { $0.primary && Self.string($0.object["headline"] ?? $0.object["name"]) != nil }
            ?? articles.first { $0.primary } ?? articles.first
        let pages = found.filter { $0.primary && $0.types.contains(where: rules.pageTypes.contains) }
        data.websiteName = found.first { $0.types.contains("WebSite") }.flatMap { Self.text(Self.string($0.object["name"])) }

        guard let article else {
            data.inLanguage = pages.lazy.compactMap { self.language($0.object["inLanguage"]) }.first
            return data
        }
        let object = article.object
        data.hasArticle = true
        data.headline = Self.text(Self.string(object["headline"])) ?? Self.text(Self.string(object["name"]))
        data.description = Self.text(Self.string(object["description"]))
        data.datePublished = Self.text(Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"]))
        data.dateModified = Self.text(Self.string(object["dateModified"]))
        data.authors = authors(object["author"] ?? object["creator"], byID: byID)
        if let publisher = resolve(object["publisher"], byID: byID).first {
            data.publisherName = Self.text(Self.string(publisher["name"]))
        } else if let name = object["publisher"] as? String {
            data.publisherName = Self.text(name)
        }
        data.inLanguage = language(object["inLanguage"])
            ?? pages.lazy.compactMap { self.language($0.object["inLanguage"]) }.first
        data.keywords = Self.keywords(object["keywords"])
        data.image = image(object["image"] ?? object["thumbnailUrl"], byID: byID)
        data.url = Self.string(object["url"])
            ?? (object["mainEntityOfPage"] as? String)
            ?? (object["mainEntityOfPage"] as? [String: Any]).flatMap { Self.string($0["@id"]) ?? Self.string($0["url"]) }
        return data
    }

    /// `{"@id": …}` references replaced by the object they name.
    private func resolve(_ value: Any?, byID: [String: [String: Any]]) -> [[String: Any]] {
        var result: [[String: Any]] = []
        let list: [Any] = (value as? [Any]) ?? (value.map { [$0] } ?? [])
        for element in list {
            guard var object = element as? [String: Any] else { continue }
            if object.count == 1, let id = object["@id"] as? String, let target = byID[id] { object = target }
            result.append(object)
        }
        return result
    }

    private func authors(_ value: Any?, byID: [String: [String: Any]]) -> [JSONLDData.Author] {
        var result: [JSONLDData.Author] = []
        let list: [Any] = (value as? [Any]) ?? (value.map { [$0] } ?? [])
        for element in list {
            if let name = element as? String, let text = Self.text(name) {
                result.append(.init(name: text, isOrganization: false))
                continue
            }
            for object in resolve(element, byID: byID) {
                var name = Self.text(Self.string(object["name"]))
                if name == nil, let given = Self.string(object["givenName"]) {
                    name = Self.text(given + " " + (Self.string(object["familyName"]) ?? ""))
                }
                guard let name else { continue }
                let types = Self.types(of: object)
                let isOrganization = types.contains { $0 == "Organization" || $0 == "NewsMediaOrganization" || $0 == "Corporation" }
                result.append(.init(name: name, isOrganization: isOrganization))
            }
        }
        return result
    }

    private func language(_ value: Any?) -> String? {
        if let string = Self.string(value) { return Self.text(string) }
        if let object = value as? [String: Any] {
            return Self.text(Self.string(object["alternateName"]) ?? Self.string(object["name"]))
        }
        if let array = value as? [Any], let first = array.first { return language(first) }
        return nil
    }

    private func image(_ value: Any?, byID: [String: [String: Any]]) -> String? {
        if let string = value as? String { return Self.text(string) }
        if let array = value as? [Any] {
            for element in array {
                if let url = image(element, byID: byID) { return url }
            }
            return nil
        }
        for object in resolve(value, byID: byID) {
            if let url = Self.string(object["url"]) ?? Self.string(object["contentUrl"]) { return Self.text(url) }
        }
        return nil
    }

    static func keywords(_ value: Any?) -> [String] {
        var result: [String] = []
        if let string = value as? String {
            for part in string.split(separator: ",") {
                if let text = text(String(part)) { result.append(text) }
            }
        } else if let array = value as? [Any] {
            for element in array {
                if let string = element as? String, let text = text(string) { result.append(text) }
            }
        }
        return result
    }

    // MARK: Values

    /// The `@type`s of an object, without `schema:` or `http://schema.org/` prefixes.
    static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [shortType(type)] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String).map(shortType) } }
        return []
    }

    static func shortType(_ type: String) -> String {
        let trimmed = type.trimmedWhitespace()
        if let cut = trimmed.lastIndex(where: { $0 == "/" || $0 == ":" || $0 == "#" }) {
            return String(trimmed[trimmed.index(after: cut)...])
        }
        return trimmed
    }

    /// A string value, or the first string of an array, or a number as text.
    static func string(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let array = value as? [Any] { return array.lazy.compactMap { $0 as? String }.first }
        if let object = value as? [String: Any], let inner = object["@value"] as? String { return inner }
        return nil
    }

    /// Cleaned text with HTML entities decoded (many CMSs HTML-escape JSON-LD strings).
    static func text(_ raw: String?) -> String? {
        guard let raw else { return nil }
        return TextCleaner.nonEmpty(raw.utf8.contains(UInt8(ascii: "&")) ? HTMLEntities.decode(raw) : raw)
    }

    // MARK: Parsing

    /// Parses a script's text, repairing common breakage; nil if it stays unparseable.
    static func parse(_ raw: String) -> Any? {
        var text = raw.trimmedWhitespace()
        for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] where text.hasPrefix(wrapper) {
            text = String(text.dropFirst(wrapper.count))
        }
        for wrapper in ["-->", "//]]>", "]]>"] where text.hasSuffix(wrapper) {
            text = String(text.dropLast(wrapper.count))
        }
        text = text.trimmedWhitespace()
        while text.hasSuffix(";") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        if let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return value
        }
        let repaired = repair(text)
        return try? JSONSerialization.jsonObject(with: Data(repaired.utf8), options: [.fragmentsAllowed])
    }

    /// Fixes what breaks most hand-assembled JSON-LD: control characters inside strings,
    /// trailing commas, and several top-level values back to back (wrapped into an array).
    static func repair(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var escaped = false
        var depth = 0
        var topLevelValues = 0
        var pendingComma = false
        for scalar in text.unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                } else if scalar.value < 0x20 {
                    out.append(" ")
                    continue
                }
                out.append(scalar)
                continue
            }
            switch scalar {
            case "\"":
                if pendingComma { out.append(","); pendingComma = false }
                inString = true
                out.append(scalar)
            case ",":
                if pendingComma { continue }  // ",," collapses
                pendingComma = true
            case "}", "]":
                pendingComma = false  // a trailing comma before a closer is dropped
                out.append(scalar)
                depth -= 1
            case "{", "[":
                if pendingComma { out.append(","); pendingComma = false }
                if depth == 0 {
                    if topLevelValues > 0 { out.append(",") }
                    topLevelValues += 1
                }
                depth += 1
                out.append(scalar)
            default:
                if scalar.properties.isWhitespace { continue }
                if pendingComma { out.append(","); pendingComma = false }
                out.append(scalar)
            }
        }
        let body = String(out)
        return topLevelValues > 1 ? "[" + body + "]" : body
    }

    /// Last resort for unparseable blocks: the first `"key": "string"` per key.
    static func salvage(_ text: String) -> [String: String] {
        let keys = ["@type", "headline", "datePublished", "dateModified", "inLanguage", "description"]
        var result: [String: String] = [:]
        for key in keys {
            guard let range = text.range(of: "\"" + key + "\"") else { continue }
            let index = range.upperBound
            let scalars = text.unicodeScalars
            var i = index.samePosition(in: scalars) ?? scalars.startIndex
            while i < scalars.endIndex, scalars[i] == " " || scalars[i] == ":" || scalars[i] == "\n" || scalars[i] == "\t" {
                i = scalars.index(after: i)
            }
            guard i < scalars.endIndex, scalars[i] == "\"" else { continue }
            var value = String.UnicodeScalarView()
            var escaped = false
            i = scalars.index(after: i)
            while i < scalars.endIndex {
                let c = scalars[i]
                if escaped {
                    switch c {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    case "/", "\\", "\"": value.append(c)
                    default: value.append(c)
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    break
                } else {
                    value.append(c)
                }
                i = scalars.index(after: i)
            }
            result[key] = String(value)
        }
        return result
    }
}
