import CLibXML2
import GleanerModel

/// Receives libxml2's SAX events and appends `DOMNode`s in document order.
///
/// Building our own tree from events skips libxml2's tree (one malloc per node, attribute
/// and string, then a free for each), which made up most of the cost of a DOM parse.
/// Adjacent character chunks are merged into one text node. Lives only for one parse, on one
/// thread. A struct reached through an unsafe pointer from the C callbacks: as a class, its
/// every array append paid a dynamic exclusivity check.
struct SAXTreeBuilder {
    private(set) var nodes: [DOMNode] = []
    /// Open elements, innermost last.
    private var openElements: [Int32] = [0]
    /// Last child appended to each open element, parallel to `openElements`.
    private var lastChild: [Int32] = [-1]
    private var pendingText: [UInt8] = []
    /// Tag and attribute names come from libxml2's dictionary: one pointer per distinct name,
    /// so each name is converted to a String once per page. An open-addressing table on the
    /// pointer's bits: a `Dictionary` paid a full SipHash per element and attribute.
    private var nameSlots = [InternedName](repeating: InternedName(), count: 256)
    private var nameCount = 0
    private let scriptText: ScriptTextPolicy
    /// Inside a `script`/`style` element whose text the policy drops.
    private var discardingText = false

    /// Every interned name, indexed by its id (`DOMNode.nameID`); id 0 is the empty name of
    /// text nodes, id 1 the document node's.
    private var names = ["", "#document"]
    private var nameIDs: [String: UInt32] = ["": 0, "#document": 1]

    private struct InternedName {
        var pointer: UnsafePointer<xmlChar>?
        var name = ""
        var isNonContent = false
        var id: UInt32 = 0
    }

    init(estimatedBytes: Int, scriptText: ScriptTextPolicy = .all) {
        self.scriptText = scriptText
        nodes.reserveCapacity(max(64, estimatedBytes / 40))
        nodes.append(DOMNode(
            kind: .element, name: "#document", isNonContent: false, nameID: 1, text: "", attributes: [], parent: -1, depth: 0))
        pendingText.reserveCapacity(4096)
    }

    mutating func finish() -> DOMTree {
        flushText()
        while openElements.count > 1 { closeTop() }
        nodes[0].subtreeEnd = nodes.count - 1
        return DOMTree(nodes: nodes, names: names)
    }

    mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        discardingText = false
        var parsedAttributes: [HTMLAttribute] = []
        if let attributes {
            // Sized once: growing the array append by append was 2% of extraction.
            var count = 0
            while attributes[2 * count] != nil { count += 1 }
            parsedAttributes.reserveCapacity(count)
        }
        if var cursor = attributes {
            while let attributeName = cursor.pointee {
                let value = cursor.advanced(by: 1).pointee
                parsedAttributes.append(HTMLAttribute(
                    name: internedName(attributeName),
                    value: value.map { String(cString: $0) } ?? ""))
                cursor = cursor.advanced(by: 2)
            }
        }
        let slot = name.map { internedSlot($0) }
        let index = append(DOMNode(
            kind: .element, name: slot.map { nameSlots[$0].name } ?? "",
            isNonContent: slot.map { nameSlots[$0].isNonContent } ?? false, nameID: slot.map { nameSlots[$0].id } ?? 0,
            text: "", attributes: parsedAttributes,
            parent: openElements[openElements.count - 1], depth: Int32(openElements.count)))
        openElements.append(index)
        lastChild.append(-1)
        if scriptText == .dataOnly, nodes[Int(index)].isNonContent {
            discardingText = Self.dropsText(of: nodes[Int(index)])
        }
    }

    /// Under `.dataOnly`: styles, and scripts that are not JSON data (JSON-LD, state blobs).
    private static func dropsText(of node: DOMNode) -> Bool {
        switch node.name {
        case "style":
            return true
        case "script":
            guard let type = node.attribute("type") else { return true }
            return !type.lowercased().containsUTF8("json")
        default:
            return false
        }
    }

    mutating func endElement() {
        discardingText = false
        flushText()
        if openElements.count > 1 { closeTop() }
    }

    mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let characters, length > 0, !discardingText else { return }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
    }

    private mutating func closeTop() {
        let index = Int(openElements.removeLast())
        lastChild.removeLast()
        nodes[index].subtreeEnd = nodes.count - 1
    }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        let text = String(decoding: pendingText, as: UTF8.self)
        pendingText.removeAll(keepingCapacity: true)
        let index = append(DOMNode(
            kind: .text, name: "", isNonContent: false, nameID: 0, text: text, attributes: [],
            parent: openElements[openElements.count - 1], depth: Int32(openElements.count)))
        nodes[Int(index)].subtreeEnd = Int(index)
    }

    /// Appends a node and links it as the last child of the innermost open element.
    private mutating func append(_ node: consuming DOMNode) -> Int32 {
        let index = Int32(nodes.count)
        let parent = Int(node.parent)
        nodes.append(node)
        let previous = lastChild[lastChild.count - 1]
        if previous >= 0 {
            nodes[Int(previous)].nextSibling = index
        } else {
            nodes[parent].firstChild = index
        }
        lastChild[lastChild.count - 1] = index
        return index
    }

    private mutating func internedName(_ pointer: UnsafePointer<xmlChar>) -> String {
        nameSlots[internedSlot(pointer)].name
    }

    /// The slot of `pointer`'s name in `nameSlots`, converting the name on first sight.
    private mutating func internedSlot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        var slot = Self.slot(of: pointer, mask: nameSlots.count - 1)
        while let occupant = nameSlots[slot].pointer {
            if occupant == pointer { return slot }
            slot = (slot + 1) & (nameSlots.count - 1)
        }
        var name = String(cString: pointer)
        if name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { name = name.lowercased() }
        // Two pointers can carry one name ("DIV" and "div" lower-case alike).
        let id = nameIDs[name] ?? UInt32(truncatingIfNeeded: names.count)
        if id == names.count {
            names.append(name)
            nameIDs[name] = id
        }
        nameSlots[slot] = InternedName(
            pointer: pointer, name: name, isNonContent: HTMLVocabulary.nonContentElements.contains(name), id: id)
        nameCount += 1
        if nameCount * 2 > nameSlots.count {
            growNameSlots()
            return internedSlot(pointer)
        }
        return slot
    }

    private mutating func growNameSlots() {
        let old = nameSlots
        nameSlots = [InternedName](repeating: InternedName(), count: old.count * 2)
        for entry in old {
            guard let pointer = entry.pointer else { continue }
            var slot = Self.slot(of: pointer, mask: nameSlots.count - 1)
            while nameSlots[slot].pointer != nil { slot = (slot + 1) & (nameSlots.count - 1) }
            nameSlots[slot] = entry
        }
    }

    @inline(__always)
    private static func slot(of pointer: UnsafePointer<xmlChar>, mask: Int) -> Int {
        let bits = UInt(bitPattern: pointer) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: bits >> 40) & mask
    }
}
