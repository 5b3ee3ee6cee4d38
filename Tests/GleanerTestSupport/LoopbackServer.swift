import Foundation

/// Runs one of the Python test servers in `Tests/Support` on a loopback address for one
/// test. The script prints its port on the first line of stdout and exits when its stdin
/// closes: `stop()` (also called on deinit) closes it, and so does the kernel if the test
/// process dies, so no server outlives the suite even when a test fails or crashes.
public final class LoopbackServer: @unchecked Sendable {
    public let port: Int
    /// The JSON-lines request log the script writes (`--log`).
    public let logPath: String
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var stopped = false

    /// `Tests/Support`, where the server scripts and fixtures live.
    public static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

    /// Starts `script` (a file in `Tests/Support`) with `--log <file>` and `arguments`.
    public init(script: String, arguments: [String] = []) throws {
        logPath = NSTemporaryDirectory() + "gleaner-\(script)-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.supportDirectory.appendingPathComponent(script).path, "--log", logPath] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var buffer = Data()
        while !buffer.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        guard let line = String(data: buffer, encoding: .utf8)?.split(separator: "\n").first, let port = Int(line) else {
            try? input.fileHandleForWriting.close()
            throw TestFailure("\(script) did not print its port")
        }
        self.port = port
    }

    /// The log's entries so far, one JSON object per request event.
    public func logEntries() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Stops the server and waits for it to exit; the log is removed.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    deinit { stop() }
}
