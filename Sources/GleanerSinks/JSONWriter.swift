/// A minimal JSON writer that emits keys in the order they are written — the record schema
/// promises a stable, documented key order, which `JSONEncoder` can only give alphabetically.
struct JSONWriter {
    private(set) var output = ""

    init(capacity: Int = 4096) {
        output.reserveCapacity(capacity)
    }

    private var needsComma = false

    mutating func beginObject() {
        separate()
        output += "{"
        needsComma = false
    }

    mutating func endObject() {
        output += "}"
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        output += "["
        needsComma = false
    }

    mutating func endArray() {
        output += "]"
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &output)
        output += ":"
        needsComma = false
    }

    mutating func string(_ value: String?) {
        separate()
        if let value {
            Self.appendQuoted(value, to: &output)
        } else {
            output += "null"
        }
        needsComma = true
    }

    mutating func int(_ value: Int?) {
        separate()
        output += value.map(String.init) ?? "null"
        needsComma = true
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private mutating func separate() {
        if needsComma { output += "," }
    }

    /// RFC 8259 string escaping; non-ASCII stays as UTF-8, U+2028/2029 are escaped so a line
    /// stays one line for every JSON-lines reader.
    static func appendQuoted(_ value: String, to output: inout String) {
        output += "\""
        var plainStart = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = plainStart
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar.value {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x08: escape = "\\b"
            case 0x0C: escape = "\\f"
            case 0x00..<0x20, 0x2028, 0x2029, 0x7F:
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                output.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                output += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        output += "\""
    }
}
