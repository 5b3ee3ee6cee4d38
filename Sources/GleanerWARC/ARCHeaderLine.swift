/// The one-line header of a record in an ARC file, the Internet Archive's format before WARC
/// (1996–2009 crawls, Alexa and Heritrix): `URL IP-address Archive-date Content-type
/// Archive-length` (version 1) or, in version 2, `URL IP-address Archive-date Content-type
/// Result-code Checksum Location Offset Filename Archive-length`. The first record,
/// `filedesc://NAME …`, describes the file.
struct ARCHeaderLine {
    var url: String
    var ipAddress: String
    /// `YYYYMMDDhhmmss`.
    var date: String
    var contentType: String
    /// Bytes of the block after the header line.
    var length: Int

    /// Parses a header line (without its newline); nil when `line` is not one.
    init?(_ line: ArraySlice<UInt8>) {
        var bytes = line
        if bytes.last == 13 { bytes = bytes.dropLast() }
        let fields = bytes.split(separator: 32, omittingEmptySubsequences: true)
        guard fields.count == 5 || fields.count == 10, let last = fields.last, last.count <= 12,
            last.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(String(decoding: last, as: UTF8.self))
        else { return nil }
        let date = fields[2]
        guard date.count >= 12, date.count <= 17, date.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let url = String(decoding: fields[0], as: UTF8.self)
        guard url.contains(":") else { return nil }
        self.url = url
        ipAddress = String(decoding: fields[1], as: UTF8.self)
        self.date = String(decoding: date, as: UTF8.self)
        contentType = String(decoding: fields[3], as: UTF8.self)
        self.length = length
    }

    /// The file's description record (`filedesc://…`).
    var isFileDescription: Bool { url.hasPrefix("filedesc:") }

    /// WARC header fields for the record, so the page selector treats it like a WARC record:
    /// `filedesc` is the file's `warcinfo`, an http(s) capture a `response` (its block holds
    /// the HTTP status line and headers as received), anything else (`dns:`) a `resource` of
    /// its content type.
    var warcHeaders: WARCHeaders {
        var headers = WARCHeaders()
        let lower = url.lowercased()
        if isFileDescription {
            headers.append("WARC-Type", "warcinfo")
        } else if lower.hasPrefix("http:") || lower.hasPrefix("https:") {
            headers.append("WARC-Type", "response")
            headers.append("WARC-Target-URI", url)
        } else {
            headers.append("WARC-Type", "resource")
            headers.append("WARC-Target-URI", url)
        }
        if let iso = isoDate { headers.append("WARC-Date", iso) }
        if ipAddress != "0.0.0.0" && !ipAddress.isEmpty && ipAddress != "-" { headers.append("WARC-IP-Address", ipAddress) }
        let isResponse = headers["WARC-Type"] == "response"
        headers.append("Content-Type", isResponse ? "application/http; msgtype=response" : contentType)
        headers.append("Content-Length", String(length))
        return headers
    }

    /// The date as ISO 8601 (`2005-06-14T07:01:59Z`), when it has at least 14 digits.
    var isoDate: String? {
        let digits = Array(date.utf8)
        guard digits.count >= 14 else { return nil }
        func part(_ from: Int, _ to: Int) -> String { String(decoding: digits[from..<to], as: UTF8.self) }
        return "\(part(0, 4))-\(part(4, 6))-\(part(6, 8))T\(part(8, 10)):\(part(10, 12)):\(part(12, 14))Z"
    }
}
