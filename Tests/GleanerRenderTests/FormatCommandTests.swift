import Foundation
import GleanerRender
import GleanerTestSupport
import Testing

/// `--format`, `--output` and `--output-dir` on the built binary, as a user runs them: the
/// documents must be byte for byte the renderer goldens (the binary is run from the
/// repository root on `Samples/NAME.html`, the source the goldens were recorded with), one
/// per input in input order, an error document for a failed input, and JSON lines unchanged.
@Suite struct FormatCommandTests {
    static let root = RenderTests.root
    static let names = RenderTests.sampleNames
    static let inputs = names.map { "Samples/\($0).html" }

    static func golden(_ name: String, _ format: OutputFormat) throws -> String {
        try String(contentsOf: RenderTests.goldens.appendingPathComponent("\(name).\(format.fileExtension)"), encoding: .utf8)
    }

    static func gleaner(_ arguments: [String]) throws -> GleanerBinary.Run {
        try GleanerBinary.run(arguments, currentDirectory: root)
    }

    /// Documents of one stream: split on the form-feed line.
    static func documents(_ stream: String) -> [String] {
        stream.components(separatedBy: "\n\u{0C}\n").map { part in
            // Every document but the last lost its newline to the separator.
            part.hasSuffix("\n") ? part : part + "\n"
        }
    }

    @Test(arguments: RenderTests.documentFormats)
    func streamOfEverySampleMatchesTheGoldens(format: OutputFormat) throws {
        let run = try Self.gleaner(["extract"] + Self.inputs + ["--format", format.rawValue, "--jobs", "2", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let documents = Self.documents(run.stdout)
        #expect(documents.count == Self.names.count)
        for (name, document) in zip(Self.names, documents) {
            #expect(document == (try Self.golden(name, format)), "\(name).\(format.fileExtension)")
        }
        // Separator lines only between records: one fewer than the records.
        #expect(run.stdout.components(separatedBy: "\n\u{0C}\n").count == Self.names.count)
        #expect(!run.stdout.hasPrefix("\u{0C}") && !run.stdout.hasSuffix("\u{0C}\n"))
    }

    @Test(arguments: RenderTests.documentFormats)
    func outputDirectoryHoldsOneGoldenFilePerSample(format: OutputFormat) throws {
        let temp = try TemporaryDirectory()
        let out = temp.path("out")
        let run = try Self.gleaner(["extract"] + Self.inputs + ["--format", format.rawValue, "--output-dir", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == Self.names.map { "\($0).\(format.fileExtension)" }.sorted())
        for name in Self.names {
            let written = try String(contentsOfFile: "\(out)/\(name).\(format.fileExtension)", encoding: .utf8)
            #expect(written == (try Self.golden(name, format)), "\(name).\(format.fileExtension)")
        }
    }

    @Test func jsonlIsTheDefaultAndUnchanged() throws {
        let plain = try Self.gleaner(["extract"] + Self.inputs + ["--jobs", "2", "--quiet"])
        let explicit = try Self.gleaner(["extract"] + Self.inputs + ["--format", "jsonl", "--jobs", "2", "--quiet"])
        #expect(plain.status == 0)
        #expect(plain.lines.count == Self.names.count)
        #expect(!plain.stdout.contains("\u{0C}"))
        // Byte for byte, apart from the one field that is the time of the run.
        let seen = try NSRegularExpression(pattern: #""seen_at":"[^"]*""#)
        func masked(_ text: String) -> String {
            seen.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        #expect(masked(explicit.stdout) == masked(plain.stdout))
    }

    @Test func jsonlInADirectoryIsOneJSONFilePerInput() throws {
        let temp = try TemporaryDirectory()
        let out = temp.path("json")
        let run = try Self.gleaner(["extract", Self.inputs[0], "/nonexistent/gone.html", "--output-dir", out, "--quiet"])
        #expect(run.status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["\(Self.names[0]).json", "gone.json"])
        let error = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/gone.json"))) as? [String: Any]
        #expect(error?.errorCode == "not_found")
        let article = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(Self.names[0]).json"))) as? [String: Any]
        #expect(article?["source"] as? String == Self.inputs[0])
    }

    @Test(arguments: RenderTests.documentFormats)
    func aFailedInputGivesAnErrorDocumentInItsPlace(format: OutputFormat) throws {
        let run = try Self.gleaner([
            "extract", Self.inputs[0], "/nonexistent/page.html", Self.inputs[1], "--format", format.rawValue, "--jobs", "2",
        ])
        #expect(run.status == 1)
        #expect(run.stderr.contains("1 error (not_found: 1)"), "\(run.stderr)")
        let documents = Self.documents(run.stdout)
        #expect(documents.count == 3)
        guard documents.count == 3 else { return }
        #expect(documents[0] == (try Self.golden(Self.names[0], format)))
        #expect(documents[2] == (try Self.golden(Self.names[1], format)))
        let error = documents[1]
        #expect(error.contains("not_found"))
        #expect(error.contains("/nonexistent/page.html"))
        switch format {
        case .markdown: #expect(error.hasPrefix("---\nschema: \"gleaner.article/1\"\nsource: \"/nonexistent/page.html\"\nerror:\n"))
        case .text: #expect(error.hasPrefix("error: /nonexistent/page.html: read/not_found: "))
        case .html: #expect(error.contains("<p class=\"error\""))
        case .xml: #expect(error.contains("<error stage=\"read\" code=\"not_found\""))
        case .jsonl: break
        }
    }

    @Test func repeatedAndCollidingNamesGetNumbersInInputOrder() throws {
        let temp = try TemporaryDirectory()
        let sample = try Data(contentsOf: Self.root.appendingPathComponent(Self.inputs[0]))
        let html = try temp.write("in/story.html", sample)
        let htm = try temp.write("in/story.htm", sample)
        let gz = try temp.write("in/other/Story.html.gz", Self.gzip(sample))
        let numbered = try temp.write("in/story-2.html", sample)
        let out = temp.path("out")
        let run = try GleanerBinary.run(
            ["extract", html, htm, html, gz, numbered, "/nonexistent/story.html", "--format", "text", "--output-dir", out, "--quiet"])
        #expect(run.status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        // story, story-2, story-3 (the repeated input), Story → story-4 (names differ only by
        // case), the real "story-2" → story-2-2, and the failed input story-5.
        #expect(files == ["Story-4.txt", "story-2-2.txt", "story-2.txt", "story-3.txt", "story-5.txt", "story.txt"])
        #expect(try String(contentsOfFile: out + "/story-5.txt", encoding: .utf8).hasPrefix("error: /nonexistent/story.html: read/not_found"))
        // Same inputs again: the same names, files replaced (no leftovers, no new numbers).
        let again = try GleanerBinary.run(
            ["extract", html, htm, html, gz, numbered, "/nonexistent/story.html", "--format", "text", "--output-dir", out, "--quiet"])
        #expect(again.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == files)
    }

    @Test func outputFileHoldsTheSameStreamAsStandardOutput() throws {
        let temp = try TemporaryDirectory()
        let file = temp.path("all.md")
        let toFile = try Self.gleaner(["extract"] + Self.inputs + ["--format", "markdown", "-o", file, "--quiet"])
        let toStdout = try Self.gleaner(["extract"] + Self.inputs + ["--format", "markdown", "--quiet"])
        #expect(toFile.status == 0)
        #expect(toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == toStdout.stdout)
    }

    @Test func conflictingOptionsAreUsageErrors() throws {
        let temp = try TemporaryDirectory()
        let both = try Self.gleaner(["extract", Self.inputs[0], "-o", temp.path("a.md"), "--output-dir", temp.path("d")])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--output or --output-dir"))
        let sqlite = try Self.gleaner(["extract", Self.inputs[0], "-o", temp.path("a.sqlite"), "--format", "markdown"])
        #expect(sqlite.status == 2)
        let unknown = try Self.gleaner(["extract", Self.inputs[0], "--format", "pdf"])
        #expect(unknown.status == 2)
        // A directory whose parent is missing is reported, not created (as -o).
        let missing = try Self.gleaner(["extract", Self.inputs[0], "--format", "text", "--output-dir", temp.path("no/such/dir")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot create the folder"))
    }

    @Test func scrapeWritesMarkdownFilesNamedFromTheURL() throws {
        let server = try LoopbackServer(script: "fault_server.py")
        defer { server.stop() }
        let temp = try TemporaryDirectory()
        let out = temp.path("md")
        let base = "http://127.0.0.1:\(server.port)"
        let run = try GleanerBinary.run([
            "scrape", "\(base)/article", "\(base)/status/404", "--format", "markdown", "--output-dir", out,
            "--ignore-robots", "--delay", "0", "--retries", "0", "--quiet",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["127.0.0.1_\(server.port)_article.md", "127.0.0.1_\(server.port)_status_404.md"])
        let article = try String(contentsOfFile: "\(out)/127.0.0.1_\(server.port)_article.md", encoding: .utf8)
        #expect(article.hasPrefix("---\ntitle: "))
        let error = try String(contentsOfFile: "\(out)/127.0.0.1_\(server.port)_status_404.md", encoding: .utf8)
        #expect(error.contains("stage: \"fetch\""))
        #expect(error.contains("code: \"http_404\""))
    }

    static func gzip(_ data: Data) throws -> Data {
        let temp = try TemporaryDirectory()
        let path = try temp.write("x", data)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
    }
}
