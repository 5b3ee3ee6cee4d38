import GleanerTestSupport
import Foundation
import Testing

/// Hostile and broken inputs: each gives a record or an error record, the batch goes on,
/// and no input is lost or doubled. These run the real `gleaner` binary.
@Suite(.serialized) struct BadInputTests {
    static let goodPage = """
        <html lang="en"><head><title>Good page</title></head><body><article><h1>Good page</h1>
        <p>This paragraph is long enough to be the body of a perfectly ordinary article page.</p>
        <p>And a second paragraph, so that the extractor has something to choose, with commas, too.</p>
        </article></body></html>
        """

    /// gzip-compresses with the system `gzip`, as a user's saved pages would be.
    static func gzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }

    static func errorCode(_ record: [String: Any]) -> String? {
        (record["error"] as? [String: Any])?["code"] as? String
    }

    @Test func emptyFileGivesEmptyInputError() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("empty.html", Data())
        let run = try GleanerBinary.run(["extract", path])
        #expect(run.status == 1)
        #expect(run.records.count == 1)
        #expect(Self.errorCode(run.records[0]) == "empty_input")
        #expect(run.records[0]["source"] as? String == path)
    }

    @Test func binaryGarbageAndPDFAreNotHTML() throws {
        let dir = try TemporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let garbagePath = try dir.write("garbage.html", garbage)
        let pdf = Data("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n".utf8) + garbage.prefix(2000)
        let pdfPath = try dir.write("paper.pdf", pdf)
        let run = try GleanerBinary.run(["extract", garbagePath, pdfPath])
        #expect(run.records.count == 2)
        #expect(run.records.map(Self.errorCode) == ["not_html", "not_html"])
        let message = (run.records[1]["error"] as? [String: Any])?["message"] as? String
        #expect(message?.contains("PDF") == true)
    }

    @Test func twentyMegabytePageIsExtracted() throws {
        let dir = try TemporaryDirectory()
        var parts = ["<html><body><h1>Big</h1><article>"]
        var size = 0
        var index = 0
        while size < 20_000_000 {
            let paragraph = "<p>Paragraph number \(index) of a very long page, with enough words to count as text.</p>\n"
            parts.append(paragraph)
            size += paragraph.utf8.count
            index += 1
        }
        parts.append("</article></body></html>")
        let html = parts.joined()
        let path = try dir.write("big.html", html)
        // A generous parse budget: this test is about size, and a debug build parses several
        // times slower than the release build the 1.5 s default is meant for. Its 228,000
        // paragraphs are over the default element budget (150,000), which is raised too.
        let run = try GleanerBinary.run(["extract", path, "--parse-timeout", "60", "--max-elements", "300000"])
        #expect(run.status == 0)
        #expect(run.records.count == 1)
        let text = run.records.first?["text"] as? String ?? ""
        #expect(text.contains("Paragraph number 0 of"))
        #expect(text.contains("Paragraph number \(index - 1) of"))
    }

    @Test func tenThousandDeepNestingDoesNotCrash() throws {
        let dir = try TemporaryDirectory()
        let depth = 10_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>Deep inside the nesting there is a paragraph of ordinary article text, found anyway.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let path = try dir.write("deep.html", html)
        let run = try GleanerBinary.run(["extract", path])
        #expect(run.records.count == 1)
        #expect(run.status == 0)
        #expect((run.records.first?["text"] as? String)?.contains("Deep inside the nesting") == true)
    }

    /// A UTF-8 page with a few damaged bytes keeps its declaration; the damage becomes U+FFFD.
    @Test func invalidUTF8IsRepairedNotDropped() throws {
        let dir = try TemporaryDirectory()
        var bytes = Data("<html><head><meta charset=\"utf-8\"></head><body><article><p>Grüße aus Zürich, schöne Grüße an die Bäckerei, Café crème für alle Gäste, Frühstück für Großväter. Caf".utf8)
        bytes += Data([0xE9, 0xFF, 0xC3])  // latin-1 é, an impossible byte, a cut sequence
        bytes += Data(" au lait is served here every morning, and the paragraph goes on for a while.</p></article></body></html>".utf8)
        let path = try dir.write("bad-utf8.html", bytes)
        let run = try GleanerBinary.run(["extract", path])
        #expect(run.status == 0)
        // The whole output must be valid UTF-8 (String(validating:) fails otherwise).
        #expect(String(validating: Array(run.stdout.utf8), as: UTF8.self) != nil)
        let text = run.records.first?["text"] as? String ?? ""
        #expect(text.contains("\u{FFFD}"))
        #expect(text.contains("au lait is served"))
    }

    /// Latin-1 bytes under a UTF-8 declaration, with no valid multi-byte UTF-8 at all: the
    /// declaration loses and the page is read as windows-1252.
    @Test func latin1UnderAUTF8DeclarationIsReadAsLatin1() throws {
        var bytes = Data("<html><head><meta charset=\"utf-8\"></head><body><article><p>Caf".utf8)
        bytes += Data([0xE9])
        bytes += Data(" au lait is served here every morning, and the paragraph goes on for a while.</p></article></body></html>".utf8)
        let dir = try TemporaryDirectory()
        let run = try GleanerBinary.run(["extract", try dir.write("latin1.html", bytes)])
        let text = run.records.first?["text"] as? String ?? ""
        #expect(text.hasPrefix("Café au lait is served"))
    }

    @Test func truncatedGzipIsAnErrorRecord() throws {
        let dir = try TemporaryDirectory()
        let compressed = try Self.gzip(Data(Self.goodPage.utf8))
        let path = try dir.write("cut.html.gz", compressed.prefix(compressed.count / 2))
        let whole = try dir.write("whole.html.gz", compressed)
        let run = try GleanerBinary.run(["extract", path, whole])
        #expect(run.records.count == 2)
        #expect(Self.errorCode(run.records[0]) == "bad_gzip")
        #expect(run.records[1]["headline"] as? String == "Good page")
    }

    /// A corrupt `.gz` (a flipped byte in the deflate data) is an error record; a multi-member
    /// `.gz` (`cat a.gz b.gz`) is read whole.
    @Test func corruptAndMultiMemberGzip() throws {
        let dir = try TemporaryDirectory()
        var corrupt = try Self.gzip(Data(Self.goodPage.utf8))
        corrupt[corrupt.count / 2] ^= 0x10
        let bad = try dir.write("bad.html.gz", corrupt)
        // The page cut in two before its second paragraph, each half its own member.
        let page = Array(Self.goodPage.utf8)
        let second = try #require(Self.goodPage.range(of: "<p>And a second"))
        let cut = Self.goodPage.utf8.distance(from: Self.goodPage.startIndex, to: second.lowerBound)
        let joined = try Self.gzip(Data(page[..<cut])) + Self.gzip(Data(page[cut...]))
        let multi = try dir.write("multi.html.gz", joined)
        let run = try GleanerBinary.run(["extract", bad, multi])
        #expect(run.records.count == 2)
        #expect(Self.errorCode(run.records[0]) == "bad_gzip")
        #expect(run.records[1]["headline"] as? String == "Good page")
        #expect((run.records[1]["text"] as? String)?.contains("And a second paragraph") == true)
    }

    /// A directory holding good pages, unreadable entries and junk: every page-named entry
    /// gets exactly one line, in sorted order, and the good pages still come out.
    @Test func directoryWithUnreadableEntriesLosesNothing() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("pages/a-good.html", Self.goodPage)
        let locked = try dir.write("pages/b-locked.html", Self.goodPage)
        chmod(locked, 0o000)
        // A symlink loop cannot be opened even by root.
        let loopA = dir.url.appendingPathComponent("pages/c-loop.html").path
        let loopB = dir.url.appendingPathComponent("pages/c-loop2.html").path
        symlink(loopB, loopA)
        symlink(loopA, loopB)
        _ = try dir.write("pages/d-empty.html", Data())
        _ = try dir.write("pages/e-good.htm", Self.goodPage)
        _ = try dir.write("pages/notes.txt", "not a page")
        let run = try GleanerBinary.run(["extract", "--jobs", "2", dir.url.appendingPathComponent("pages").path])
        let names = run.records.compactMap { ($0["source"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        #expect(names == ["a-good.html", "b-locked.html", "c-loop.html", "c-loop2.html", "d-empty.html", "e-good.htm"])
        #expect(run.records[0]["headline"] as? String == "Good page")
        #expect(run.records[5]["headline"] as? String == "Good page")
        // Root reads a mode-000 file; anyone else gets an error record for it.
        if geteuid() == 0 {
            #expect(run.records[1]["headline"] as? String == "Good page")
        } else {
            #expect(Self.errorCode(run.records[1]) == "unreadable")
        }
        #expect(Self.errorCode(run.records[2]) != nil)
        #expect(Self.errorCode(run.records[4]) == "empty_input")
        #expect(run.status == 1)
    }

    /// All of the above in one batch, twice over with several jobs: one line per input, in
    /// input order, none lost or doubled.
    @Test func mixedBatchKeepsOrderAndCount() throws {
        let dir = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<40 {
            switch index % 4 {
            case 0: paths.append(try dir.write("p\(index).html", Self.goodPage))
            case 1: paths.append(try dir.write("p\(index).html", Data()))
            case 2: paths.append(dir.url.appendingPathComponent("missing-\(index).html").path)
            default: paths.append(try dir.write("p\(index).html", Data([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 14, 15])))
            }
        }
        let run = try GleanerBinary.run(["extract", "--jobs", "4"] + paths)
        #expect(run.records.count == paths.count)
        #expect(run.records.compactMap { $0["source"] as? String } == paths)
        #expect(run.status == 1)
        #expect(run.stderr.contains("40 inputs"))
    }
}
