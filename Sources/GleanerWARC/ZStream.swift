import CZlib

/// A zlib stream pinned at one heap address for its whole life.
///
/// zlib ≥ 1.2.9 keeps a pointer back to the `z_stream` in its internal state and refuses
/// (`Z_STREAM_ERROR`) any call made through a different address. A Swift local or stored
/// property passed with `&` is only guaranteed to have a stable address for the duration of
/// that one call — the compiler may hand zlib a temporary copy — so each stream lives in its
/// own allocation, made once and freed (after `inflateEnd`/`deflateEnd`) in `deinit`.
final class ZStream {
    private enum Mode { case inflate, deflate }

    /// The stream; its address never changes while this object lives.
    let stream: UnsafeMutablePointer<z_stream>
    private let mode: Mode

    private init(stream: UnsafeMutablePointer<z_stream>, mode: Mode) {
        self.stream = stream
        self.mode = mode
    }

    deinit {
        switch mode {
        case .inflate: inflateEnd(stream)
        case .deflate: deflateEnd(stream)
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// An inflater (`windowBits` as for `inflateInit2`: 15 + 16 gzip, 15 + 32 auto, -15 raw);
    /// nil when zlib cannot set one up.
    static func inflater(windowBits: Int32) -> ZStream? {
        let stream = allocate()
        guard gleaner_inflateInit2(stream, windowBits) == Z_OK else {
            release(stream)
            return nil
        }
        return ZStream(stream: stream, mode: .inflate)
    }

    /// A deflater writing `windowBits` framing (15 + 16: a gzip member) at `level`.
    static func deflater(level: Int32, windowBits: Int32) -> ZStream? {
        let stream = allocate()
        guard gleaner_deflateInit2(stream, level, windowBits) == Z_OK else {
            release(stream)
            return nil
        }
        return ZStream(stream: stream, mode: .deflate)
    }

    /// Readies an inflater for the next gzip member (same settings, same address).
    func reset() {
        inflateReset(stream)
    }

    /// zlib's message for the last error, if it set one.
    var message: String? { stream.pointee.msg.map { String(cString: $0) } }

    private static func allocate() -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        return stream
    }

    private static func release(_ stream: UnsafeMutablePointer<z_stream>) {
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}
