import GleanerHTML
import GleanerModel

/// Names the source each metadata field's value came from, for `--explain`: the value is
/// looked up again among the candidates the precedence functions consult, in their order.
extension MetadataExtractor {
    func explainFields(_ metadata: Metadata) -> [Explanation.FieldChoice] {
        let s = readSources()
        let tree = analysis.tree
        var fields: [Explanation.FieldChoice] = []
        func path(_ node: Int) -> String { ExplanationBuilder.path(node, in: tree) }

        // headline
        var headlineSource = "none"
        if let headline = metadata.headline {
            var candidates: [(String, String?)] = [("json-ld headline", s.jsonLD.headline)]
            candidates += rules.metadata.titleKeys.map { ("meta \($0)", s.meta.first($0)) }
            candidates.append(("microdata headline", s.microdata.headline))
            if let node = metadata.headlineNode { candidates.append(("visible heading \(path(node))", tree.rawText(of: node))) }
            candidates.append(("<title>", s.meta.title))
            headlineSource = Self.origin(of: headline, among: candidates)
                ?? "<title> or a metadata title without the site name"
            if let node = metadata.headlineNode, headlineSource.hasPrefix("visible") == false {
                headlineSource += "; shown at \(path(node))"
            }
        }
        fields.append(.init(field: "headline", value: metadata.headline, source: headlineSource))

        // site name
        var siteSource = "none"
        if let site = metadata.siteName {
            let candidates: [(String, String?)] = [
                ("meta og:site_name", s.meta.first(of: rules.metadata.siteNameKeys)),
                ("json-ld publisher.name", s.jsonLD.publisherName),
                ("meta application-name", s.meta.first(of: rules.metadata.applicationNameKeys)),
                ("json-ld WebSite.name", s.jsonLD.websiteName), ("microdata publisher", s.microdata.publisherName),
            ]
            siteSource = Self.origin(of: site, among: candidates) ?? "blog-name h1 (the smaller part of <title>)"
        }
        fields.append(.init(field: "site_name", value: metadata.siteName, source: siteSource))

        // authors
        for author in metadata.authors {
            var candidates: [(String, String?)] = [("json-ld author", s.jsonLD.authors.map(\.name).joined(separator: ", "))]
            candidates += rules.metadata.authorKeys.map { ("meta \($0)", s.meta.first($0)) }
            candidates.append(("microdata author", s.microdata.authors.joined(separator: ", ")))
            let source = Self.origin(of: author, among: candidates, containment: true)
                ?? "byline on the page (metadata.bylineTokens, bylinePrefixes)"
            fields.append(.init(field: "authors", value: author, source: source))
        }
        if metadata.authors.isEmpty { fields.append(.init(field: "authors", value: nil, source: "none")) }
        fields.append(.init(field: "agency", value: metadata.agency, source: metadata.agency == nil ? "none" : "agency credit (metadata.agencyCodes, agencyNames)"))

        // dates
        for (field, value, structured, keys) in [
            ("published", metadata.published, [s.jsonLD.datePublished, s.microdata.datePublished], rules.metadata.publishedKeys),
            ("modified", metadata.modified, [s.jsonLD.dateModified, s.microdata.dateModified], rules.metadata.modifiedKeys),
        ] {
            var source = "none"
            if let value {
                var candidates: [(String, String?)] = [("json-ld date\(field.capitalized)", structured[0])]
                candidates += keys.map { ("meta \($0)", s.meta.first($0)) }
                candidates.append(("microdata date\(field.capitalized)", structured[1]))
                source = candidates.first { Self.chooseDate([$0.1])?.iso8601 == value }?.0
                    ?? "date shown on the page near the headline (time element or text)"
            }
            fields.append(.init(field: field, value: value, source: source))
        }

        // lead
        var leadSource = "none"
        if let node = metadata.leadNode {
            leadSource = "element \(path(node)) (metadata.leadTokens, or the first paragraph matching the description)"
        }
        fields.append(.init(field: "lead", value: metadata.lead, source: leadSource))
        return fields
    }

    /// The label of the first candidate equal to `value` (after whitespace clean-up), or
    /// containing it when `containment` is set.
    static func origin(of value: String, among candidates: [(String, String?)], containment: Bool = false) -> String? {
        let key = headlineKey(value)
        for (label, candidate) in candidates {
            guard let candidate else { continue }
            let other = headlineKey(candidate)
            if other == key || (containment && other.contains(key)) || (!containment && keysAgree(key, other)) {
                return label
            }
        }
        return nil
    }
}
