@testable import GleanerExtract
@testable import GleanerNormalize
import Testing

/// The byte-level prefix, scalar and search helpers answer exactly as the stdlib
/// definitions they stand in for, on ASCII, non-ASCII and canonically tricky input
/// (singletons that normalise to ASCII, combining marks after a matching prefix, CR LF).
struct ByteFastPathTests {
    static let texts = [
        "", "a", "read more", "read more »", "read", "Read more", "\u{212A}elvin", "kelvin", "Kelvin",
        "e\u{301}tude", "etude", "\u{E9}tude", "comments\u{301}", "comments", "comments on x", "a;b", "a\u{37E}b",
        "x\u{1FEF}y", "x`y", "\r\nz", "\rz", "à lire aussi: x", "a\u{300} lire aussi:", "читайте также: новости",
        "相关阅读：x", "関連記事: y", "by jane", "by\u{301} jane", "by", "ｂｙ jane", "12 comments", "🇩🇪 flag",
    ]
    static let prefixes = [
        "", "a", "read", "read more", "Read", "K", "k", "\u{212A}", "e", "\u{E9}", "e\u{301}", "comments", "a;",
        "a\u{37E}", "x`", "x\u{1FEF}", "\r", "\r\n", "à lire aussi:", "a\u{300} lire aussi:", "читайте также:",
        "相关阅读：", "関連記事:", "by", "by ", "12", "🇩🇪",
    ]

    @Test func prefixTestAgreesWithTheStandardLibrary() {
        for text in Self.texts {
            for prefix in Self.prefixes {
                #expect(
                    PrefixTest.hasPrefix(text, prefix) == text.hasPrefix(prefix),
                    "\(text.debugDescription) / \(prefix.debugDescription)")
            }
        }
    }

    /// The split-based test `hasNumberWord` replaced.
    static func referenceHasNumberWord(_ key: String) -> Bool {
        key.split(separator: " ").contains { $0.first?.isNumber == true }
    }

    @Test(arguments: [
        "", "comments", "12 comments", "comments 12", "top10 comments", "½ off", "三 comments", "ⅻ chapters",
        "كومنت ٣", "a b c", "x 7", "é 1",
    ])
    func numberWordsAsCharacterFindsThem(_ key: String) {
        #expect(BlockFilter.hasNumberWord(key) == Self.referenceHasNumberWord(key), "\(key.debugDescription)")
    }

    @Test func invisibleSwitchMatchesTheSet() {
        let disagreeing = (UInt32(0)..<0x11_0000).filter {
            TextCleaner.isInvisible($0) != TextCleaner.invisibleScalars.contains($0)
        }
        #expect(disagreeing.isEmpty)
    }

    static let mixedTexts = [
        "", "abc 123", "» Mehr | Teilen", "Über uns – Kontakt", "Ǆemal ½ Ⅻ", "日本語のテキスト 三", "ĀāĂ ٣٤ ۵",
        "emoji 👩‍💻 🇩🇪", "\u{2000}\u{2070}\u{2160}\u{2028}", "a\u{301}e\u{300}", "(dpa)", "x)(y", "((", ")(",
        "Berlin (AP) —", "no parens", "(", ")", "()",
    ]

    /// `BlockBuilder.wordCharacters` as it was: the scalar view and the stdlib's properties.
    static func referenceWordCharacters(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value | 0x20
                if (v >= 0x61 && v <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39) { count += 1 }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                count += 1
            }
        }
        return count
    }

    @Test(arguments: mixedTexts)
    func wordCharactersAsTheScalarPropertiesCountThem(_ text: String) {
        #expect(BlockBuilder.wordCharacters(in: text) == Self.referenceWordCharacters(text), "\(text.debugDescription)")
    }

    @Test func wordCharactersOverEveryScalarBelowTheSupplementaryPlanes() {
        let disagreeing = (UInt32(0x80)..<0x3_0000).compactMap(Unicode.Scalar.init).filter {
            let text = String($0)
            return BlockBuilder.wordCharacters(in: text) != Self.referenceWordCharacters(text)
        }
        #expect(disagreeing.isEmpty)
    }

    @Test(arguments: mixedTexts)
    func parenthesesByMemchrAsByTheByteLoop(_ text: String) {
        #expect(AgencyCreditFinder.hasParentheses(text) == AgencyCreditFinder.hasParentheses(bytes: text.utf8))
    }

    @Test(arguments: mixedTexts)
    func scalarStartsCutTheScalarsOut(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let starts = BlockBuilder.scalarStarts(text)
        #expect(starts.count == scalars.count + 1)
        let utf8 = Array(text.utf8)
        for a in 0...scalars.count {
            for b in a...scalars.count {
                var expected = String.UnicodeScalarView()
                expected.append(contentsOf: scalars[a..<b])
                #expect(String(decoding: utf8[starts[a]..<starts[b]], as: UTF8.self) == String(expected))
            }
        }
    }

    @Test func classSubstringsAsContainsASCIIFindsThem() {
        let lists: [[String]] = [
            ["sidebar", "widget", "tagcloud", "tag-cloud"], ["Widget", "comment"], ["", "x"], [], ["autör", "ü"],
        ]
        let values = ["", "Sidebar-left", "my-WIDGET", "tag-cloud", "TagCloud", "comments", "Comment", "x", "autör", "AUTÖR", "y"]
        for list in lists {
            let compiled = ClassSubstrings(list)
            for value in values {
                let expected = list.contains { ClassTokens.containsASCII(value, $0) }
                #expect(compiled.occurs(in: value) == expected, "\(list) / \(value.debugDescription)")
            }
        }
    }

    @Test func commasByWordsAsByTheByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b ", ",", "，", "、", "ü", "日本", "\u{FF0B}", "\u{3002}", "long ascii text ", "\u{EFBC}"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { ParagraphUnits.commas(buffer: $0) }
            #expect(fast == ParagraphUnits.commas(inBytes: bytes), "\(text.debugDescription)")
        }
        // Raw bytes as well (lead bytes cut off at the end, stray continuation bytes).
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                [0x2C, 0xEF, 0xBC, 0x8C, 0xE3, 0x80, 0x81, 0x41, 0x20].randomElement(using: &generator)! as UInt8
            }
            let fast = bytes.withUnsafeBufferPointer { ParagraphUnits.commas(buffer: $0) }
            #expect(fast == ParagraphUnits.commas(inBytes: bytes), "\(bytes)")
        }
    }
}
