/// The named fields of a WARC record header (or an HTTP header block), in file order, looked
/// up case-insensitively. Values keep their bytes as text; continuation lines are folded.
public struct WARCHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public static func == (lhs: WARCHeaders, rhs: WARCHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of `name` (case-insensitive).
    public subscript(name: String) -> String? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }?.value
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Parses `name: value` lines (CRLF or LF) from `lines`; folded lines (starting with a
    /// space or tab) continue the previous value. Lines without a colon are skipped.
    static func parse(_ lines: ArraySlice<UInt8>) -> WARCHeaders {
        var headers = WARCHeaders()
        var lineStart = lines.startIndex
        while lineStart < lines.endIndex {
            var lineEnd = lines[lineStart...].firstIndex(of: 10) ?? lines.endIndex
            let next = lineEnd == lines.endIndex ? lineEnd : lineEnd + 1
            if lineEnd > lineStart && lines[lineEnd - 1] == 13 { lineEnd -= 1 }
            let line = lines[lineStart..<lineEnd]
            lineStart = next
            guard let first = line.first else { continue }
            if first == 32 || first == 9, !headers.fields.isEmpty {
                let extra = String(decoding: line, as: UTF8.self).trimmedWARCWhitespace()
                headers.fields[headers.fields.count - 1].value += " " + extra
                continue
            }
            guard let colon = line.firstIndex(of: 58) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).trimmedWARCWhitespace()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmedWARCWhitespace()
            headers.fields.append((name, value))
        }
        return headers
    }
}

extension String {
    /// Drops leading and trailing spaces, tabs, CR and LF.
    func trimmedWARCWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !Self.isSpace($0) })!
        return String(self[first...last])
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
}
