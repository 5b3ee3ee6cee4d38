/// A set of element names compiled for `DOMTree.nameMask`: the names' UTF-8 back to back
/// in one array, found through a small open-addressing table on an FNV hash of the bytes.
///
/// Extraction asks for a mask per rule list per page (about nine a page); through a
/// `Set<String>` each mask hashed every distinct name of the page with the standard
/// library's seeded SipHash, about 400 instructions a name, 1.3% of a whole run. Built once
/// per rule list (per extractor), probed with a few instructions per name byte.
public struct ElementNameSet: Sendable {
    private var bytes: [UInt8] = []
    /// Start of name k in `bytes`; one more entry than there are names.
    private var starts: [Int32] = [0]
    /// Index of a name, -1 for an empty slot.
    private var slots: [Int32]
    private let mask: Int

    public init<Names: Sequence>(_ names: Names) where Names.Element == String {
        let distinct = Set(names).map { Array($0.utf8) }
        var capacity = 16
        while capacity < distinct.count * 4 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (k, name) in distinct.enumerated() {
            bytes.append(contentsOf: name)
            starts.append(Int32(bytes.count))
            var slot = name.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }

    /// Byte-for-byte membership (`Set<String>.contains` for the ASCII names of HTML; a name
    /// spelled with other Unicode normalization is not folded).
    public func contains(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { contains(utf8: $0) }
    }

    func contains(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        var slot = Int(truncatingIfNeeded: Self.hash(name)) & mask
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { bytes in
                    while true {
                        let k = Int(slots[slot])
                        if k < 0 { return false }
                        let start = Int(starts[k])
                        if Int(starts[k + 1]) - start == name.count {
                            var j = 0
                            while j < name.count, bytes[start + j] == name[j] { j += 1 }
                            if j == name.count { return true }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
