import GleanerModel

/// A set of short ASCII words that can be probed with a run of bytes, so `id`/`class`
/// tokens are looked up without allocating a `String` per token.
///
/// Words can come in groups (up to 32): `groups(of:)` answers with the bits of every group
/// holding the token, so a caller with several lists probes once per token, not once per
/// list.
struct ByteTokenSet: Sendable {
    private let table: ByteWordTable
    /// Group bits of each word of `table`.
    private let groupBits: [UInt32]

    /// One group of words.
    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        self.init(groups: [Array(words)])
    }

    init(groups: [[String]]) {
        precondition(groups.count <= 32, "at most 32 token groups")
        var index: [[UInt8]: Int] = [:]
        var words: [[UInt8]] = []
        var bits: [UInt32] = []
        for (group, list) in groups.enumerated() {
            for word in list {
                let utf8 = Array(word.utf8)
                if let k = index[utf8] {
                    bits[k] |= 1 << UInt32(group)
                } else {
                    index[utf8] = words.count
                    words.append(utf8)
                    bits.append(1 << UInt32(group))
                }
            }
        }
        table = ByteWordTable(words)
        groupBits = bits
    }

    /// The bits of the groups holding `token` (0 when no group does).
    func groups(of token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        table.index(of: token).map { groupBits[$0] } ?? 0
    }

    func contains(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        table.index(of: token) != nil
    }

    func contains(_ token: ArraySlice<UInt8>) -> Bool {
        token.withUnsafeBufferPointer { contains($0) }
    }
}
