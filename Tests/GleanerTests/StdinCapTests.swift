import Foundation
import GleanerTestSupport
import Testing

/// Standard input has the same 64 MiB cap as files (issue 10 §1): an endless or huge stream
/// becomes one `too_large` record instead of exhausting memory, and a gzip bomb on stdin stops
/// at the same budget after decompression.
@Suite(.serialized) struct StdinCapTests {
    static let cap = 64 * 1024 * 1024

    @Test func stdinOverTheCapIsOneTooLargeRecord() throws {
        let run = try GleanerBinary.run(["extract", "-"], stdin: Data(repeating: UInt8(ascii: "a"), count: Self.cap + 1))
        #expect(run.status == 1)
        #expect(run.records.count == 1)
        let error = try #require(run.records.first?["error"] as? [String: Any])
        #expect(error["code"] as? String == "too_large")
        #expect(run.records.first?["source"] as? String == "-")
    }

    @Test func stdinAtTheCapIsRead() throws {
        let page = Array("<html><body><article><h1>Capped</h1><p>Text of the page, long enough to be a body.</p></article></body></html>".utf8)
        var bytes = page + [UInt8](repeating: UInt8(ascii: " "), count: 1024 * 1024)
        bytes += Array("<!-- end -->".utf8)
        let run = try GleanerBinary.run(["extract", "-"], stdin: Data(bytes))
        #expect(run.records.count == 1)
        #expect(run.records.first?["headline"] as? String == "Capped")
    }

    @Test func gzipBombOnStdinStopsAtTheCap() throws {
        // 80 MiB of zeros compress to about 80 KB.
        let directory = try TemporaryDirectory()
        let path = directory.path("bomb.gz")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", "head -c \(80 * 1024 * 1024) /dev/zero | gzip -1 > '\(path)'"]
        try make.run()
        make.waitUntilExit()
        let run = try GleanerBinary.run(["extract", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(run.status == 1)
        #expect(run.records.count == 1)
        let error = try #require(run.records.first?["error"] as? [String: Any])
        #expect(error["code"] as? String == "bad_gzip")
        #expect((error["message"] as? String)?.contains("\(Self.cap)") == true, "\(error)")
    }
}
