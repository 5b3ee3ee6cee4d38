import CZlib

/// Compresses one WARC record into its own gzip member, so any record can be read by seeking
/// to its offset, and a run killed mid-write damages at most the member being written.
enum GzipMember {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        guard let zlib = ZStream.deflater(level: 6, windowBits: 15 + 16) else { fatalError("zlib: deflateInit2 failed") }
        let stream = zlib.stream
        defer { withExtendedLifetime(zlib) {} }
        let bound = Int(deflateBound(stream, uLong(input.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let inputCount = input.count
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(inputCount)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = uInt(outBuffer.count)
                let status = deflate(stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib: deflate did not finish within deflateBound")
                produced = outBuffer.count - Int(stream.pointee.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}
