/// Reads the records of one WARC file in order, streaming: `.warc`, `.warc.gz` (one gzip
/// member per record or one for the whole file) or `.warc.zst` (one Zstandard frame per
/// record, with or without a dictionary frame) or `.warc.lz4` (one LZ4 frame per record, as
/// FastWARC writes them), WARC/1.0 and 1.1 (and the 0.17/0.18 drafts
/// older Internet Archive files use), detected by content; and ARC files, the format before
/// WARC, whose records are handed on as WARC records (see `ARCHeaderLine`); and the web
/// archives inside a WACZ file (see `ZipDirectory`).
///
/// Bad input never stops the file: a corrupt gzip member, a bad header block, a missing
/// `Content-Length`, a length past the end of the file each give one `.failure` item naming
/// the offset, and reading resumes at the next record. Memory holds one record at a time.
public final class WARCReader: IteratorProtocol, Sequence {
    public enum Item: Sendable {
        case record(WARCRecord)
        case failure(WARCFailure)
    }

    /// A record block larger than this is skipped (reported as `too_large` by the selector).
    public var maximumRecordBytes: Int
    /// A header block longer than this is not a header block.
    static let maximumHeaderBytes = 64 * 1024

    public let path: String
    private var stream: DecodedStream?
    private var openFailure: WARCFailure?
    private var pending: [Item] = []
    private var finished = false
    private var recordsRead = 0
    /// The file began with an ARC `filedesc` record (or reading started at an ARC record).
    private var isARC = false
    /// A WACZ file's web archives, read one after the other; empty for a plain archive.
    private var entries: [ZipDirectory.Entry] = []
    private var entryIndex = 0
    /// A new handle on the file (or the bytes): one per WACZ entry read.
    private let openFile: () throws(WARCFailure) -> RawFile

    /// Opens `path`, from `offset` on (a record's offset as `gleaner extract` reports it, to
    /// read one record without the ones before it); a file that can't be opened yields one
    /// `.failure` and ends. A `.wacz` file is read as the web archives stored in it, in order;
    /// offsets are positions in the WACZ file.
    public init(path: String, offset: Int = 0, maximumRecordBytes: Int = 64 * 1024 * 1024) {
        self.path = path
        self.maximumRecordBytes = maximumRecordBytes
        openFile = { () throws(WARCFailure) in try RawFile(path: path) }
        start(at: offset)
    }

    /// Reads an archive held in memory (fuzzing, tests); `name` stands in for the path (and a
    /// name ending in `.wacz` reads the bytes as a WACZ file).
    public init(bytes: [UInt8], name: String = "memory", maximumRecordBytes: Int = 64 * 1024 * 1024) {
        path = name
        self.maximumRecordBytes = maximumRecordBytes
        openFile = { () throws(WARCFailure) in RawFile(bytes: bytes, name: name) }
        start(at: 0)
    }

    /// Opens the archive (or a WACZ file's directory and its first archive) at `offset`.
    private func start(at offset: Int) {
        if path.lowercased().hasSuffix(".wacz") {
            do {
                entries = try ZipDirectory(file: openFile()).archives
            } catch {
                openFailure = error
                return
            }
            // Reading from an offset starts in the entry that holds it.
            entryIndex = entries.firstIndex { $0.data.upperBound > offset } ?? entries.count
            openEntry(from: offset)
            return
        }
        do {
            stream = try DecodedStream(file: openFile(), start: offset)
        } catch {
            stream = nil
            openFailure = error
        }
    }

    /// True when the file is gzip-, zstd- or LZ4-compressed (by its first bytes).
    public var isCompressed: Bool { stream?.isCompressed ?? false }

    public func next() -> Item? {
        if let failure = openFailure {
            openFailure = nil
            finished = true
            return .failure(failure)
        }
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            guard !finished, let stream else { return nil }
            do {
                if let item = try readItem(stream) { return item }
            } catch {
                // A WACZ file goes on with its next archive.
                if !nextEntry() { finished = true }
                return .failure(error)
            }
            if !nextEntry() {
                finished = true
                return nil
            }
        }
    }

    /// Moves to the WACZ file's next web archive; false when there is none.
    private func nextEntry() -> Bool {
        guard !entries.isEmpty else { return false }
        entryIndex += 1
        openEntry(from: 0)
        return stream != nil || !pending.isEmpty
    }

    /// Opens entry `entryIndex` (or the first after it that can be read) from `offset`, or
    /// from its start; a compressed entry or one that cannot be opened is one failure.
    private func openEntry(from offset: Int) {
        stream = nil
        recordsRead = 0
        isARC = false
        while entryIndex < entries.count {
            let entry = entries[entryIndex]
            guard entry.method == 0 else {
                pending.append(.failure(WARCFailure(
                    code: "unsupported_format",
                    message: "WACZ entry \(entry.name) is compressed (ZIP method \(entry.method)); WACZ stores web archives uncompressed",
                    offset: entry.data.lowerBound)))
                entryIndex += 1
                continue
            }
            do {
                let file = try openFile()
                file.base = entry.data.lowerBound
                file.end = entry.data.upperBound
                stream = try DecodedStream(file: file, start: Swift.max(offset, entry.data.lowerBound))
                return
            } catch {
                pending.append(.failure(error))
                entryIndex += 1
            }
        }
    }

    // MARK: Parsing

    private enum Need { case ok, end, corrupt(WARCFailure) }

    /// Makes at least `count` bytes available (or fewer at the end / on corruption).
    private func need(_ count: Int, _ stream: DecodedStream) throws(WARCFailure) -> Need {
        while stream.available < count {
            switch try stream.fill() {
            case .data: continue
            case .end: return .end
            case .corrupt(let offset, let message):
                return .corrupt(WARCFailure(code: Self.corruptionCode(stream.compression), message: message, offset: offset))
            }
        }
        return .ok
    }

    private func readItem(_ stream: DecodedStream) throws(WARCFailure) -> Item? {
        // Blank lines between records (the record trailer, padding).
        while true {
            switch try need(1, stream) {
            case .end: return nil
            case .corrupt(let failure): return .failure(failure)
            case .ok: break
            }
            let skip = stream.buffer[stream.start...].prefix { $0 == 13 || $0 == 10 }.count
            if skip == 0 { break }
            stream.consume(skip)
        }
        let recordStart = stream.position
        stream.forgetBoundaries(before: recordStart)
        let offset = stream.memberStart(at: recordStart) ?? recordStart
        let aligned = stream.isCompressed && stream.memberStart(at: recordStart) != nil

        // ARC, the Internet Archive's format before WARC: a one-line header, then the block.
        if isARC || !stream.buffer[stream.start...].starts(with: "WARC/".utf8) {
            if let item = try readARCRecord(stream, recordStart: recordStart, offset: offset, aligned: aligned) { return item }
        }

        // The header block ends at the first empty line.
        var headerLength = 0
        var searched = 0
        while true {
            if let end = Self.headerEnd(stream.buffer, from: stream.start + Swift.max(0, searched - 3), to: stream.buffer.count) {
                headerLength = end - stream.start
                break
            }
            searched = stream.available
            if searched > Self.maximumHeaderBytes { break }
            switch try need(searched + 1, stream) {
            case .ok: continue
            case .corrupt(let failure): return .failure(failure)
            case .end:
                if stream.available == 0 { return nil }
                searched = -1
            }
            if searched == -1 { break }
        }
        let window = stream.buffer[stream.start..<(stream.start + (headerLength > 0 ? headerLength : Swift.min(stream.available, 64)))]
        if !Self.isVersionLine(window) {
            let isFirst = recordsRead == 0 && recordStart == 0
            let failure = WARCFailure(
                code: isFirst ? "not_warc" : "bad_header",
                message: isFirst ? "the file does not start with a WARC record header" : "no WARC version line where a record should start",
                offset: offset)
            try resynchronise(from: recordStart + 1, stream)
            return .failure(failure)
        }
        if headerLength == 0 {
            let failure = WARCFailure(code: "bad_header", message: "the header block does not end (no empty line within \(Self.maximumHeaderBytes) bytes)", offset: offset)
            if stream.available == 0 { return .failure(failure) }
            try resynchronise(from: recordStart + 1, stream)
            return .failure(failure)
        }
        let headerBytes = stream.buffer[stream.start..<(stream.start + headerLength)]
        let firstLineEnd = headerBytes.firstIndex(of: 10) ?? headerBytes.endIndex
        let version = String(decoding: headerBytes[headerBytes.startIndex..<firstLineEnd], as: UTF8.self).trimmedWARCWhitespace()
        let headers = WARCHeaders.parse(headerBytes[firstLineEnd...])
        guard let lengthText = headers["Content-Length"], let contentLength = Int(lengthText), contentLength >= 0 else {
            stream.consume(headerLength)
            try resynchronise(from: stream.position, stream)
            return .failure(WARCFailure(code: "missing_length", message: "the record has no valid Content-Length", offset: offset))
        }
        return try finishRecord(
            stream, recordStart: recordStart, offset: offset, aligned: aligned, headerLength: headerLength,
            contentLength: contentLength, version: version, headers: headers)
    }

    /// Reads the block after a header of `headerLength` bytes at `recordStart`, the record
    /// trailer, and makes the record (WARC and ARC alike).
    private func finishRecord(
        _ stream: DecodedStream, recordStart: Int, offset: Int, aligned: Bool, headerLength: Int, contentLength: Int,
        version: String, headers: WARCHeaders
    ) throws(WARCFailure) -> Item {
        let total = headerLength + contentLength
        let oversized = contentLength > maximumRecordBytes
        var block: [UInt8] = []
        if oversized {
            stream.consume(headerLength)
            var remaining = contentLength
            while remaining > 0 {
                if stream.available == 0 {
                    switch try need(1, stream) {
                    case .ok: break
                    case .end: return .failure(pastEnd(offset, contentLength))
                    case .corrupt(let failure): return .failure(failure)
                    }
                }
                let step = Swift.min(remaining, stream.available)
                stream.consume(step)
                remaining -= step
            }
        } else {
            while true {
                if aligned, let end = stream.memberEnd(after: recordStart), end.decoded < recordStart + total {
                    // Content-Length runs past its gzip member: the next member is the next record.
                    stream.consume(end.decoded - stream.position)
                    return .failure(WARCFailure(code: "length_mismatch", message: "Content-Length \(contentLength) runs past the end of the record's compressed member", offset: offset))
                }
                if stream.available >= total { break }
                switch try need(Swift.min(total, stream.available + DecodedStream.chunk), stream) {
                case .ok: continue
                case .end:
                    if aligned, let end = stream.memberEnd(after: recordStart), end.decoded < recordStart + total { continue }
                    stream.consume(stream.available)
                    return .failure(pastEnd(offset, contentLength))
                case .corrupt(let failure): return .failure(failure)
                }
            }
            block = Array(stream.buffer[(stream.start + headerLength)..<(stream.start + total)])
            stream.consume(total)
        }
        // The record trailer: CRLF CRLF (tolerate less).
        if stream.available < 4 {
            switch try need(4, stream) {
            case .corrupt(let failure): pending.append(.failure(failure))
            default: break
            }
        }
        let trailer = stream.buffer[stream.start...].prefix(4).prefix { $0 == 13 || $0 == 10 }.count
        stream.consume(trailer)
        var length: Int? = nil
        if !stream.isCompressed {
            length = stream.position - recordStart
        } else if aligned, let end = stream.memberEnd(after: recordStart), end.decoded == stream.position {
            length = end.file - offset
        }
        recordsRead += 1
        var record = WARCRecord(offset: offset, length: length, version: version, headers: headers, block: block)
        record.isOversized = oversized
        return .record(record)
    }

    /// An ARC record at the stream's position, or nil when the bytes there are not one (and
    /// not inside an ARC file). In an ARC file, a line that is not a record header is reported
    /// once, and reading resumes at the next line that is one.
    private func readARCRecord(_ stream: DecodedStream, recordStart: Int, offset: Int, aligned: Bool) throws(WARCFailure) -> Item? {
        var skipped = false
        while true {
            // The header line: a URL, so allow a long one.
            var lineEnd: Int?
            while lineEnd == nil {
                lineEnd = stream.buffer[stream.start...].firstIndex(of: 10)
                if lineEnd != nil { break }
                if stream.available > Self.maximumHeaderBytes { break }
                switch try need(stream.available + 1, stream) {
                case .ok: continue
                case .corrupt(let failure): return .failure(failure)
                case .end:
                    if stream.available == 0 {
                        return skipped ? .failure(badARCLine(offset)) : nil
                    }
                    lineEnd = stream.buffer.count
                }
            }
            let end = lineEnd ?? stream.start + Swift.min(stream.available, Self.maximumHeaderBytes)
            if let header = ARCHeaderLine(stream.buffer[stream.start..<end]) {
                isARC = true
                if skipped {
                    // Report the damage; the record that follows is read on the next call.
                    return .failure(badARCLine(offset))
                }
                let headerLength = Swift.min(end + 1, stream.buffer.count) - stream.start
                return try finishRecord(
                    stream, recordStart: recordStart, offset: offset, aligned: aligned, headerLength: headerLength,
                    contentLength: header.length, version: "ARC", headers: header.warcHeaders)
            }
            guard isARC else { return nil }
            // Not a header line: skip it (and any more) up to the next one.
            skipped = true
            stream.consume(Swift.min(end + 1, stream.buffer.count) - stream.start)
        }
    }

    private func badARCLine(_ offset: Int) -> WARCFailure {
        WARCFailure(code: "bad_header", message: "no ARC record header line where a record should start", offset: offset)
    }

    /// The error code of a corrupt member in a file of `compression`.
    static func corruptionCode(_ compression: DecodedStream.Compression) -> String {
        switch compression {
        case .zstd: "bad_zstd"
        case .lz4: "bad_lz4"
        case .gzip, .none: "bad_gzip"
        }
    }

    private func pastEnd(_ offset: Int, _ contentLength: Int) -> WARCFailure {
        WARCFailure(code: "truncated_record", message: "Content-Length \(contentLength) runs past the end of the file", offset: offset)
    }

    /// The index just past the empty line ending a header block in `bytes[from..<to]`.
    static func headerEnd(_ bytes: [UInt8], from: Int, to: Int) -> Int? {
        var index = from
        while index < to {
            guard let newline = bytes[index..<to].firstIndex(of: 10) else { return nil }
            // "\n\r\n" or "\n\n"
            if newline + 1 < to && bytes[newline + 1] == 10 { return newline + 2 }
            if newline + 2 < to && bytes[newline + 1] == 13 && bytes[newline + 2] == 10 { return newline + 3 }
            index = newline + 1
        }
        return nil
    }

    /// Whether `bytes` open a record's version line: `WARC/1.0`, `WARC/1.1`, or the drafts
    /// `WARC/0.17` and `WARC/0.18` whose record layout is the same (Heritrix and the Internet
    /// Archive wrote them before the ISO standard).
    static func isVersionLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: "WARC/1.".utf8) || bytes.starts(with: "WARC/0.17".utf8) || bytes.starts(with: "WARC/0.18".utf8)
    }

    /// Skips to the next version line at a line start (or a member start) at or after
    /// decoded position `from`.
    private func resynchronise(from: Int, _ stream: DecodedStream) throws(WARCFailure) {
        if stream.position < from { stream.consume(Swift.min(from - stream.position, stream.available)) }
        // "WARC/0.18" is the longest version prefix `isVersionLine` looks at.
        let marker = Array("WARC/0.18".utf8)
        while true {
            let base = stream.start
            let bytes = stream.buffer
            var index = base
            let end = bytes.count
            while index + marker.count <= end {
                guard let hit = bytes[index..<end].firstIndex(of: 87) else { index = end; break }  // "W"
                if hit + marker.count > end { index = hit; break }
                let position = stream.position + (hit - base)
                let atLineStart = (hit > base && bytes[hit - 1] == 10) || stream.memberStart(at: position) != nil
                    || (hit == base && position > 0 && stream.memberStart(at: position) != nil)
                if atLineStart && Self.isVersionLine(bytes[hit..<(hit + marker.count)]) {
                    stream.consume(hit - base)
                    return
                }
                index = hit + 1
            }
            // Keep the last bytes (a marker may straddle the fill).
            let keep = Swift.min(stream.available, marker.count)
            stream.consume(stream.available - keep)
            switch try stream.fill() {
            case .data: continue
            case .end:
                stream.consume(stream.available)
                return
            case .corrupt:
                // The stream moved on to the next member that decodes to a record.
                return
            }
        }
    }
}
