import Foundation
import GleanerModel

/// Reads an input's bytes, transparently un-gzipping `.gz` files and gzip data on stdin.
///
/// Only regular files are read: a FIFO, socket or device is opened without blocking, seen
/// for what it is and reported as `not_a_regular_file` (a FIFO with no writer would
/// otherwise hang the whole batch). Standard input is the one stream read, and it has the
/// same size cap as files.
public struct InputReader: Sendable {
    /// Size limit for a file, standard input, and decompressed gzip data: a gzip bomb or an
    /// endless stream stops here instead of exhausting memory.
    public var maximumBytes: Int

    public init(maximumBytes: Int = 64 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }

    public func read(_ input: InputSource) throws(GleanerError) -> [UInt8] {
        let raw: [UInt8]
        switch input {
        case .unreadable(let path, let message):
            throw GleanerError(stage: .read, code: "unreadable", message: message, source: path)
        case .standardInput:
            raw = try readAll(from: STDIN_FILENO, source: "-")
        case .file(let path):
            raw = try readFile(path)
        }
        if Gzip.isGzip(raw) {
            do {
                return try Gzip.decompress(raw, limit: maximumBytes)
            } catch {
                throw GleanerError(stage: .read, code: "bad_gzip", message: error.message, source: input.name)
            }
        }
        return raw
    }

    private func readFile(_ path: String) throws(GleanerError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw GleanerError(
                stage: .read, code: code == ENOENT ? "not_found" : "unreadable",
                message: "open: \(String(cString: strerror(code)))", source: path)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            throw GleanerError(stage: .read, code: "unreadable", message: "stat: \(String(cString: strerror(code)))", source: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            throw GleanerError(stage: .read, code: "unreadable", message: "is a directory", source: path)
        default:
            throw GleanerError(
                stage: .read, code: "not_a_regular_file",
                message: "not a regular file (\(Self.describe(mode: info.st_mode))); only files are read", source: path)
        }
        return try readAll(from: descriptor, source: path, sizeHint: Int(info.st_size))
    }

    static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "type \(mode & S_IFMT)"
        }
    }

    /// Reads `descriptor` to its end, failing with `too_large` past `maximumBytes`.
    ///
    /// `read(2)` fills the array's uninitialised storage directly: a zero-filled 64 KiB
    /// chunk copied into the array was a memset and a copy of every input (1% of a whole
    /// `gleaner extract` run). A file gets room for its size plus one byte, so the read that
    /// finds its end needs no second buffer; a stream (or a file that grew) doubles it.
    private func readAll(from descriptor: Int32, source path: String, sizeHint: Int = 0) throws(GleanerError) -> [UInt8] {
        let limit = maximumBytes + 1
        var capacity = sizeHint > 0 ? min(sizeHint + 1, limit) : min(65536, limit)
        var bytes: [UInt8] = []
        var failure: GleanerError?
        var atEnd = false
        while true {
            let previous = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
                if !previous.isEmpty {
                    _ = buffer.initialize(fromContentsOf: previous)
                    filled = previous.count
                }
                while filled < buffer.count {
                    let count = Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count > 0 {
                        filled += count
                    } else if count == 0 {
                        atEnd = true
                        return
                    } else {
                        let code = errno
                        if code == EINTR { continue }
                        if code == EAGAIN {
                            // Standard input may be a non-blocking pipe: wait for data.
                            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                            _ = poll(&poller, 1, -1)
                            continue
                        }
                        failure = GleanerError(
                            stage: .read, code: "unreadable", message: "read: \(String(cString: strerror(code)))", source: path)
                        return
                    }
                }
            }
            if let failure { throw failure }
            if bytes.count > maximumBytes {
                throw GleanerError(
                    stage: .read, code: "too_large", message: "the input exceeds \(maximumBytes) bytes", source: path)
            }
            if atEnd { return bytes }
            capacity = min(capacity * 2, limit)
        }
    }
}
