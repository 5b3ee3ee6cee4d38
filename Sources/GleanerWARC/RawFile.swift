import Foundation

/// A read-only file descriptor read in chunks, with the file offset of the next byte.
/// The WARC reader never maps or loads a whole file: memory stays flat on 1 GB archives.
final class RawFile {
    let path: String
    private let descriptor: Int32
    /// File offset of the next byte `read` returns.
    private(set) var offset = 0

    init(path: String) throws(WARCFailure) {
        self.path = path
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

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes; 0 at end of file, -1 on an I/O error (see `failure`).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
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
        if lseek(descriptor, off_t(offset), SEEK_SET) >= 0 { self.offset = offset }
    }
}
