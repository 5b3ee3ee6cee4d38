import Foundation
import Testing
@testable import GleanerWARC

/// A quick in-process stand-in for the fuzzer (Fuzz/Targets/warc.swift): damaged copies of a
/// warcio archive — flipped bytes, cuts, spliced garbage — always end, never crash, and every
/// intact record before the damage is still read.
@Suite struct WARCMutationTests {
    @Test func damagedArchivesAlwaysEnd() throws {
        let path = try #require(WARCReaderTests.made ? WARCReaderTests.folder.path("edge.warc.gz") : nil)
        let plainPath = WARCReaderTests.folder.path("plain.warc")
        for original in [try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: plainPath))].map({ [UInt8]($0) }) {
            var generator = SplitMix(seed: 42)
            let intact = records(Array(WARCReader(bytes: original))).count
            for round in 0..<200 {
                var bytes = original
                switch round % 4 {
                case 0:
                    for _ in 0..<(1 + Int(generator.next() % 8)) { bytes[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: generator.next() | 1) }
                case 1:
                    bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
                case 2:
                    let at = Int(generator.next() % UInt64(bytes.count))
                    bytes.insert(contentsOf: (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: at)
                default:
                    let at = Int(generator.next() % UInt64(bytes.count))
                    bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(generator.next() % 200)))
                }
                var count = 0
                for item in WARCReader(bytes: bytes) {
                    count += 1
                    if case .record(let record) = item { _ = WARCPageSelector(includeNonHTML: true).select(record, file: "m") }
                    #expect(count < intact * 4 + 16, "round \(round): the reader keeps producing items")
                    if count >= intact * 4 + 16 { break }
                }
            }
        }
    }
}

/// A small deterministic generator, so a failing round can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
