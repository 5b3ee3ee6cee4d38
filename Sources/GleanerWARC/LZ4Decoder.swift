import CLZ4

/// An LZ4 frame decompression context: FastWARC writes `.warc.lz4` files with one LZ4 frame
/// per record.
final class LZ4Decoder: FrameCodec {
    static let frameMagic: [UInt8] = [0x04, 0x22, 0x4D, 0x18]

    let name = "lz4"
    var magic: [UInt8] { Self.frameMagic }
    private let context: OpaquePointer

    init?() {
        var created: OpaquePointer?
        let status = LZ4F_createDecompressionContext(&created, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(status) == 0, let created else { return nil }
        context = created
    }

    deinit {
        LZ4F_freeDecompressionContext(context)
    }

    func reset() {
        LZ4F_resetDecompressionContext(context)
    }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> FrameStep {
        var inSize = input.count
        var outSize = output.count
        let status = LZ4F_decompress(context, output.baseAddress, &outSize, input.baseAddress, &inSize, nil)
        if LZ4F_isError(status) != 0 {
            return FrameStep(consumed: inSize, produced: outSize, frameEnded: false, error: String(cString: LZ4F_getErrorName(status)))
        }
        // 0: the frame is complete (LZ4F_decompress writes everything it decodes at once).
        return FrameStep(consumed: inSize, produced: outSize, frameEnded: status == 0, error: nil)
    }

    /// True when `bytes` open an LZ4 frame.
    static func isFrame(_ bytes: [UInt8]) -> Bool { bytes.starts(with: frameMagic) }
}
