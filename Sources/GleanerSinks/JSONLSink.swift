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
public final class JSONLSink: ResumableSink {
    /// What happens to an existing file when the sink opens it.
    public enum Mode: String, Sendable, CaseIterable {
        /// Keep it and add lines at its end (pipelines: runs accumulate).
        case append
        /// Empty it (`gleaner extract -o`, or a pipeline's `mode: overwrite` at a new run).
        case overwrite
        /// Leave it alone and write `NAME-YYYYMMDDTHHMMSSZ.EXT` next to it.
        case newFile = "new-file"
    }

    public let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes in the file after the last write.
    public private(set) var offset: Int64

    /// Opens `path` (creating it), or standard output for `-`. The offset starts at the end.
    /// `createDirectories` makes missing parent folders (pipelines); the command line does
    /// not, so a mistyped `-o` folder is reported rather than created.
    public init(path: String, mode: Mode = .append, createDirectories: Bool = true) throws {
        if path == "-" {
            self.path = path
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
            offset = 0
            return
        }
        let target = mode == .newFile ? Self.timestampedPath(path, at: Date()) : path
        self.path = target
        if createDirectories {
            let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SinkError("cannot create the folder of \(target): \(Self.reason(error))")
            }
        }
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC
        if mode == .overwrite { flags |= O_TRUNC }
        let fd = open(target, flags, 0o644)
        guard fd >= 0 else { throw SinkError("cannot open \(target) for writing: \(String(cString: strerror(errno)))") }
        descriptor = fd
        ownsDescriptor = true
        offset = Int64(lseek(fd, 0, SEEK_END))
    }

    deinit {
        if ownsDescriptor { Foundation.close(descriptor) }
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
        let bytes = record.jsonLineBytes
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let name = ownsDescriptor ? path : "standard output"
                throw SinkError("cannot write \(name): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        offset += Int64(bytes.count)
    }

    /// fsync, so a committed offset never points past what survives a crash of the machine.
    public func sync() {
        if ownsDescriptor { fsync(descriptor) }
    }

    // MARK: Sink

    /// Every line is already written through; nothing is buffered.
    public func flush() throws {}

    public func close() throws {}

    // MARK: ResumableSink

    public var resumeKey: String { path }
    public var position: Int64 { offset }
    public func rewind(to position: Int64) throws { try truncate(to: position) }

    /// `out.jsonl` → `out-20261201T230500Z.jsonl` (UTC), for `mode: new-file`.
    public static func timestampedPath(_ path: String, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: date)
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent
        let name = ext.isEmpty ? "\(base)-\(stamp)" : "\(base)-\(stamp).\(ext)"
        return (path.contains("/") ? url.deletingLastPathComponent().path + "/" : "") + name
    }

    static func reason(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(posix.code)))
        }
        return (error as NSError).localizedDescription
    }
}
