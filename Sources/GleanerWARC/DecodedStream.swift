import CZlib

/// The bytes of a WARC file after gzip, Zstandard or LZ4 decoding, read on demand into a
/// sliding window.
///
/// Plain files pass through. Gzip files (one member per record as Common Crawl writes them,
/// or one member for the whole file) are inflated member by member; `.warc.zst` files (one
/// frame per record, after an optional dictionary frame) and `.warc.lz4` files frame by frame. The stream remembers
/// where each member (or frame) starts and ends in both the decoded and the compressed file,
/// so a record can be reported at its member's offset — the offset a reader seeks to. A
/// corrupt member is reported once and decoding resumes at the next member that decodes to a
/// WARC (or ARC) header.
final class DecodedStream {
    enum Fill: Equatable {
        case data
        case end
        /// The member starting at `offset` is corrupt or cut short; its decoded bytes that
        /// were not yet consumed have been dropped.
        case corrupt(offset: Int, message: String)
    }

    /// A member boundary: its position in decoded bytes and in the file.
    struct Boundary {
        var decoded: Int
        var file: Int
    }

    /// How the file is compressed, told by its first bytes.
    enum Compression { case none, gzip, zstd, lz4 }

    let file: RawFile
    let compression: Compression
    /// Gzip or zstd: records sit in members (frames) with offsets of their own.
    var isCompressed: Bool { compression != .none }
    /// Decoded bytes not yet consumed are `buffer[start...]`.
    private(set) var buffer: [UInt8] = []
    private(set) var start = 0
    /// Decoded position of `buffer[start]`.
    private(set) var position = 0

    private var raw: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var rawEOF = false
    private var scratch: [UInt8]
    /// The inflater (gzip files only), pinned on the heap: zlib checks its address never moves.
    private let zlib: ZStream?
    /// The frame decoder (zstd and lz4 files only).
    private let frames: (any FrameCodec)?
    private var inMember = false
    private var memberFileStart = 0
    private var decodedTotal = 0
    private var corruptionPending: (offset: Int, message: String)?
    /// Members that started / ended at or after the earliest position still of interest.
    private(set) var memberStarts: [Boundary] = []
    private(set) var memberEnds: [Boundary] = []

    static let chunk = 1 << 20

    /// `start`: a file offset to begin at (a record's or gzip member's offset from an index).
    init(file: RawFile, start: Int = 0) throws(WARCFailure) {
        self.file = file
        // warc-zstd: a dictionary frame at the very start serves every frame, also when
        // reading begins at a later record's offset.
        let dictionary = try Self.readDictionaryFrame(file)
        file.seek(to: start > file.base ? start : file.base + (dictionary?.frameLength ?? 0))
        // A 1 MiB read window; bytes held in memory (fuzzing, tests) get a window of their own
        // size instead, so a 2 KB input does not allocate and clear 2.3 MB per reader.
        let window = file.memorySize.map { Swift.max(4096, Swift.min(Self.chunk, $0 + 1)) } ?? Self.chunk
        scratch = [UInt8](repeating: 0, count: Swift.min(256 * 1024, window))
        var head = [UInt8](repeating: 0, count: window)
        let count = head.withUnsafeMutableBytes { file.read(into: $0) }
        if count < 0, let failure = file.failure { throw failure }
        if count >= 2 && head[0] == 0x1F && head[1] == 0x8B {
            compression = .gzip
        } else if dictionary != nil || ZstdDecoder.isFrame(head, at: 0) || (SkippableFrame.starts(head, at: 0, end: count) && !LZ4Decoder.isFrame(Array(head[0..<count]))) {
            compression = .zstd
        } else if LZ4Decoder.isFrame(Array(head.prefix(Swift.max(0, count)))) {
            compression = .lz4
        } else {
            compression = .none
        }
        raw = head
        rawEnd = count
        if count == 0 { rawEOF = true }
        // Plain files: decoded positions are file offsets. Compressed: records report member offsets.
        if compression == .none { position = file.offset - count }
        var inflater: ZStream?
        var decoder: (any FrameCodec)?
        switch compression {
        case .none: break
        case .gzip:
            inflater = ZStream.inflater(windowBits: 15 + 16)
            if inflater == nil { throw WARCFailure(code: "unreadable", message: "zlib: inflateInit2 failed", offset: 0) }
        case .zstd:
            let zstd = ZstdDecoder()
            if zstd == nil { throw WARCFailure(code: "unreadable", message: "zstd: cannot create a decompression context", offset: 0) }
            if let dictionary, let zstd, let problem = zstd.useDictionary(dictionary.payload, limit: Self.maximumDictionaryBytes) {
                throw WARCFailure(code: "bad_zstd", message: "the dictionary frame cannot be used: \(problem)", offset: 0)
            }
            decoder = zstd
        case .lz4:
            decoder = LZ4Decoder()
            if decoder == nil { throw WARCFailure(code: "unreadable", message: "lz4: cannot create a decompression context", offset: 0) }
        }
        zlib = inflater
        frames = decoder
    }

    /// A dictionary (or its compressed form) larger than this is refused: real ones are a
    /// few hundred KB.
    static let maximumDictionaryBytes = 32 << 20

    /// The payload of the warc-zstd dictionary frame that opens the file, and the frame's
    /// whole length; nil when the file does not open with one.
    private static func readDictionaryFrame(_ file: RawFile) throws(WARCFailure) -> (payload: [UInt8], frameLength: Int)? {
        let header = try file.bytes(at: file.base, count: 8)
        guard header.starts(with: ZstdDecoder.dictionaryMagic), let length = SkippableFrame.payloadLength(header, at: 0, end: header.count) else {
            return nil
        }
        guard length <= maximumDictionaryBytes else {
            throw WARCFailure(code: "bad_zstd", message: "the dictionary frame claims \(length) bytes", offset: 0)
        }
        let payload = try file.bytes(at: file.base + 8, count: length)
        guard payload.count == length else {
            throw WARCFailure(code: "bad_zstd", message: "the dictionary frame is cut short (\(payload.count) of \(length) bytes)", offset: 0)
        }
        return (payload, 8 + length)
    }


    var available: Int { buffer.count - start }

    /// Drops `count` consumed bytes from the front of the window.
    func consume(_ count: Int) {
        start += count
        position += count
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    /// Forgets member boundaries before `decoded` (they can no longer be asked about).
    func forgetBoundaries(before decoded: Int) {
        if let index = memberStarts.firstIndex(where: { $0.decoded >= decoded }) {
            if index > 0 { memberStarts.removeFirst(index) }
        } else {
            memberStarts.removeAll()
        }
        if let index = memberEnds.firstIndex(where: { $0.decoded >= decoded }) {
            if index > 0 { memberEnds.removeFirst(index) }
        } else {
            memberEnds.removeAll()
        }
    }

    /// The file offset of the member starting exactly at decoded position `decoded`.
    func memberStart(at decoded: Int) -> Int? {
        memberStarts.first { $0.decoded == decoded }?.file
    }

    /// The first member end after decoded position `decoded`.
    func memberEnd(after decoded: Int) -> Boundary? {
        memberEnds.first { $0.decoded > decoded }
    }

    /// Appends more decoded bytes to the window.
    func fill() throws(WARCFailure) -> Fill {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        switch compression {
        case .none: return try fillPlain()
        case .gzip: return try fillGzip()
        case .zstd, .lz4: return try fillFrames()
        }
    }

    private func fillPlain() throws(WARCFailure) -> Fill {
        if rawStart == rawEnd {
            try refillRaw()
            if rawStart == rawEnd { return .end }
        }
        buffer.append(contentsOf: raw[rawStart..<rawEnd])
        rawStart = rawEnd
        return .data
    }

    private func refillRaw() throws(WARCFailure) {
        guard !rawEOF else { return }
        if rawStart > 0 {
            let remaining = rawEnd - rawStart
            if remaining > 0 {
                raw.withUnsafeMutableBytes { bytes in
                    bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + rawStart, byteCount: remaining)
                }
            }
            rawStart = 0
            rawEnd = remaining
        }
        let end = rawEnd
        let count = raw.withUnsafeMutableBytes { file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...])) }
        if count < 0, let failure = file.failure { throw failure }
        if count == 0 { rawEOF = true }
        rawEnd += count
    }

    /// File offset of `raw[rawStart]`.
    private var rawFileOffset: Int { file.offset - (rawEnd - rawStart) }

    /// A corruption found while probing ahead, reported now that the bytes before it are used.
    private func takePendingCorruption() -> Fill? {
        guard let pending = corruptionPending else { return nil }
        corruptionPending = nil
        dropUnconsumed()
        return .corrupt(offset: pending.offset, message: pending.message)
    }

    /// Reads more compressed bytes when none are left; at the end of the file, `.end` — or
    /// a corruption when a `member` (a gzip member, a frame) was cut short. Nil: bytes to decode.
    private func refillAtEnd(_ member: String) throws(WARCFailure) -> Fill? {
        guard rawStart == rawEnd else { return nil }
        try refillRaw()
        guard rawStart == rawEnd else { return nil }
        if inMember {
            inMember = false
            return corrupt(at: memberFileStart, "\(member) is cut short (unexpected end of file)", resync: false)
        }
        return .end
    }

    private func fillGzip() throws(WARCFailure) -> Fill {
        if let pending = takePendingCorruption() { return pending }
        while true {
            if let ended = try refillAtEnd("gzip member") { return ended }
            if !inMember {
                // A member must start with the gzip magic; anything else is garbage to skip.
                if rawEnd - rawStart < 3 && !rawEOF { try refillRaw() }
                let hasMagic = rawEnd - rawStart >= 3 && raw[rawStart] == 0x1F && raw[rawStart + 1] == 0x8B && raw[rawStart + 2] == 8
                if !hasMagic {
                    if raw[rawStart..<rawEnd].allSatisfy({ $0 == 0 }) && rawEOF { rawStart = rawEnd; return .end }
                    return corrupt(at: rawFileOffset, "bytes after a gzip member are not a gzip member", resync: true)
                }
                inMember = true
                memberFileStart = rawFileOffset
                memberStarts.append(Boundary(decoded: decodedTotal, file: memberFileStart))
            }
            let (status, produced) = inflateStep()
            if produced > 0 {
                buffer.append(contentsOf: scratch[0..<produced])
                decodedTotal += produced
            }
            if status == Z_STREAM_END {
                inMember = false
                memberEnds.append(Boundary(decoded: decodedTotal, file: rawFileOffset))
                zlib?.reset()
                if produced > 0 { return .data }
                continue
            }
            if status == Z_OK || status == Z_BUF_ERROR {
                if produced > 0 { return .data }
                if rawStart == rawEnd { continue }  // needs more input
                continue
            }
            let reason = zlib?.message ?? "error \(status)"
            inMember = false
            zlib?.reset()
            return corrupt(at: memberFileStart, "corrupt gzip member: zlib: \(reason)", resync: true)
        }
    }

    /// Zstd and LZ4 files: frame by frame, a frame being a member.
    private func fillFrames() throws(WARCFailure) -> Fill {
        if let pending = takePendingCorruption() { return pending }
        guard let frames else { return .end }
        let name = frames.name
        while true {
            if let ended = try refillAtEnd("\(name) frame") { return ended }
            if !inMember {
                if rawEnd - rawStart < 8 && !rawEOF { try refillRaw() }
                if SkippableFrame.starts(raw, at: rawStart, end: rawEnd) {
                    // Extension frames (and a dictionary frame out of place) hold no records.
                    let frameStart = rawFileOffset
                    guard let length = SkippableFrame.payloadLength(raw, at: rawStart, end: rawEnd) else {
                        return corrupt(at: frameStart, "skippable \(name) frame is cut short", resync: false)
                    }
                    var remaining = 8 + length
                    while remaining > 0 {
                        if rawStart == rawEnd {
                            try refillRaw()
                            if rawStart == rawEnd { return corrupt(at: frameStart, "skippable \(name) frame is cut short", resync: false) }
                        }
                        let step = Swift.min(remaining, rawEnd - rawStart)
                        rawStart += step
                        remaining -= step
                    }
                    continue
                }
                if !rawHasFrame(frames.magic) {
                    if raw[rawStart..<rawEnd].allSatisfy({ $0 == 0 }) && rawEOF { rawStart = rawEnd; return .end }
                    return corrupt(at: rawFileOffset, "bytes after a \(name) frame are not a \(name) frame", resync: true)
                }
                inMember = true
                memberFileStart = rawFileOffset
                memberStarts.append(Boundary(decoded: decodedTotal, file: memberFileStart))
            }
            let begin = rawStart
            let end = rawEnd
            let step = raw.withUnsafeBytes { input in
                scratch.withUnsafeMutableBytes { output in
                    frames.step(input: UnsafeRawBufferPointer(rebasing: input[begin..<end]), output: output)
                }
            }
            rawStart += step.consumed
            if step.produced > 0 {
                buffer.append(contentsOf: scratch[0..<step.produced])
                decodedTotal += step.produced
            }
            if let error = step.error {
                inMember = false
                frames.reset()
                return corrupt(at: memberFileStart, "corrupt \(name) frame: \(error)", resync: true)
            }
            if step.frameEnded {
                inMember = false
                memberEnds.append(Boundary(decoded: decodedTotal, file: rawFileOffset))
                if step.produced > 0 { return .data }
                continue
            }
            if step.produced > 0 { return .data }
            if step.consumed == 0 && rawStart < rawEnd {
                inMember = false
                frames.reset()
                return corrupt(at: memberFileStart, "corrupt \(name) frame: decoding made no progress", resync: true)
            }
        }
    }

    private func rawHasFrame(_ magic: [UInt8]) -> Bool {
        rawEnd - rawStart >= 4 && raw[rawStart] == magic[0] && raw[rawStart + 1] == magic[1] && raw[rawStart + 2] == magic[2] && raw[rawStart + 3] == magic[3]
    }

    private func inflateStep() -> (Int32, Int) {
        let inputCount = rawEnd - rawStart
        guard let stream = zlib?.stream else { return (Z_STREAM_ERROR, 0) }
        var status: Int32 = Z_OK
        var produced = 0
        raw.withUnsafeMutableBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { output in
                stream.pointee.next_in = input.baseAddress! + rawStart
                stream.pointee.avail_in = uInt(inputCount)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = uInt(output.count)
                status = inflate(stream, Z_NO_FLUSH)
                produced = output.count - Int(stream.pointee.avail_out)
                rawStart += inputCount - Int(stream.pointee.avail_in)
            }
        }
        return (status, produced)
    }

    /// Reports a corrupt member; with `resync`, moves to the next member that decodes to a
    /// record header.
    private func corrupt(at offset: Int, _ message: String, resync: Bool) -> Fill {
        if resync { resynchronise(after: offset) } else { rawStart = rawEnd }
        // Decoded bytes of the bad member are not a record: the caller's partial record dies.
        memberStarts.removeAll { $0.decoded >= position + available && $0.file >= offset }
        dropUnconsumed()
        return .corrupt(offset: offset, message: message)
    }

    private func dropUnconsumed() {
        position += available
        buffer.removeAll(keepingCapacity: true)
        start = 0
        decodedTotal = position
        memberStarts.removeAll()
        memberEnds.removeAll()
    }

    /// Scans the file from `offset + 1` for a gzip header (or zstd frame) whose first decoded
    /// bytes are `WARC/` (or an ARC `filedesc:`/URL line), and positions the raw window there.
    private func resynchronise(after offset: Int) {
        file.seek(to: offset + 1)
        rawStart = 0
        rawEnd = 0
        rawEOF = false
        while true {
            do { try refillRaw() } catch { rawStart = rawEnd; rawEOF = true; return }
            if rawEnd - rawStart < 3 { rawStart = rawEnd; return }
            var index = rawStart
            let magic = frames?.magic ?? [0x1F, 0x8B, 8]
            while index + 3 < rawEnd {
                if raw[index] == magic[0] && raw[index + 1] == magic[1] && raw[index + 2] == magic[2] && (magic.count < 4 || raw[index + 3] == magic[3]) {
                    rawStart = index
                    if rawEnd - rawStart < 4096 && !rawEOF { try? refillRaw(); index = rawStart }
                    if frames != nil ? frameCandidateDecodesToRecord() : candidateDecodesToRecord() { return }
                }
                index += 1
            }
            rawStart = max(rawStart, rawEnd - 3)
            if rawEOF { rawStart = rawEnd; return }
        }
    }

    /// Whether the frame at `rawStart` decodes to a record header (the file's dictionary
    /// applies); the context is reset before and after.
    private func frameCandidateDecodesToRecord() -> Bool {
        guard let frames else { return false }
        frames.reset()
        defer { frames.reset() }
        var out = [UInt8](repeating: 0, count: 16)
        let begin = rawStart
        let end = rawEnd
        let step = raw.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                frames.step(input: UnsafeRawBufferPointer(rebasing: input[begin..<end]), output: output)
            }
        }
        guard step.error == nil else { return false }
        return Self.startsARecord(Array(out[0..<step.produced]))
    }

    /// Decoded bytes that open a WARC record, an ARC file or an ARC record (a URL line).
    static func startsARecord(_ out: [UInt8]) -> Bool {
        out.count >= 5
            && ["WARC/", "filedesc:", "http://", "https://", "dns:"].contains { out.starts(with: Array($0.utf8).prefix(out.count)) }
    }

    private func candidateDecodesToRecord() -> Bool {
        guard let zlib = ZStream.inflater(windowBits: 15 + 16) else { return false }
        let probe = zlib.stream
        defer { withExtendedLifetime(zlib) {} }
        var out = [UInt8](repeating: 0, count: 16)
        let count = rawEnd - rawStart
        var produced = 0
        raw.withUnsafeMutableBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                probe.pointee.next_in = input.baseAddress! + rawStart
                probe.pointee.avail_in = uInt(count)
                probe.pointee.next_out = output.baseAddress
                probe.pointee.avail_out = uInt(output.count)
                let status = inflate(probe, Z_NO_FLUSH)
                if status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR {
                    produced = output.count - Int(probe.pointee.avail_out)
                }
            }
        }
        return Self.startsARecord(Array(out[0..<produced]))
    }
}
