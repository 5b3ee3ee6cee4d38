import Foundation
import Testing

@testable import GleanerSinks

/// The JSON writer's word-at-a-time escaping and its digit writer give exactly the bytes of
/// the plain byte-by-byte escaping and of `String(Int)`, wherever a byte that needs an
/// escape falls relative to the eight-byte words.
@Suite struct JSONEscapeTests {
    /// The byte-by-byte escaping the fast path replaced, kept here as the reference.
    static func reference(_ value: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        let input = Array(value.utf8)
        var out: [UInt8] = [0x22]
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == 0xE2 && i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9) {
                out += Array("\\u202".utf8) + [input[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                i += 3
                continue
            }
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, 0x7F: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
            i += 1
        }
        out.append(0x22)
        return out
    }

    static func escaped(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.appendQuoted(value, to: &out)
        return out
    }

    @Test func everySpecialByteAtEveryOffset() {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2014}", "\u{201C}", "é", "😀", " ", "~"]
        for special in specials {
            for before in 0..<18 {
                for after in [0, 1, 7, 8, 9] {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                    #expect(Self.escaped(text) == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func randomMixesAgree() {
        let pieces = ["a", "bc", "\"", "\\", "\n", "\u{2028}", "\u{2029}", "\u{2026}", "\u{20AC}", "\u{7F}", "\u{1}", "ü", "日本", "😀", "    ", "x\u{E2}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Self.escaped(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func decimalsAreStringsOfInt() {
        for value in [0, 1, -1, 9, 10, 99, 100, -100, 12345, Int.max, Int.min, Int.max - 1, Int.min + 1, 1_000_000_007] {
            var out: [UInt8] = []
            JSONWriter.appendDecimal(value, to: &out)
            #expect(out == Array(String(value).utf8))
        }
    }
}
