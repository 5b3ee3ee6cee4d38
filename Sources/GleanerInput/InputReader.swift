import Foundation
import GleanerModel

/// Reads an input's bytes, transparently un-gzipping `.gz` files and gzip data on stdin.
public struct InputReader: Sendable {
    /// Decompressed size limit: a gzip bomb stops here instead of exhausting memory.
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
            raw = Array(FileHandle.standardInput.readDataToEndOfFile())
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
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            throw GleanerError(
                stage: .read, code: code == ENOENT ? "not_found" : "unreadable",
                message: "open: \(String(cString: strerror(code)))", source: path)
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw GleanerError(stage: .read, code: "unreadable", message: "is a directory", source: path)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)) + 1)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw GleanerError(stage: .read, code: "unreadable", message: "read: \(String(cString: strerror(code)))", source: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumBytes {
                throw GleanerError(
                    stage: .read, code: "too_large", message: "the file exceeds \(maximumBytes) bytes", source: path)
            }
        }
        return bytes
    }
}
