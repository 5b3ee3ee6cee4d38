import CZlib

/// gzip decompression with zlib, bounded in output size.
///
/// The `z_stream` lives on the heap for the whole call: zlib ≥ 1.2.9 keeps a pointer back to
/// it in its internal state and fails (`Z_STREAM_ERROR`) when the stream's address changes,
/// which a Swift local passed with `&` does not rule out.
public enum Gzip {
    /// Why a gzip stream could not be expanded (corrupt data, over the size budget), with
    /// zlib's own message, for the input's error record.
    public struct Failure: Error {
        public var message: String
    }

    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses all gzip members; fails on truncated or corrupt data and when the
    /// output would exceed `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1).deallocate() }
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard gleaner_inflateInit2(stream, 15 + 32) == Z_OK else {
            throw Failure(message: "zlib: inflateInit2 failed")
        }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        var chunk = [UInt8](repeating: 0, count: 65536)
        var status: Int32 = Z_OK
        var input = input
        let total = input.count
        try input.withUnsafeMutableBufferPointer { (inBuffer: inout UnsafeMutableBufferPointer<UInt8>) throws(Failure) in
            stream.pointee.next_in = inBuffer.baseAddress
            stream.pointee.avail_in = uInt(total)
            while true {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = uInt(outBuffer.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.pointee.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit {
                    throw Failure(message: "decompressed size exceeds \(limit) bytes")
                }
                if status == Z_STREAM_END {
                    // Another gzip member may follow (concatenated .gz files).
                    if stream.pointee.avail_in > 0 {
                        guard inflateReset(stream) == Z_OK else { throw Failure(message: "zlib: inflateReset failed") }
                        continue
                    }
                    return
                }
                if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 {
                    throw Failure(message: "gzip data is truncated (unexpected end of stream)")
                }
                if status != Z_OK && status != Z_BUF_ERROR {
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure(message: "gzip data is corrupt: zlib: \(reason)")
                }
            }
        }
        return output
    }
}
