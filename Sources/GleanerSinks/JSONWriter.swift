import GleanerModel

/// A minimal JSON writer that emits keys in the order they are written — the record schema
/// promises a stable, documented key order, which `JSONEncoder` can only give alphabetically.
struct JSONWriter {
    /// UTF-8 bytes written so far; appended to in place (string concatenation of large
    /// texts would copy the whole output on every escape).
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// The finished JSON text.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// The finished JSON text as UTF-8, taken out of the writer without a copy.
    consuming func finish() -> [UInt8] { bytes }

    private var needsComma = false

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A key the schema fixes: plain ASCII that needs no escape, copied as it stands.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A key from data (extra objects), escaped like any string.
    mutating func key(escaping name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String?) {
        separate()
        if let value {
            Self.appendQuoted(value, to: &bytes)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    mutating func int(_ value: Int?) {
        separate()
        if let value { Self.appendDecimal(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        needsComma = true
    }

    /// `value` in decimal, as `String(value)` spells it, without making that string.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so Int.min has one too.
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, last first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count > 0 {
                count -= 1
                out.append(buffer[count])
            }
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A number rounded to 4 decimals (similarities), never in exponent form.
    mutating func double(_ value: Double) {
        separate()
        let rounded = (value * 10_000).rounded() / 10_000
        bytes.append(contentsOf: String(rounded).utf8)
        needsComma = true
    }

    /// Any extra value, object keys in their given order.
    mutating func value(_ value: ExtraValue) {
        switch value {
        case .null: string(nil)
        case .bool(let flag):
            separate()
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
            needsComma = true
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let values):
            beginArray()
            for item in values { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for (name, item) in members {
                key(escaping: name); self.value(item)
            }
            endObject()
        }
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// RFC 8259 string escaping; non-ASCII stays as UTF-8, U+2028/2029 are escaped so a line
    /// stays one line for every JSON-lines reader.
    ///
    /// Reads the string's own UTF-8 storage and appends each run of bytes that need no escape
    /// in one copy: copying the string into an array and appending byte by byte was most of
    /// the JSON writer's cost (1.7% of a whole `gleaner extract` run).
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // A native string lends its storage without a copy of the string value.
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            var value = value
            value.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escaped form of valid UTF-8 `input` (without quotes). Bytes that stay as they are:
    /// printable ASCII but `"` and `\`, and all of UTF-8's multi-byte sequences except
    /// U+2028/U+2029 (E2 80 A8/A9).
    static func appendEscaped(_ input: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = input.baseAddress else { return }
        let count = input.count
        var runStart = 0
        var i = firstCandidate(base, from: 0, count: count)
        while i < count {
            let byte = base[i]
            if byte == 0xE2 && !(i + 2 < count && base[i + 1] == 0x80 && (base[i + 2] == 0xA8 || base[i + 2] == 0xA9)) {
                // Any other three-byte sequence starting with E2 (dashes, quotes) stays.
                i = firstCandidate(base, from: i + 1, count: count)
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            switch byte {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0xE2:
                // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR
                out.append(contentsOf: "\\u202".utf8)
                out.append(base[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                i += 2
            default:  // other controls (0x00–0x1F) and DEL
                out.append(0x5C); out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                out.append(hexDigits[Int(byte >> 4)]); out.append(hexDigits[Int(byte & 0xF)])
            }
            i += 1
            runStart = i
            i = firstCandidate(base, from: i, count: count)
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// Index of the first byte at or after `start` that may need an escape — a control, `"`,
    /// `\`, DEL or E2 (the lead byte of U+2028/2029) — or `count`. Eight bytes at a time:
    /// a byte-by-byte test was about 17 instructions per byte of output. (`SIMD16` compares
    /// were tried: not specialised, ten times slower.)
    @inline(__always)
    static func firstCandidate(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var i = start
        while i + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let mask = candidateMask(word)
            if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count {
            let byte = base[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 { return i }
            i += 1
        }
        return count
    }

    /// The high bit of each byte of `word` (little-endian) that is below 0x20 or equal to 0x22,
    /// 0x5C, 0x7F or 0xE2 — exact for the lowest flagged byte, which is all `firstCandidate`
    /// reads: a borrow can only flag bytes above a byte that really matches.
    @inline(__always)
    static func candidateMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        let controls = (word &- ones &* 0x20) & ~word & high
        return controls | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
            | zeroBytes(word ^ (ones &* 0x7F)) | zeroBytes(word ^ (ones &* 0xE2))
    }
}
