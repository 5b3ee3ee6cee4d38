import CZstd

/// A Zstandard decompression context, with the dictionary a `.warc.zst` file may carry.
///
/// The IIPC warc-zstd format compresses each record as its own frame, so a record can be read
/// by seeking to its frame; a file may start with a skippable "dictionary frame" (magic
/// 0x184D2A5D) whose payload — a zstd dictionary, itself possibly zstd-compressed — every
/// later frame was compressed with. Archive Team's tools write such files. The same context
/// decodes `Content-Encoding: zstd` payloads stored as sent.
final class ZstdDecoder: FrameCodec {
    let name = "zstd"
    var magic: [UInt8] { Self.frameMagic }

    /// The magic number that opens a frame (little-endian on disk).
    static let frameMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The warc-zstd dictionary frame: the skippable-frame magic 0x184D2A5D.
    static let dictionaryMagic: [UInt8] = [0x5D, 0x2A, 0x4D, 0x18]

    private let context: OpaquePointer
    private var dictionary: OpaquePointer?

    init?() {
        guard let context = ZSTD_createDCtx() else { return nil }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
        if let dictionary { ZSTD_freeDDict(dictionary) }
    }

    /// True when `bytes` at `index` open a regular frame.
    static func isFrame(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 4 <= bytes.count && bytes[index] == 0x28 && bytes[index + 1] == 0xB5 && bytes[index + 2] == 0x2F && bytes[index + 3] == 0xFD
    }

    /// Uses `payload` (a dictionary frame's content) for every later frame. A payload that is
    /// itself a zstd frame is decompressed first, up to `limit` bytes. Returns an error text
    /// when it cannot be used.
    func useDictionary(_ payload: [UInt8], limit: Int) -> String? {
        var bytes = payload
        if Self.isFrame(payload, at: 0) {
            do {
                bytes = try Self.decompress(payload, limit: limit)
            } catch {
                return "the compressed dictionary does not decode: \(error.message)"
            }
        }
        let created = bytes.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }
        guard let created else { return "zstd cannot load the dictionary" }
        if let dictionary { ZSTD_freeDDict(dictionary) }
        dictionary = created
        ZSTD_DCtx_reset(context, ZSTD_reset_session_and_parameters)
        let status = ZSTD_DCtx_refDDict(context, created)
        if ZSTD_isError(status) != 0 { return Self.errorName(status) }
        return nil
    }

    /// Forgets a half-decoded frame (after corruption); the dictionary stays.
    func reset() {
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
    }

    /// Decodes from `input` into `output` until one of them is used up or the frame ends.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> FrameStep {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let status = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(status) != 0 {
            return FrameStep(consumed: inBuffer.pos, produced: outBuffer.pos, frameEnded: false, error: Self.errorName(status))
        }
        // 0: the frame is complete and everything it holds has been written out.
        return FrameStep(consumed: inBuffer.pos, produced: outBuffer.pos, frameEnded: status == 0, error: nil)
    }

    private static func errorName(_ status: Int) -> String {
        String(cString: ZSTD_getErrorName(status))
    }

    struct Failure: Error {
        var message: String
    }

    /// Decompresses all frames of `input` (a whole zstd stream), stopping with an error past
    /// `limit` output bytes. A stream cut short gives what decoded (like a truncated gzip
    /// payload), or an error when nothing did.
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard let decoder = ZstdDecoder() else { throw Failure(message: "zstd: cannot create a context") }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        var chunk = [UInt8](repeating: 0, count: 65536)
        var offset = 0
        var midFrame = false
        while offset < input.count {
            let step = input.withUnsafeBytes { inBytes in
                chunk.withUnsafeMutableBytes { outBytes in
                    decoder.step(input: UnsafeRawBufferPointer(rebasing: inBytes[offset...]), output: outBytes)
                }
            }
            if let error = step.error { throw Failure(message: "zstd: \(error)") }
            offset += step.consumed
            output.append(contentsOf: chunk[0..<step.produced])
            if output.count > limit { throw Failure(message: "decoded payload exceeds \(limit) bytes") }
            midFrame = !step.frameEnded
            if step.consumed == 0 && step.produced == 0 { break }
        }
        // Output may still be held inside the context after the input is used up.
        while midFrame {
            let step = chunk.withUnsafeMutableBytes { outBytes in
                decoder.step(input: UnsafeRawBufferPointer(start: nil, count: 0), output: outBytes)
            }
            if let error = step.error { throw Failure(message: "zstd: \(error)") }
            output.append(contentsOf: chunk[0..<step.produced])
            if output.count > limit { throw Failure(message: "decoded payload exceeds \(limit) bytes") }
            if step.frameEnded {
                midFrame = false
            } else if step.produced == 0 {
                // Cut short (a truncated record): keep what decoded, unless nothing did.
                if output.isEmpty { throw Failure(message: "zstd payload is cut short") }
                break
            }
        }
        return output
    }
}
