import Foundation

/// Writes archived exchanges to `.warc.gz` files: WARC/1.1, a `warcinfo` record first in every
/// file, one gzip member per record, a new file (`NAME-00001.warc.gz`, …) once `maxSize` bytes
/// are reached. Thread-safe: the fetcher's thread and the runner may both write.
///
/// Crash safety: each exchange's members go out in one `write` after they are fully built, so
/// a killed run leaves every completed record readable. Appending to an existing file first
/// cuts off a half-written member at its end (`repairTail`), so a restart never buries one.
public final class WARCWriter: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var path: String
        /// Start a new file when the current one reaches this many bytes; nil = never.
        public var maxSize: Int?
        /// Continue the existing file (pipelines resume); false truncates it (a fresh scrape).
        public var append: Bool
        public var software: String

        public init(path: String, maxSize: Int? = nil, append: Bool = false, software: String = "Gleaner") {
            self.path = path
            self.maxSize = maxSize
            self.append = append
            self.software = software
        }
    }

    public let configuration: Configuration
    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var fileIndex = 0
    private var fileSize = 0
    private var recordsInFile = 0
    /// Every file written so far, in order.
    public private(set) var files: [String] = []

    public init(_ configuration: Configuration) throws(WARCFailure) {
        self.configuration = configuration
        if configuration.append {
            while FileManager.default.fileExists(atPath: Self.path(configuration.path, index: fileIndex + 1)) { fileIndex += 1 }
        }
        try open(append: configuration.append)
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }

    /// `base` for the first file; `stem-00001.warc.gz` after it.
    static func path(_ base: String, index: Int) -> String {
        guard index > 0 else { return base }
        for suffix in [".warc.gz", ".warc"] where base.hasSuffix(suffix) {
            return String(base.dropLast(suffix.count)) + String(format: "-%05d", index) + suffix
        }
        return base + String(format: "-%05d", index)
    }

    public var currentPath: String { Self.path(configuration.path, index: fileIndex) }

    private func open(append: Bool) throws(WARCFailure) {
        let path = currentPath
        if append, FileManager.default.fileExists(atPath: path) {
            let end = Self.repairTail(path)
            descriptor = Foundation.open(path, O_WRONLY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = ftruncate(descriptor, off_t(end))
                _ = lseek(descriptor, off_t(end), SEEK_SET)
                fileSize = end
                recordsInFile = end > 0 ? 1 : 0
            }
        } else {
            descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            fileSize = 0
            recordsInFile = 0
        }
        guard descriptor >= 0 else {
            throw WARCFailure(code: "unwritable", message: "open \(path): \(String(cString: strerror(errno)))", offset: 0)
        }
        if !files.contains(path) { files.append(path) }
        if fileSize == 0 {
            let name = (path as NSString).lastPathComponent
            let info = WARCRecordBuilder.warcinfo(filename: name, date: Self.now(), software: configuration.software, hostname: ProcessInfo.processInfo.hostName)
            try writeAll(GzipMember.compress(info))
        }
    }

    /// The byte length of the readable prefix of a `.warc.gz`: the end of its last complete
    /// gzip member, stopping at the first damaged one.
    public static func repairTail(_ path: String) -> Int {
        var end = 0
        for item in WARCReader(path: path) {
            switch item {
            case .record(let record):
                guard let length = record.length else { return end }
                end = record.offset + length
            case .failure:
                return end
            }
        }
        return end
    }

    /// Archives one exchange as a request and a response record.
    public func write(_ exchange: HTTPExchange) throws(WARCFailure) {
        let (request, response) = WARCRecordBuilder.exchangeRecords(exchange)
        var bytes = GzipMember.compress(request)
        bytes += GzipMember.compress(response)
        lock.lock()
        defer { lock.unlock() }
        if let maxSize = configuration.maxSize, recordsInFile > 0, fileSize + bytes.count > maxSize {
            Foundation.close(descriptor)
            descriptor = -1
            fileIndex += 1
            try open(append: false)
        }
        try writeAll(bytes)
        recordsInFile += 2
    }

    /// Flushes to disk and closes the current file.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 {
            fsync(descriptor)
            Foundation.close(descriptor)
            descriptor = -1
        }
    }

    private func writeAll(_ bytes: [UInt8]) throws(WARCFailure) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw WARCFailure(code: "unwritable", message: "write \(currentPath): \(String(cString: strerror(errno)))", offset: fileSize + written)
            }
            written += count
        }
        fileSize += bytes.count
    }

    /// ISO 8601 UTC with milliseconds, as WARC/1.1 allows.
    public static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var seconds = time_t(time.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, Int(time.tv_nsec / 1_000_000))
    }
}
