import GleanerTestSupport
import Foundation
import Testing

/// Every message and exit status of the command line that is not about one input: bad
/// outputs, bad option values, plurals, help text. Each checks the exact wording a user sees.
@Suite struct CLIMessageTests {
    static let page = BadInputTests.goodPage

    @Test func anOutputThatCannotBeOpenedIsStatusOneWithTheOSReason() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        let run = try GleanerBinary.run(["extract", input, "-o", "/nonexistent-gleaner-dir/out.jsonl"])
        #expect(run.status == 1)
        #expect(run.stderr == "gleaner: cannot open /nonexistent-gleaner-dir/out.jsonl for writing: No such file or directory\n")
        #expect(!run.stderr.contains("USAGE"))
    }

    @Test func anOutputThatFillsUpIsStatusThree() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        let run = try GleanerBinary.run(["extract", input, input, "-o", "/dev/full"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("gleaner: cannot write /dev/full: No space left on device\n"))
    }

    /// The first failed write ends the run while the workers are in the middle of later
    /// pages; exiting under them used to crash (SIGSEGV in OpenSSL's or libxml2's clean-up,
    /// about one run in seven with 30 inputs). Forty runs make a regression all but certain
    /// to show.
    @Test func aFullOutputIsStatusThreeWhileWorkersAreBusy() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        let inputs = Array(repeating: input, count: 30)
        var statuses: [Int32: Int] = [:]
        for _ in 0..<40 {
            let run = try GleanerBinary.run(["extract", "--jobs", "2", "--quiet"] + inputs + ["-o", "/dev/full"])
            statuses[run.status, default: 0] += 1
        }
        #expect(statuses == [3: 40])
    }

    @Test func standardOutputThatFillsUpIsStatusThree() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        // The shell points standard output at /dev/full, as `gleaner extract … > /dev/full`.
        let process = Process()
        process.executableURL = GleanerBinary.url
        process.arguments = ["extract", input]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(message.contains("cannot write standard output: No space left on device"))
    }

    @Test func sqliteOutputIsPickedByExtension() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        let output = dir.path("out.sqlite")
        let run = try GleanerBinary.run(["extract", input, input, "-o", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let header = try #require(FileManager.default.contents(atPath: output)).prefix(15)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3")
        let query = Process()
        query.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        query.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*), max(headline) from articles').fetchone())", output]
        let pipe = Pipe()
        query.standardOutput = pipe
        try query.run()
        let answer = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        query.waitUntilExit()
        // Two inputs, one page: upserted by URL (here the source), so one row.
        #expect(answer == "(1, 'Good page')\n")
    }

    @Test func negativeNumbersAreCheckedNotMistakenForOptions() throws {
        let cases: [([String], String)] = [
            (["scrape", "--delay", "-1", "http://127.0.0.1:9/"], "--delay must be 0 or more seconds."),
            (["scrape", "--timeout", "-5", "http://127.0.0.1:9/"], "--timeout must be more than 0 seconds."),
            (["scrape", "--retries", "-1", "http://127.0.0.1:9/"], "--retries must be 0 or more."),
            (["scrape", "--concurrency", "0", "http://127.0.0.1:9/"], "--concurrency must be at least 1."),
            (["scrape", "--max-bytes", "lots", "http://127.0.0.1:9/"], "--max-bytes: cannot read lots as a size such as 20MB."),
            (["scrape"], "Give at least one URL or --urls FILE."),
            (["extract", "--jobs", "-2", "x.html"], "--jobs must be at least 1."),
            (["extract"], "Give at least one PATH, - for standard input, or --paths-from FILE."),
        ]
        for (arguments, message) in cases {
            let run = try GleanerBinary.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("Error: " + message), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Missing value"), "\(arguments)")
        }
    }

    @Test func jobsHelpNamesOneDefault() throws {
        for command in ["extract", "scrape"] {
            let run = try GleanerBinary.run([command, "--help"])
            #expect(run.status == 0)
            let help = run.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            #expect(help.contains("(default: all cores)"), "\(command)")
            #expect(!help.contains("(default: all cores). (default:"), "\(command)")
            #expect(help.contains("3 when the output could not be written"), "\(command)")
        }
        let run = try GleanerBinary.run(["run", "--help"])
        #expect(run.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ").contains("3 when a sink or the state could not be written"))
    }

    @Test func countsUseSingularAndPlural() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html", Self.page)
        let one = try GleanerBinary.run(["extract", input])
        #expect(one.stderr == "gleaner: 1 input, 1 record\n")
        let empty = try dir.write("empty.html", "")
        let two = try GleanerBinary.run(["extract", input, empty])
        #expect(two.status == 1)
        #expect(two.stderr == "gleaner: 2 inputs, 1 record, 1 error (empty_input: 1)\n")
    }
}
