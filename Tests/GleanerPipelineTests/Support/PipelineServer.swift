import Foundation

/// Runs Tests/Support/pipeline_server.py (a loopback news site) for one test. The server
/// exits when its standard input closes — on `stop()`, on deinit, or when the test process
/// dies — so no server outlives the suite.
final class PipelineServer: @unchecked Sendable {
    let port: Int
    let logPath: String
    private let process = Process()
    private let input = Pipe()

    static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

    init(delayMilliseconds: Int = 0) throws {
        logPath = NSTemporaryDirectory() + "gleaner-pipeline-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.supportDirectory.appendingPathComponent("pipeline_server.py").path,
            "--log", logPath, "--delay-ms", String(delayMilliseconds),
        ]
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
            input.fileHandleForWriting.closeFile()
            throw TestFailure("pipeline_server.py did not print its port")
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        try? input.fileHandleForWriting.close()
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    struct Request {
        var path: String
        var status: Int
        var ifNoneMatch: String?
    }

    var requests: [Request] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String, let status = object["status"] as? Int
            else { return nil }
            return Request(path: path, status: status, ifNoneMatch: object["inm"] as? String)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh temporary directory, removed on deinit.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gleaner-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The built `gleaner` executable, found next to the test bundle.
enum GleanerExecutable {
    static var url: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gleaner")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/gleaner")
    }

    /// Starts `gleaner` with output captured to files (so a killed child leaves no pipes).
    static func start(_ arguments: [String], stdout: String, stderr: String) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = directory.path("stdout-\(UUID().uuidString)")
        let err = directory.path("stderr-\(UUID().uuidString)")
        let process = try start(arguments, stdout: out, stderr: err)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
