import CLibXML2
import Foundation
import GleanerModel

/// Receives libxml2's SAX events and appends `DOMNode`s in document order.
///
/// Building our own tree from events skips libxml2's tree (one malloc per node, attribute
/// and string, then a free for each), which made up most of the cost of a DOM parse.
/// Adjacent character chunks are merged into one text node. Lives only for one parse, on one
/// thread. A struct reached through an unsafe pointer from the C callbacks: as a class, its
/// every array append paid a dynamic exclusivity check.
///
/// It also keeps the page's budget (`ParseLimits`): each callback returns false when the
/// parse must stop (`stop` says why), and text past the per-node limit is not kept.
struct SAXTreeBuilder {
    /// Why a parse was stopped before the end of the input.
    enum Stop: Equatable {
        case tooComplex(String)
        case timeout(Double)
    }

    private(set) var nodes: [DOMNode] = []
    /// Every element's attributes, back to back in document order; `finish` gives each
    /// element its range (see `HTMLAttributes`).
    private var attributeStore: [HTMLAttribute] = []
    /// Where each element with attributes has them in `attributeStore`.
    private var attributeRanges: [AttributeRange] = []

    private struct AttributeRange {
        var node: Int32
        var start: Int32
        var end: Int32
    }
    private(set) var stop: Stop?
    /// Open elements, innermost last.
    private var openElements: [Int32] = [0]
    /// Last child appended to each open element, parallel to `openElements`.
    private var lastChild: [Int32] = [-1]
    private var pendingText: [UInt8] = []
    /// Text of the pending node was cut at `limits.maximumTextBytesPerNode`.
    private var pendingTextFull = false
    /// Where in `pendingText` the previous `characters` call put a lone `&`, or -1. libxml2
    /// hands on an entity reference without its `;` as two calls, `&` and the name; see
    /// `legacyEntity`.
    private var loneAmpersand = -1
    /// Tag and attribute names, interned by their bytes: each distinct name is converted
    /// to a String once per page. An open-addressing table keyed by a hash of the bytes (not
    /// by the address libxml2 passes, which is only stable while its dictionary lives and
    /// says nothing about equal names at two addresses).
    private var nameSlots = [InternedName](repeating: InternedName(), count: 256)
    /// The slot last found for a name address (direct-mapped by address): names reach the
    /// callbacks from the parser's dictionary or as C string constants, and both stay at one
    /// address with the same bytes for the whole parse, so a hit skips `strlen`, hashing and
    /// comparing (2% of a whole `gleaner extract` run). Only for this one parse.
    private var addressCache = [AddressCacheEntry](repeating: AddressCacheEntry(), count: 128)
    private var nameCount = 0
    private let scriptText: ScriptTextPolicy
    /// Inside a `script`/`style` element whose text the policy drops.
    private var discardingText = false
    /// The element just started is a `script`/`style` whose text the policy drops.
    var isDroppingText: Bool { discardingText }
    /// Whether libxml2 may skip dropped script/style text (see `gleaner_skip_raw_text`).
    let skipsDroppedText: Bool
    private let limits: ParseLimits
    private var elementCount = 0
    private var eventsUntilClockCheck: Int
    private let startCPUTime: Double

    /// Every interned name, indexed by its id (`DOMNode.nameID`); id 0 is the empty name of
    /// text nodes, id 1 the document node's.
    private var names = ["", "#document"]

    private struct AddressCacheEntry {
        var address: UInt = 0
        var slot = 0
    }

    /// Plain values only (the bytes live in `nameBytes`, the String in `names`): a table of
    /// them is made without a retain per slot (a String and an array per slot were 512
    /// retains and releases per page, most of a short page's tree set-up).
    private struct InternedName {
        var used = false
        /// Where the name's bytes as libxml2 gave them are in `nameBytes`.
        var bytesStart: Int32 = 0
        var bytesCount: Int32 = 0
        var hash: UInt64 = 0
        var isNonContent = false
        var id: UInt32 = 0
    }
    /// The bytes of every interned name, back to back.
    private var nameBytes: [UInt8] = []

    /// Attribute values `AttributeLimiter` replaced by placeholders, put back here.
    private let stash: AttributeStash?
    /// A placeholder reached a text node (see `AttributeLimiter`): the tree is not the page's.
    private(set) var stashLeaked = false

    init(
        estimatedBytes: Int, counts: (startTags: Int, attributes: Int, textRuns: Int)? = nil, scriptText: ScriptTextPolicy = .all,
        limits: ParseLimits = .default, skipsDroppedText: Bool = true, stash: AttributeStash? = nil
    ) {
        self.stash = stash
        self.scriptText = scriptText
        self.skipsDroppedText = skipsDroppedText
        self.limits = limits
        eventsUntilClockCheck = max(1, limits.checkInterval)
        startCPUTime = Self.threadCPUTime()
        if let counts {
            // The pre-scan counted the start tags (elements), their attributes and the runs
            // of text between tags (text nodes, blank ones included). Sized from bytes, most
            // pages' node arrays grew once or twice, each time copied whole; sized as 2.25
            // nodes per element, half of the 1,102 scrapinghub and dragnet pages still grew
            // once (pretty-printed pages hold two text nodes per element), and a 900 KB page
            // held its old 1.9 MB array and the new 3.8 MB one at once: the batch's peak RSS.
            // Elements + text runs: 1 page of the 1,102 grew. Never more than the element
            // budget allows, nor more than a node per 16 bytes or an attribute per 10: a
            // hostile page's counts reserve no more memory than its parse could fill before
            // the budget stops it.
            let elements = min(counts.startTags, limits.maximumElements)
            let texts = min(counts.textRuns, limits.maximumElements)
            nodes.reserveCapacity(max(64, min(elements + texts + 64, estimatedBytes / 16)))
            attributeStore.reserveCapacity(max(16, min(counts.attributes + 16, estimatedBytes / 10)))
            attributeRanges.reserveCapacity(max(16, min(elements + 16, estimatedBytes / 20)))
        } else {
            // News pages hold about one node per 116 bytes (scrapinghub: 83K nodes in 9.6 MB);
            // one per 40 reserved three times the nodes an average page needs and raised the
            // batch's peak RSS by ~3 MB.
            nodes.reserveCapacity(max(64, estimatedBytes / 120))
            // About as many attributes as nodes on news pages (scrapinghub: 210 K for 268 K nodes).
            attributeStore.reserveCapacity(max(64, estimatedBytes / 150))
            attributeRanges.reserveCapacity(max(64, estimatedBytes / 300))
        }
        nodes.append(DOMNode(
            kind: .element, name: "#document", isNonContent: false, nameID: 1, text: "", attributes: [], parent: -1, depth: 0))
        pendingText.reserveCapacity(4096)
        // The two names every tree has keep their ids (0 and 1) should a page spell them.
        for (id, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                _ = insertSlot(bytes, hash: Self.hash(bytes), id: UInt32(truncatingIfNeeded: id), isNonContent: false)
            }
        }
    }

    mutating func finish() -> DOMTree {
        flushText()
        while openElements.count > 1 { closeTop() }
        nodes[0].subtreeEnd = nodes.count - 1
        // Handed out only now: a range that shared the store while it still grew would
        // have made each later append copy the whole store.
        for range in attributeRanges {
            nodes[Int(range.node)].attributes = HTMLAttributes(store: attributeStore, range: Int(range.start)..<Int(range.end))
        }
        return DOMTree(nodes: nodes, names: names)
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Counts an event; every `checkInterval` events, looks at the CPU clock.
    private mutating func withinBudget() -> Bool {
        eventsUntilClockCheck -= 1
        guard eventsUntilClockCheck <= 0 else { return true }
        eventsUntilClockCheck = max(1, limits.checkInterval)
        let spent = Self.threadCPUTime() - startCPUTime
        if spent > limits.maximumParseSeconds {
            stop = .timeout(spent)
            return false
        }
        return true
    }

    /// Returns false when the parse must stop (`stop` says why).
    mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        flushText()
        discardingText = false
        elementCount += 1
        if elementCount > limits.maximumElements {
            stop = .tooComplex("more than \(limits.maximumElements) elements")
            return false
        }
        if openElements.count > limits.maximumDepth {
            stop = .tooComplex("elements nested more than \(limits.maximumDepth) deep")
            return false
        }
        let attributesStart = attributeStore.count
        if var cursor = attributes {
            var count = 0
            while let attributeName = cursor.pointee, count < limits.maximumAttributesPerElement {
                let value = cursor.advanced(by: 1).pointee
                let interned = internedName(attributeName)
                attributeStore.append(HTMLAttribute(name: interned, value: value.map { attributeValue($0, of: interned) } ?? ""))
                cursor = cursor.advanced(by: 2)
                count += 1
            }
        }
        let slot = name.map { internedSlot($0) }
        let index = append(DOMNode(
            kind: .element, name: slot.map { names[Int(nameSlots[$0].id)] } ?? "",
            isNonContent: slot.map { nameSlots[$0].isNonContent } ?? false, nameID: slot.map { nameSlots[$0].id } ?? 0,
            text: "", attributes: [],
            parent: openElements[openElements.count - 1], depth: Int32(openElements.count)))
        if attributeStore.count > attributesStart {
            attributeRanges.append(AttributeRange(
                node: index, start: Int32(truncatingIfNeeded: attributesStart), end: Int32(truncatingIfNeeded: attributeStore.count)))
        }
        openElements.append(index)
        lastChild.append(-1)
        if scriptText == .dataOnly, nodes[Int(index)].isNonContent {
            let attributes = HTMLAttributes(store: attributeStore, range: attributesStart..<attributeStore.count)
            discardingText = Self.dropsText(name: nodes[Int(index)].name, attributes: attributes)
        }
        return withinBudget()
    }

    /// `class` and `id` are only ever read for their tokens, by several stages, each walking
    /// the whole value: past `maximumTokenListBytes` they are cut at the last space before
    /// it. One 15 MB class attribute took 2.6 s; real ones (utility-class frameworks
    /// included) stay well under a kilobyte.
    static let maximumTokenListBytes = 4096

    /// The value as libxml2 passed it, or the input's bytes for a placeholder.
    private func attributeValue(_ value: UnsafePointer<xmlChar>, of name: String) -> String {
        if let stash, let number = AttributeLimiter.placeholderNumber(value), let stashed = stash.value(number) {
            return Self.attributeValue(stashed, of: name)
        }
        return Self.attributeValue(UnsafeBufferPointer(start: value, count: strlen(value)), of: name)
    }

    private static func attributeValue(_ value: UnsafeBufferPointer<UInt8>, of name: String) -> String {
        guard value.count > maximumTokenListBytes, name == "class" || name == "id" else {
            return String(decoding: value, as: UTF8.self)
        }
        var cut = maximumTokenListBytes
        while cut > 0 && value[cut] != UInt8(ascii: " ") { cut -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: value[..<cut]), as: UTF8.self)
    }

    /// Under `.dataOnly`: styles, and scripts that are not JSON data (JSON-LD, state blobs).
    private static func dropsText(name: String, attributes: HTMLAttributes) -> Bool {
        switch name {
        case "style":
            return true
        case "script":
            guard let type = attributes.first(where: { $0.name == "type" })?.value else { return true }
            return !type.lowercased().containsUTF8("json")
        default:
            return false
        }
    }

    mutating func endElement() -> Bool {
        discardingText = false
        flushText()
        if openElements.count > 1 { closeTop() }
        return withinBudget()
    }

    mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) -> Bool {
        guard let characters, length > 0, !discardingText, !pendingTextFull else { return withinBudget() }
        if stash != nil, memchr(characters, Int32(AttributeLimiter.placeholderMark), Int(length)) != nil {
            stashLeaked = true
            return false
        }
        if loneAmpersand >= 0 {
            let at = loneAmpersand
            loneAmpersand = -1
            if at == pendingText.count - 1, let decoded = Self.legacyEntity(UnsafeBufferPointer(start: characters, count: Int(length))) {
                pendingText.removeLast()
                pendingText.append(contentsOf: decoded)
                return withinBudget()
            }
        }
        if length == 1 && characters[0] == UInt8(ascii: "&") && pendingText.count < limits.maximumTextBytesPerNode {
            loneAmpersand = pendingText.count
        }
        let room = limits.maximumTextBytesPerNode - pendingText.count
        if Int(length) <= room {
            pendingText.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
        } else {
            // Cut at a character boundary: never in the middle of a UTF-8 sequence.
            var keep = max(0, room)
            while keep > 0, characters[keep] & 0xC0 == 0x80 { keep -= 1 }
            pendingText.append(contentsOf: UnsafeBufferPointer(start: characters, count: keep))
            pendingTextFull = true
        }
        return withinBudget()
    }

    private mutating func closeTop() {
        let index = Int(openElements.removeLast())
        lastChild.removeLast()
        nodes[index].subtreeEnd = nodes.count - 1
    }

    /// The UTF-8 of a named character reference written without its `;` — `&nbsp`, `&copy`,
    /// `&eacute` — when HTML5 decodes it that way in text: only the legacy names that
    /// browsers accept without a semicolon (XML's `amp`, `lt`, `gt`, `quot` and the Latin-1
    /// names, U+00A0…U+00FF), and only the whole name (`&notes` stays as written). libxml2
    /// 2.9 requires the `;` and passes `&` and the name on as text, so old hand-written pages
    /// showed a literal "&nbsp" in the output.
    static func legacyEntity(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard (2...6).contains(name.count), name.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x31 && $0 <= 0x34) }) else { return nil }
        var terminated = Array(name)
        terminated.append(0)
        guard let entity = htmlEntityLookup(terminated) else { return nil }
        let value = entity.pointee.value
        guard value == 0x26 || value == 0x3C || value == 0x3E || value == 0x22 || (0xA0...0xFF).contains(value) else { return nil }
        return Array(String(UnicodeScalar(UInt8(value))).utf8)
    }

    private mutating func flushText() {
        pendingTextFull = false
        loneAmpersand = -1
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
        names[Int(nameSlots[internedSlot(pointer)].id)]
    }

    /// The slot of the name at `pointer` in `nameSlots`, converting the name on first sight.
    private mutating func internedSlot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        let address = UInt(bitPattern: pointer)
        let line = Int(truncatingIfNeeded: (address >> 3) ^ (address >> 10)) & (addressCache.count - 1)
        if addressCache[line].address == address { return addressCache[line].slot }
        let slot = lookUpSlot(pointer)
        addressCache[line] = AddressCacheEntry(address: address, slot: slot)
        return slot
    }

    /// `internedSlot` by the name's bytes.
    private mutating func lookUpSlot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        let length = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return lookUpSlot(UnsafeBufferPointer(start: pointer, count: length))
    }

    /// The slot of the spelling `bytes`, made on first sight. A spelling with an ASCII
    /// upper-case letter shares the id of its lower-case spelling, which gets a slot of its
    /// own first: so every id is found by bytes alone, with no `[String: UInt32]` lookup
    /// (two SipHashes of every new name of every page).
    private mutating func lookUpSlot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(bytes)
        if let found = findSlot(bytes, hash: hash) { return found }
        let id: UInt32
        let isNonContent: Bool
        if bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
            // As `String.lowercased()`: ASCII letters by a bit, anything else by Unicode's rules.
            let lower = bytes.allSatisfy({ $0 < 0x80 })
                ? bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                : Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
            let canonical = lower.withUnsafeBufferPointer { lookUpSlot($0) }
            id = nameSlots[canonical].id
            isNonContent = nameSlots[canonical].isNonContent
        } else {
            let name = String(decoding: bytes, as: UTF8.self)
            id = UInt32(truncatingIfNeeded: names.count)
            names.append(name)
            isNonContent = HTMLVocabulary.nonContentElements.contains(name)
        }
        // Probed again: the lower-case spelling's insertion may have grown the table.
        let slot = insertSlot(bytes, hash: hash, id: id, isNonContent: isNonContent)
        if nameCount * 2 > nameSlots.count {
            growNameSlots()
            return findSlot(bytes, hash: hash)!
        }
        return slot
    }

    /// Puts the spelling `bytes` in the first free slot of its probe sequence; returns the slot.
    private mutating func insertSlot(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, id: UInt32, isNonContent: Bool) -> Int {
        let mask = nameSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 40) & mask
        while nameSlots[slot].used { slot = (slot + 1) & mask }
        nameSlots[slot] = InternedName(
            used: true, bytesStart: Int32(truncatingIfNeeded: nameBytes.count), bytesCount: Int32(truncatingIfNeeded: bytes.count),
            hash: hash, isNonContent: isNonContent, id: id)
        nameBytes.append(contentsOf: bytes)
        nameCount += 1
        return slot
    }

    /// The slot holding exactly `bytes`, if any.
    private func findSlot(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = nameSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 40) & mask
        while nameSlots[slot].used {
            if nameSlots[slot].hash == hash, Int(nameSlots[slot].bytesCount) == bytes.count,
                bytes.count == 0
                    || nameBytes.withUnsafeBufferPointer({
                        memcmp($0.baseAddress! + Int(nameSlots[slot].bytesStart), bytes.baseAddress!, bytes.count) == 0
                    })
            {
                return slot
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func growNameSlots() {
        // Slots move: the address cache's slots are stale.
        addressCache = [AddressCacheEntry](repeating: AddressCacheEntry(), count: addressCache.count)
        let old = nameSlots
        nameSlots = [InternedName](repeating: InternedName(), count: old.count * 2)
        let mask = nameSlots.count - 1
        for entry in old where entry.used {
            var slot = Int(truncatingIfNeeded: entry.hash >> 40) & mask
            while nameSlots[slot].used { slot = (slot + 1) & mask }
            nameSlots[slot] = entry
        }
    }

    /// FNV-1a over the name's bytes, then a multiplicative mix for the high bits used as slot.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash &* 0x9E37_79B9_7F4A_7C15
    }
}
