import GleanerHTML
import GleanerModel

/// Decides whether an element is page furniture from its name, ARIA role and
/// `id`/`class` tokens, using `ExtractionRules`.
///
/// Runs once per element, so substring tests work on UTF-8 bytes rather than through
/// Foundation's string search, which dominated profiles.
struct BoilerplateClassifier: Sendable {
    let rules: ExtractionRules
    /// Article-body markers, strict-furniture and furniture substrings, tested in one scan.
    private let needles: ByteNeedleSet
    private static let markerGroup: UInt32 = 1
    private static let strictGroup: UInt32 = 2
    private static let furnitureGroup: UInt32 = 4
    /// Strict-furniture, furniture and content tokens: one probe per token for all three.
    private let tokens: ByteTokenSet
    private static let strictToken: UInt32 = 1
    private static let furnitureToken: UInt32 = 2
    private static let contentToken: UInt32 = 4

    init(rules: ExtractionRules) {
        self.rules = rules
        needles = ByteNeedleSet(groups: [
            rules.articleBodyMarkers, rules.strictBoilerplateSubstrings, rules.boilerplateSubstrings,
        ])
        tokens = ByteTokenSet(groups: [
            Array(rules.strictBoilerplateTokens), Array(rules.boilerplateTokens), Array(rules.contentTokens),
        ])
    }

    enum Verdict {
        /// Not furniture.
        case content
        /// Furniture, unless it turns out to wrap most of the article (a layout wrapper).
        case furniture
        /// Furniture whatever it holds: comment sections can outweigh the article.
        case strictFurniture
    }

    /// What an element is, and whether it is marked as the article body.
    struct Inspection {
        var verdict: Verdict
        var isArticleBodyMarker: Bool
    }

    func isBoilerplate(_ node: DOMNode) -> Bool {
        classify(node) != .content
    }

    func classify(_ node: DOMNode) -> Verdict {
        inspect(node).verdict
    }

    func inspect(_ node: DOMNode) -> Inspection {
        var scratch: [UInt8] = []
        return inspect(node, isBoilerplateElement: rules.boilerplateElements.contains(node.name), scratch: &scratch)
    }

    /// `inspect` for a caller that has already looked the element's name up in
    /// `rules.boilerplateElements` (by `DOMTree.nameMask`) and lends a buffer for the
    /// `id`/`class` bytes, so a page-long loop allocates once instead of per element.
    func inspect(_ node: DOMNode, isBoilerplateElement: Bool, scratch bytes: inout [UInt8]) -> Inspection {
        guard node.isElement else { return Inspection(verdict: .content, isArticleBodyMarker: false) }
        return inspect(attributes: node.attributes, isBoilerplateElement: isBoilerplateElement, scratch: &bytes)
    }

    /// `inspect` of an element by its attributes (see `HTMLAttributes.attributeNamed`).
    func inspect(attributes: HTMLAttributes, isBoilerplateElement: Bool, scratch bytes: inout [UInt8]) -> Inspection {
        var marker = false
        // One pass over the attributes for everything read here (the first `itemprop`,
        // `id` and `role`; every `id`/`class` value's bytes), instead of four.
        var itemprop: String?
        var id: String?
        var role: String?
        bytes.removeAll(keepingCapacity: true)
        for attribute in attributes {
            if attribute.isNamed("id") {
                if id == nil { id = attribute.value }
                Self.appendIDOrClass(attribute.value, to: &bytes)
            } else if attribute.isNamed("class") {
                Self.appendIDOrClass(attribute.value, to: &bytes)
            } else if attribute.isNamed("itemprop") {
                if itemprop == nil { itemprop = attribute.value }
            } else if attribute.isNamed("role") {
                if role == nil { role = attribute.value }
            }
        }
        Self.lowercaseASCII(&bytes)
        if let itemprop, itemprop.equalsIgnoringCase("articlebody") { marker = true }
        if let id, rules.articleBodyMarkerIDs.contains(where: { id.equalsIgnoringCase($0) }) {
            marker = true
        }
        let substrings = bytes.isEmpty ? 0 : needles.groups(in: bytes)
        if substrings & Self.markerGroup != 0 { marker = true }
        if isBoilerplateElement { return Inspection(verdict: .furniture, isArticleBodyMarker: marker) }
        if let role = role?.lowercased(), rules.boilerplateRoles.contains(role) {
            return Inspection(verdict: .furniture, isArticleBodyMarker: marker)
        }
        guard !bytes.isEmpty else { return Inspection(verdict: .content, isArticleBodyMarker: marker) }
        // One pass over the tokens; precedence: strict > furniture > content.
        var strict = false
        var furniture = false
        var content = false
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in 0...bytes.count {
                if end < bytes.count, !Self.isSeparator(bytes[end]) { continue }
                if end > start {
                    let groups = tokens.groups(of: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if groups & Self.strictToken != 0 {
                        strict = true
                        break
                    }
                    if groups & Self.furnitureToken != 0 { furniture = true }
                    if groups & Self.contentToken != 0 { content = true }
                }
                start = end + 1
            }
        }
        let verdict: Verdict
        if strict || substrings & Self.strictGroup != 0 {
            verdict = .strictFurniture
        } else if furniture {
            verdict = .furniture
        } else if content {
            verdict = .content
        } else {
            verdict = substrings & Self.furnitureGroup != 0 ? .furniture : .content
        }
        return Inspection(verdict: verdict, isArticleBodyMarker: marker)
    }

    /// Appends an `id`/`class` value to the bytes `inspect` scans (space-separated; ASCII
    /// lower-cased afterwards).
    @inline(__always)
    private static func appendIDOrClass(_ value: String, to result: inout [UInt8]) {
        if !result.isEmpty { result.append(0x20) }
        // From the value's own bytes: appending from `utf8` byte by byte was most of
        // this function's 1.4% of a run.
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { bytes in
            result.append(contentsOf: bytes)
        }
        if copied == nil { result.append(contentsOf: value.utf8) }
    }

    @inline(__always)
    private static func lowercaseASCII(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { bytes in
            for i in bytes.indices { bytes[i] = bytes[i].asciiLowercased }
        }
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2D || byte == 0x5F || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x3A
    }

    /// True when the element is marked as the article body by its class or microdata.
    func isArticleBodyMarker(_ node: DOMNode) -> Bool {
        inspect(node).isArticleBodyMarker
    }

    /// Splits an id/class string on spaces, dashes and underscores.
    static func tokens(_ value: String) -> [String] {
        value.splitASCII { $0 == 0x20 || $0 == 0x2D || $0 == 0x5F || $0 == 0x09 || $0 == 0x0A || $0 == 0x3A }
            .map(String.init)
    }
}
