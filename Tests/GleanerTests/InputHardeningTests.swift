import GleanerTestSupport
import Foundation
import Testing

/// Inputs that used to hang or multiply a batch: FIFOs and other non-regular files, symbolic
/// link loops, oversized standard input. Each runs the real binary under a deadline, so a
/// regression fails the test instead of hanging the suite.
@Suite(.serialized) struct InputHardeningTests {
    static let page = "<html><body><article><h1>Title</h1><p>A paragraph long enough to count as an article body, with commas, too.</p></article></body></html>"

    /// Runs `gleaner` and kills it after `seconds`; `timedOut` tells.
    static func run(_ arguments: [String], seconds: Double = 20) throws -> (records: [[String: Any]], status: Int32, timedOut: Bool) {
        let dir = try TemporaryDirectory()
        let out = dir.path("out.jsonl")
        let process = try GleanerBinary.start(arguments, stdout: out, stderr: dir.path("err.txt"))
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut {
            // SIGKILL: a process blocked in open() on a FIFO may ignore a handled SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let records = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        return (records, process.terminationStatus, timedOut)
    }

    @Test func fifoInDirectoryGivenDirectlyAndListedIsAnErrorRecordNotAHang() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("pages/a.html", Self.page)
        let fifo = dir.path("pages/b.html")
        #expect(mkfifo(fifo, 0o644) == 0)
        _ = try dir.write("pages/c.html", Self.page)
        let list = try dir.write("list.txt", "\(fifo)\n\(dir.path("pages/a.html"))\n")
        let walked = try Self.run(["extract", dir.path("pages")])
        #expect(!walked.timedOut)
        #expect(walked.records.count == 3)
        #expect(walked.records.map(\.errorCode) == [nil, "not_a_regular_file", nil])
        let direct = try Self.run(["extract", fifo, dir.path("pages/c.html")])
        #expect(!direct.timedOut)
        #expect(direct.records.map(\.errorCode) == ["not_a_regular_file", nil])
        let listed = try Self.run(["extract", "--paths-from", list])
        #expect(!listed.timedOut)
        #expect(listed.records.map(\.errorCode) == ["not_a_regular_file", nil])
        #expect(listed.status == 1)
    }

    @Test func deviceIsNotRead() throws {
        let run = try Self.run(["extract", "/dev/zero"], seconds: 20)
        #expect(!run.timedOut)
        #expect(run.records.map(\.errorCode) == ["not_a_regular_file"])
    }

    @Test func twoSymlinksBackToTheParentListEveryFileOnce() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("site/a.html", Self.page)
        _ = try dir.write("site/sub/b.html", Self.page)
        try FileManager.default.createSymbolicLink(atPath: dir.path("site/sub/up1"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.path("site/sub/up2"), withDestinationPath: "..")
        let run = try Self.run(["extract", dir.path("site")])
        #expect(!run.timedOut)
        #expect(run.records.count == 2)
        #expect(Set(run.records.compactMap { $0["source"] as? String }).count == 2)
    }

    @Test func oneSymlinkToItselfAndAnAliasOfAFolderListEachFileOnce() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("site/a.html", Self.page)
        try FileManager.default.createSymbolicLink(atPath: dir.path("site/self"), withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: dir.path("other"), withDestinationPath: dir.path("site"))
        let run = try Self.run(["extract", dir.path("site"), dir.path("other")])
        #expect(!run.timedOut)
        #expect(run.records.count == 1)
        #expect(run.records.first?["source"] as? String == dir.path("site/a.html"))
    }
}

extension InputHardeningTests {
    @Test func fifoNamedLikeAWebArchiveIsNotOpened() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.path("crawl.warc.gz")
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = try Self.run(["extract", fifo, try dir.write("a.html", Self.page)])
        #expect(!run.timedOut)
        #expect(run.records.map(\.errorCode) == ["not_a_regular_file", nil])
    }
}
