import GleanerTestSupport
import Foundation
import Testing

/// `gleaner scrape` streams and stops cleanly: against a slow loopback server, the first
/// record is on disk long before the last URL is fetched, and Ctrl-C (SIGINT) leaves every
/// finished record, in order, with the summary and exit status 130.
// The limit catches hangs, with room for load: in the full parallel test run a test also
// waits for Swift's shared thread pool, which other suites' blocking process runs hold.
@Suite(.timeLimit(.minutes(3))) struct ScrapeStreamingTests {
    func lines(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // Only complete lines: a line is on disk once its newline is.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func oneURLIsSingular() throws {
        let server = try LoopbackServer(script: "fault_server.py")
        defer { server.stop() }
        let run = try GleanerBinary.run(["scrape", "http://127.0.0.1:\(server.port)/article", "--ignore-robots", "--delay", "0"])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("gleaner: 1 URL, 1 ok in "), "\(run.stderr)")
    }

    @Test func firstRecordArrivesEarlyAndSigintKeepsFinishedRecords() throws {
        let server = try LoopbackServer(script: "fault_server.py")
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        let urls = (0..<50).map { "http://127.0.0.1:\(server.port)/slow?ms=250&n=\($0)" }
        let list = try dir.write("urls.txt", urls.joined(separator: "\n") + "\n")
        let output = dir.path("out.jsonl")
        let process = try GleanerBinary.start(
            ["scrape", "--urls", list, "-o", output, "--delay", "0", "--per-host", "2", "--concurrency", "2",
             "--ignore-robots", "--retries", "0"],
            stdout: dir.path("stdout"), stderr: dir.path("stderr"))
        defer { if process.isRunning { process.terminate() } }

        let deadline = Date().addingTimeInterval(30)
        while lines(output).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let firstSeen = lines(output).count
        #expect(firstSeen >= 1)
        let endedAtFirst = server.logEntries().filter { $0["event"] as? String == "end" }.count
        #expect(endedAtFirst < urls.count, "the first line came only after \(endedAtFirst) fetches")

        Thread.sleep(forTimeInterval: 1)
        let beforeSignal = lines(output).count
        kill(process.processIdentifier, SIGINT)
        let signalled = Date()
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 3)
        #expect(process.terminationStatus == 130)

        let written = lines(output)
        #expect(written.count >= beforeSignal)
        #expect(written.count < urls.count)
        let sources = written.compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["source"] as? String
        }
        // Every line is whole, in input order, with no gap.
        #expect(sources == Array(urls.prefix(sources.count)))
        #expect(sources.count == written.count)
        let stderr = (try? String(contentsOfFile: dir.path("stderr"), encoding: .utf8)) ?? ""
        #expect(stderr.contains("gleaner: 50 URLs, "), "\(stderr)")
        #expect(stderr.contains("stopped by SIGINT after \(written.count) of 50"), "\(stderr)")
    }
}
