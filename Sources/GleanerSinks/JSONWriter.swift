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

    mutating func key(_ name: String) {
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
        bytes.append(contentsOf: (value.map(String.init) ?? "null").utf8)
        needsComma = true
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
                key(name); self.value(item)
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
        var value = value
        value.withUTF8 { input in
            let count = input.count
            var runStart = 0
            var i = 0
            while i < count {
                let byte = input[i]
                // Bytes that stay as they are: printable ASCII but `"` and `\`, and all of
                // UTF-8's multi-byte sequences except U+2028/U+2029 (E2 80 A8/A9).
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xE2 {
                    i += 1
                    continue
                }
                if byte == 0xE2 && !(i + 2 < count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9)) {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i])) }
                switch byte {
                case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0xE2:
                    // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR
                    out.append(contentsOf: "\\u202".utf8)
                    out.append(input[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 2
                default:  // other controls (0x00–0x1F) and DEL
                    out.append(0x5C); out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                    out.append(hexDigits[Int(byte >> 4)]); out.append(hexDigits[Int(byte & 0xF)])
                }
                i += 1
                runStart = i
            }
            if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<count])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
