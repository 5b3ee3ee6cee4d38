import Foundation

/// Runs the built `gleaner` executable, as a user would, for end-to-end tests. It sits next
/// to the test bundle in the build products folder.
public enum GleanerBinary {
    public struct Run: @unchecked Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var seconds: Double

        /// Non-empty stdout lines.
        public var lines: [String] {
            stdout.split(separator: "\n").map(String.init)
        }

        /// stdout split into JSON objects, one per line.
        public var records: [[String: Any]] {
            lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    /// The executable: next to the test bundle, or a few folders up from it.
    public static var url: URL {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gleaner")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/gleaner")
    }

    /// The environment children get: the runner's own, without proxy settings (a proxy in
    /// the test runner's environment must not reroute loopback tests), plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            variables.removeValue(forKey: name)
        }
        variables.merge(extra) { $1 }
        return variables
    }

    /// Runs `gleaner` with `arguments` to the end, feeding `stdin` if given.
    public static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], currentDirectory: URL? = nil
    ) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("gleaner binary not found at \(url.path); run swift build first")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = Self.environment(environment)
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let started = Date()
        try process.run()
        // Drain stderr on its own thread while stdout is read here, so a full pipe can't
        // block the child.
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self),
            seconds: Date().timeIntervalSince(started))
    }

    /// `run` with text on standard input.
    public static func run(_ arguments: [String], stdin text: String, environment: [String: String] = [:]) throws -> Run {
        try run(arguments, stdin: Data(text.utf8), environment: environment)
    }

    /// Starts `gleaner` without waiting, output going to files (so a child the test kills
    /// leaves no pipes behind).
    public static func start(_ arguments: [String], stdout: String, stderr: String) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = Self.environment([:])
        FileManager.default.createFile(atPath: stdout, contents: nil)
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdout)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `error.code` of an error record.
    public var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    /// The `fetch` object of a scraped record.
    public var fetch: [String: Any]? { self["fetch"] as? [String: Any] }
}
