import GleanerHTML

/// One linear pass over the page that collects everything the metadata readers look at, so
/// no reader walks the whole tree again: meta/link tags, JSON-LD scripts, headings, `time`
/// elements, microdata elements, and byline and date candidates (by cheap `class` checks
/// that allocate nothing unless they hit).
struct MetadataScan {
    var meta = MetaTags()
    var jsonLDScripts: [Int] = []
    var h1s: [Int] = []
    /// The first h2/h3 elements (old blog themes title the post with one of them).
    var subheadings: [Int] = []
    var times: [Int] = []
    /// Elements with `itemprop` or `itemscope`.
    var microdata: [Int] = []
    /// Elements whose `class`/`id` names a byline or author, and `rel=author` links.
    var bylines: [Int] = []
    /// `a rel=tag` links.
    var tagLinks: [Int] = []
    /// Elements whose `class` mentions a date ("date", "datum", "time", "publish").
    var dates: [Int] = []

    /// Group 1: names of bylines; group 2: names of dates.
    private static let candidateNeedles = ByteNeedleSet(
        groups: [["author", "byline", "autor", "writer", "contributor"], ["date", "datum", "time", "publish"]],
        foldingCase: true)

    /// Byline and date candidates hold at most this much visible text; bigger elements are
    /// not checked (most of a page's containers).
    static let maximumCandidateLength: Int32 = 200

    init(analysis: PageAnalysis) {
        let tree = analysis.tree
        // Borrow nodes from the buffer instead of copying each `DOMNode` (three
        // reference-counted fields) on every step of the page-long loop.
        // What each distinct tag name of the page is to this scan, looked up once per name
        // rather than string-compared on every element.
        let roles = tree.names.map { Self.roles[$0] ?? .other }
        // The static needle set fetched once: each read of it went through its lazy
        // initialiser's check and retained its three arrays.
        let needles = Self.candidateNeedles
        tree.nodes.withUnsafeBufferPointer { nodes in
            for i in 0..<nodes.count where nodes[i].kind == .element {
                scan(nodes, i, role: roles[Int(nodes[i].nameID)], analysis: analysis, needles: needles)
            }
        }
    }

    /// Elements the scan collects by name.
    private enum Role {
        case other, metaTag, script, h1, subheading, time
    }

    private static let roles: [String: Role] = [
        "meta": .metaTag, "link": .metaTag, "base": .metaTag, "title": .metaTag, "html": .metaTag,
        "script": .script, "h1": .h1, "h2": .subheading, "h3": .subheading, "time": .time,
    ]

    private mutating func scan(
        _ nodes: UnsafeBufferPointer<DOMNode>, _ i: Int, role: Role, analysis: PageAnalysis, needles: ByteNeedleSet
    ) {
        switch role {
        case .metaTag:
            meta.read(nodes, index: i, tree: analysis.tree)
        case .script:
            if let type = nodes[i].attribute("type"), ClassTokens.containsASCII(type, "ld+json") {
                jsonLDScripts.append(i)
            }
            return
        case .h1:
            h1s.append(i)
        case .subheading:
            if subheadings.count < 60 { subheadings.append(i) }
        case .time:
            times.append(i)
        case .other:
            break
        }
        guard !nodes[i].attributes.isEmpty else { return }
        let textLength = analysis.textLength[i]
        let mayBeCandidate = textLength > 0 && textLength <= Self.maximumCandidateLength && !analysis.excluded[i]
        var isMicrodata = false
        var isByline = false
        var isDate = false
        // Attributes read in place: iterating the array copied each one out (its name and
        // value retained and released), for every element with attributes.
        nodes[i].attributes.withUnsafeBufferPointer { attributes in
            for k in attributes.indices {
                if attributes[k].isNamed("itemprop") || attributes[k].isNamed("itemscope") {
                    isMicrodata = true
                } else if attributes[k].isNamed("rel") {
                    guard nodes[i].name == "a" else { continue }
                    let value = attributes[k].value
                    if ClassTokens.containsASCII(value, "author") { isByline = true }
                    // WordPress marks category links `rel="category tag"`: categories are not
                    // tags. No word can be "tag" unless the bytes are there (only T, A, G
                    // lower-case to t, a, g, and "tag" has no other canonical form): most rel
                    // values ("nofollow", "author") skip the lower-casing and splitting.
                    guard ClassTokens.containsASCII(value, "tag") else { continue }
                    let rels = value.lowercased().split(separator: " ")
                    if rels.contains("tag") && !rels.contains("category") { tagLinks.append(i) }
                } else if attributes[k].isNamed("class") || attributes[k].isNamed("id") {
                    guard mayBeCandidate else { continue }
                    let groups = needles.groups(in: attributes[k].value)
                    if groups & 1 != 0 { isByline = true }
                    if groups & 2 != 0 { isDate = true }
                }
            }
        }
        if isMicrodata { microdata.append(i) }
        if isByline { bylines.append(i) }
        if isDate, role != .time { dates.append(i) }
    }
}
