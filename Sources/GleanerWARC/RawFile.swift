import Foundation

/// A read-only file descriptor read in chunks, with the file offset of the next byte.
/// The WARC reader never maps or loads a whole file: memory stays flat on 1 GB archives.
final class RawFile {
    let path: String
    private let descriptor: Int32
    /// In-memory contents instead of a descriptor (fuzzing, tests).
    private let memory: [UInt8]?
    /// File offset of the next byte `read` returns.
    private(set) var offset = 0
    /// Reading stops here (the end of a WARC entry inside a WACZ file); nil: the file's end.
    var end: Int?
    /// Where the archive begins in the file (a WACZ entry's first byte; otherwise 0).
    var base = 0

    init(bytes: [UInt8], name: String) {
        path = name
        descriptor = -1
        memory = bytes
    }

    init(path: String) throws(WARCFailure) {
        self.path = path
        memory = nil
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            throw WARCFailure(code: code == ENOENT ? "not_found" : "unreadable", message: "open: \(String(cString: strerror(code)))", offset: 0)
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw WARCFailure(code: "unreadable", message: "is a directory", offset: 0)
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The size of in-memory contents (nil for a file): a small archive gets small buffers.
    var memorySize: Int? { memory?.count }

    /// Reads up to `buffer.count` bytes; 0 at end of file, -1 on an I/O error (see `failure`).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if let end, end - offset < buffer.count {
            guard end > offset else { return 0 }
            return read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(end - offset)]))
        }
        if let memory {
            let count = Swift.min(buffer.count, memory.count - offset)
            guard count > 0 else { return 0 }
            memory.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            return count
        }
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 {
                offset += count
                return count
            }
            let code = errno
            if code == EINTR { continue }
            failure = WARCFailure(code: "unreadable", message: "read: \(String(cString: strerror(code)))", offset: offset)
            return -1
        }
    }

    /// The last read error.
    private(set) var failure: WARCFailure?

    /// Moves to `offset` (resynchronising after a corrupt gzip member).
    func seek(to offset: Int) {
        if let memory {
            self.offset = Swift.min(Swift.max(0, offset), memory.count)
            return
        }
        if lseek(descriptor, off_t(offset), SEEK_SET) >= 0 { self.offset = offset }
    }

    /// The file's size in bytes.
    var size: Int {
        if let memory { return memory.count }
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// `count` bytes at `position` (fewer at the end of the file); moves the offset.
    func bytes(at position: Int, count: Int) throws(WARCFailure) -> [UInt8] {
        seek(to: position)
        var bytes = [UInt8](repeating: 0, count: Swift.max(0, count))
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if got < 0, let failure { throw failure }
            if got <= 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
