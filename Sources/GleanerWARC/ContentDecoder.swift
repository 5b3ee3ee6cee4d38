import CBrotli
import CZlib

/// Undoes what a server did to a payload on the wire, for WARC files that store payloads as
/// sent: chunked Transfer-Encoding, then gzip / deflate / br / zstd Content-Encoding. Output is
/// bounded by `limit` so a compression bomb in an archive stops at the budget.
public enum ContentDecoder {
    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// Joins the chunks of a chunked body; nil when `bytes` is not valid chunked framing.
    public static func dechunk(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let lineEnd = bytes[index...].firstIndex(of: 10) else { return nil }
            var sizeEnd = index
            while sizeEnd < lineEnd, let digit = hexValue(bytes[sizeEnd]) { _ = digit; sizeEnd += 1 }
            guard sizeEnd > index, sizeEnd - index <= 16 else { return nil }
            // Saturating: sixteen hex digits can exceed Int.max (`FFFFFFFFFFFFFFFF` trapped).
            var size = 0
            for byte in bytes[index..<sizeEnd] { size = size > (Int.max - 15) / 16 ? Int.max : size * 16 + hexValue(byte)! }
            let dataStart = lineEnd + 1
            if size == 0 { return output }  // trailers ignored
            guard size <= bytes.endIndex - dataStart else {
                // A truncated record: keep what is there.
                output.append(contentsOf: bytes[dataStart...])
                return output
            }
            output.append(contentsOf: bytes[dataStart..<(dataStart + size)])
            index = dataStart + size
            while index < bytes.endIndex && (bytes[index] == 13 || bytes[index] == 10) { index += 1 }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 65...70: Int(byte - 55)
        case 97...102: Int(byte - 87)
        default: nil
        }
    }

    /// Decodes one Content-Encoding (`gzip`, `x-gzip`, `deflate`, `br`, `zstd`; `identity` passes).
    public static func decode(_ bytes: [UInt8], encoding: String, limit: Int) throws(Failure) -> [UInt8] {
        switch encoding.lowercased() {
        case "", "identity", "none": return bytes
        case "gzip", "x-gzip": return try inflate(bytes, windowBits: 15 + 32, limit: limit)
        case "deflate":
            // Servers send either zlib-wrapped or raw deflate under this name.
            if let zlib = try? inflate(bytes, windowBits: 15, limit: limit) { return zlib }
            return try inflate(bytes, windowBits: -15, limit: limit)
        case "br": return try brotli(bytes, limit: limit)
        case "zstd":
            do {
                return try ZstdDecoder.decompress(bytes, limit: limit)
            } catch {
                throw Failure(message: error.message)
            }
        default: throw Failure(message: "unsupported Content-Encoding \(encoding)")
        }
    }

    static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int) throws(Failure) -> [UInt8] {
        guard let zlib = ZStream.inflater(windowBits: windowBits) else { throw Failure(message: "zlib: inflateInit2 failed") }
        let stream = zlib.stream
        // `stream` points into `zlib`: keep the owner alive until zlib is done with it.
        defer { withExtendedLifetime(zlib) {} }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        var chunk = [UInt8](repeating: 0, count: 65536)
        var input = input
        let total = input.count
        var failure: Failure?
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.pointee.next_in = inBuffer.baseAddress
            stream.pointee.avail_in = uInt(total)
            while true {
                var status: Int32 = Z_OK
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = uInt(outBuffer.count)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.pointee.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { failure = Failure(message: "decoded payload exceeds \(limit) bytes"); return }
                if status == Z_STREAM_END { return }
                if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 {
                    // Cut short (a truncated record): keep what decoded, unless nothing did.
                    if output.isEmpty { failure = Failure(message: "compressed payload is cut short") }
                    return
                }
                if status != Z_OK && status != Z_BUF_ERROR {
                    failure = Failure(message: "zlib: " + (zlib.message ?? "error \(status)"))
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    static func brotli(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else { throw Failure(message: "brotli: cannot create decoder") }
        defer { BrotliDecoderDestroyInstance(state) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var failure: Failure?
        input.withUnsafeBufferPointer { inBuffer in
            var availableIn = inBuffer.count
            var nextIn = inBuffer.baseAddress
            while true {
                var produced = 0
                var result = BROTLI_DECODER_RESULT_ERROR
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var availableOut = outBuffer.count
                    var nextOut = outBuffer.baseAddress
                    result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    produced = outBuffer.count - availableOut
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { failure = Failure(message: "decoded payload exceeds \(limit) bytes"); return }
                switch result {
                case BROTLI_DECODER_RESULT_SUCCESS: return
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                    if output.isEmpty { failure = Failure(message: "brotli payload is cut short") }
                    return
                default:
                    let code = BrotliDecoderGetErrorCode(state)
                    failure = Failure(message: "brotli: " + String(cString: BrotliDecoderErrorString(code)))
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
