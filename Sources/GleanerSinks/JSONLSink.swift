import Foundation
import GleanerModel

/// Writes records as JSON lines to a file or standard output, one `write(2)` per record so
/// every line is on disk (or in the pipe) as soon as it is produced.
///
/// For resumable runs the sink reports its byte offset after each record; the pipeline
/// stores that offset in its state database in the same transaction that marks the records
/// done, and on restart `truncate(to:)` cuts off lines written after the last commit — whose
/// inputs are still pending and will be written again. So a killed run never leaves a line
/// twice or a half line.
public final class JSONLSink {
    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes in the file after the last write.
    public private(set) var offset: Int64

    /// Opens (creating) `path`, or standard output for `-`. The offset starts at the end.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
            offset = 0
            return
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SinkError("cannot open \(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
        ownsDescriptor = true
        offset = Int64(lseek(fd, 0, SEEK_END))
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public var isFile: Bool { ownsDescriptor }

    /// Cuts the file back to `length` bytes (the last committed offset) and continues there.
    public func truncate(to length: Int64) throws {
        guard ownsDescriptor else { return }
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw SinkError("cannot truncate \(path): \(String(cString: strerror(errno)))")
        }
        offset = Int64(lseek(descriptor, off_t(length), SEEK_SET))
    }

    public func write(_ record: SinkRecord) throws {
        var bytes = Array(record.jsonLine.utf8)
        bytes.append(0x0A)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SinkError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        offset += Int64(bytes.count)
    }

    /// fsync, so a committed offset never points past what survives a crash of the machine.
    public func sync() {
        if ownsDescriptor { fsync(descriptor) }
    }
}

public struct SinkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
