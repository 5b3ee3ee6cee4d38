import CZlib
import Foundation

/// Tells a web archive from a page by its first bytes, not only its name: `WARC/` (or an ARC
/// `filedesc://` line), plain, inside a gzip member or inside a Zstandard or LZ4 frame (a file
/// that opens with the warc-zstd dictionary frame is one by that alone). A page saved as `.gz` is not one; a file
/// *named* like an archive is read as one even when it is not (so it gets a `not_warc` error
/// record naming its offset instead of being extracted as a page).
public enum WARCDetector {
    static let archiveSuffixes = [".warc", ".warc.gz", ".warc.zst", ".warc.lz4", ".arc", ".arc.gz", ".wacz"]

    /// Only a regular file can be an archive: anything else (a FIFO, a socket, a device) is
    /// left to the page reader, which refuses it without blocking. Opening a FIFO to peek at
    /// its first bytes would wait for a writer forever.
    public static func isArchive(path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        let lower = path.lowercased()
        if archiveSuffixes.contains(where: { lower.hasSuffix($0) }) { return true }
        return isArchive(head: readHead(descriptor, count: 4096))
    }

    /// Up to `count` bytes from the start of the file, by `read(2)`: every input is peeked
    /// at, and `FileHandle` with its `Data` was half of this check's cost.
    static func readHead(_ descriptor: Int32, count: Int) -> [UInt8] {
        var head = [UInt8](repeating: 0, count: count)
        var filled = 0
        head.withUnsafeMutableBytes { buffer in
            while filled < count {
                let got = read(descriptor, buffer.baseAddress! + filled, count - filled)
                if got > 0 {
                    filled += got
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
        head.removeSubrange(filled...)
        return head
    }

    /// `head`: the first bytes of a file (a few KB are enough for a gzip member's start).
    public static func isArchive(head: [UInt8]) -> Bool {
        var start = head
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { start = inflatePrefix(head) }
        if head.starts(with: ZstdDecoder.dictionaryMagic) { return true }
        if ZstdDecoder.isFrame(head, at: 0) { start = framePrefix(head, ZstdDecoder()) }
        if LZ4Decoder.isFrame(head) { start = framePrefix(head, LZ4Decoder()) }
        return start.starts(with: Array("WARC/".utf8)) || start.starts(with: Array("filedesc://".utf8))
    }

    private static func framePrefix(_ input: [UInt8], _ decoder: (any FrameCodec)?) -> [UInt8] {
        guard let decoder else { return [] }
        var output = [UInt8](repeating: 0, count: 16)
        let step = input.withUnsafeBytes { inBytes in output.withUnsafeMutableBytes { decoder.step(input: inBytes, output: $0) } }
        return step.error == nil ? Array(output[0..<step.produced]) : []
    }

    private static func inflatePrefix(_ input: [UInt8]) -> [UInt8] {
        guard let zlib = ZStream.inflater(windowBits: 15 + 16) else { return [] }
        let stream = zlib.stream
        defer { withExtendedLifetime(zlib) {} }
        var input = input
        var output = [UInt8](repeating: 0, count: 16)
        var produced = 0
        let count = input.count
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(count)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = uInt(outBuffer.count)
                _ = inflate(stream, Z_NO_FLUSH)
                produced = outBuffer.count - Int(stream.pointee.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}
