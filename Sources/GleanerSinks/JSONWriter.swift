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
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = Array(value.utf8)
        let count = utf8.count
        utf8.withUnsafeMutableBufferPointer { input in
            var i = 0
            while i < count {
                let byte = input[i]
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x00..<0x20, 0x7F:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
                case 0xE2 where i + 2 < count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9):
                    // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR
                    out.append(contentsOf: Array("\\u202".utf8))
                    out.append(input[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 2
                default:
                    out.append(byte)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
