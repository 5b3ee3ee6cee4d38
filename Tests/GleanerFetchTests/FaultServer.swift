import Foundation
import Testing

/// Runs Tests/Support/fault_server.py for one test. The server exits when its standard input
/// closes: `stop()` (also called on deinit) closes it, and so does the kernel if the test
/// process dies, so no server outlives the suite even when a test fails or crashes.
final class FaultServer: @unchecked Sendable {
    let port: Int
    let logPath: String
    private let process = Process()
    private let input = Pipe()
    private var stopped = false

    static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

    /// The loopback address the server listens on; a second server on 127.0.0.2 is a
    /// second host for politeness purposes.
    let address: String

    init(robots: Bool = false, address: String = "127.0.0.1") throws {
        self.address = address
        logPath = NSTemporaryDirectory() + "gleaner-fault-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Self.supportDirectory.appendingPathComponent("fault_server.py").path, "--log", logPath]
        if robots { arguments.append("--robots") }
        arguments += ["--bind", address]
        process.arguments = arguments
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
            throw ServerError(message: "fault_server.py did not print its port")
        }
        self.port = port
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func url(_ path: String, host: String? = nil) -> String {
        "http://\(host ?? address):\(port)\(path)"
    }

    /// One logged request: when it arrived and when the server had answered it.
    struct Request {
        var id: Int
        var path: String
        var host: String
        var start: Double
        var end: Double?
    }

    /// The requests the server saw so far, in arrival order.
    func requests() -> [Request] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        var byID: [Int: Request] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? Int, let event = object["event"] as? String,
                let path = object["path"] as? String, let time = object["t"] as? Double else { continue }
            if event == "start" {
                byID[id] = Request(id: id, path: path, host: object["host"] as? String ?? "", start: time)
            } else {
                byID[id]?.end = time
            }
        }
        return byID.values.sorted { $0.start < $1.start }
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    deinit { stop() }
}

/// Runs the built `gleaner` executable, which sits next to the test bundle in the build
/// products directory.
enum GleanerBinary {
    static let path: String = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On macOS the tests run inside Foo.xctest/Contents/MacOS.
        while directory.path != "/" && directory.path.contains(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("gleaner").path
    }()

    struct Run {
        var status: Int32
        var lines: [String]
        var stderr: String
        var seconds: Double

        /// The records, parsed.
        var records: [[String: Any]] {
            lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw FaultServer.ServerError(message: "gleaner binary not found at \(path); run swift build first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        // A proxy in the test runner's own environment must not reroute loopback tests.
        for name in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            variables.removeValue(forKey: name)
        }
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let started = Date()
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        input.fileHandleForWriting.closeFile()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let text = String(decoding: outputData, as: UTF8.self)
        return Run(
            status: process.terminationStatus,
            lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty },
            stderr: String(decoding: errorData, as: UTF8.self),
            seconds: Date().timeIntervalSince(started))
    }
}

extension Dictionary where Key == String, Value == Any {
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var fetch: [String: Any]? { self["fetch"] as? [String: Any] }
}
