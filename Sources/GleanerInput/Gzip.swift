import CDeflate
import CZlib

/// gzip decompression, bounded in output size: libdeflate for the common single-member file
/// whose size the gzip trailer states, zlib streaming for everything else.
///
/// libdeflate expands a whole buffer 2–3× faster than zlib's `inflate` and writes straight
/// into an output sized once from the trailer's ISIZE (no 64 KiB chunk copies, no growing
/// array). It does not stream and reads one member only, so multi-member files, trailers that
/// understate the size (ISIZE is the size modulo 2³²), sizes over the budget and all
/// corrupt or truncated data go to zlib, whose results and error messages stay exactly as
/// they were.
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
        if let whole = singleMember(input, limit: limit) { return whole }
        return try streaming(input, limit: limit)
    }

    /// The smallest gzip member: 10-byte header, an empty deflate block, 8-byte trailer.
    private static let minimumMemberBytes = 18

    /// The fast path: `input` expanded by libdeflate when it is one gzip member that fills the
    /// whole input and expands to exactly the trailer's ISIZE (≤ `limit`); nil otherwise, and
    /// the caller falls back to zlib.
    static func singleMember(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard isGzip(input), input.count >= minimumMemberBytes else { return nil }
        let end = input.count
        let size = Int(input[end - 4]) | Int(input[end - 3]) << 8 | Int(input[end - 2]) << 16 | Int(input[end - 1]) << 24
        guard size <= limit, let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var consumed = 0
        var succeeded = false
        // One spare byte: an output that does not end exactly at ISIZE (a later member, or a
        // lying trailer) fails or is caught by the checks below.
        let output = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            var produced = 0
            let result = input.withUnsafeBytes { source in
                libdeflate_gzip_decompress_ex(
                    decompressor, source.baseAddress, source.count, buffer.baseAddress, buffer.count, &consumed, &produced)
            }
            guard result == LIBDEFLATE_SUCCESS else { return }
            succeeded = true
            count = produced
        }
        guard succeeded, consumed == end, output.count == size else { return nil }
        return output
    }

    /// zlib's streaming inflate over every member, for what `singleMember` does not take.
    static func streaming(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
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
