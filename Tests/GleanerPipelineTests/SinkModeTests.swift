import GleanerTestSupport
import Foundation
import Testing
@testable import GleanerPipeline

/// JSON-lines sinks across runs: `append` (the default) keeps every earlier line,
/// `overwrite` empties the file only when a run has something to write, `new-file` writes a
/// timestamped file per run; a run that writes nothing leaves the file as it was.
@Suite(.serialized) struct SinkModeTests {
    static let page = """
        <html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>
        <p>The harbour reopened on Monday after two years of repairs to the old bridge.</p>
        <p>Ferries run again every twenty minutes, the city said in a statement.</p></article></body></html>
        """

    func pipeline(_ directory: TemporaryDirectory, mode: String?, minWords: Int = 0) throws -> PipelineConfig {
        _ = try directory.write("pages/a.html", Self.page)
        _ = try directory.write("pages/b.html", Self.page.replacingOccurrences(of: "Harbour news", with: "Bridge news"))
        let modeLine = mode.map { ", mode: \($0)" } ?? ""
        let yaml = """
            sources:
              directories: [pages]
            filters: {min_words: \(minWords)}
            sinks:
              - {type: jsonl, path: out/out.jsonl\(modeLine)}
            """
        let path = try directory.write("p.yaml", yaml)
        return try PipelineConfig.load(path: path)
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func twoRunsInARowKeepEveryLineOfTheFirst() throws {
        let directory = try TemporaryDirectory()
        let config = try pipeline(directory, mode: nil)
        _ = try PipelineRunner(config: config, options: .init(progress: false)).run()
        let first = lines(directory.path("out/out.jsonl"))
        #expect(first.count == 2)
        _ = try PipelineRunner(config: config, options: .init(progress: false)).run()
        let second = lines(directory.path("out/out.jsonl"))
        #expect(second.count == 4)
        #expect(Array(second.prefix(2)) == first)
    }

    @Test func aRunThatWritesNothingLeavesTheFileAsItWas() throws {
        for mode in ["append", "overwrite"] {
            let directory = try TemporaryDirectory()
            _ = try PipelineRunner(config: try pipeline(directory, mode: mode), options: .init(progress: false)).run()
            let before = try Data(contentsOf: URL(fileURLWithPath: directory.path("out/out.jsonl")))
            #expect(!before.isEmpty)
            // Every record is filtered out: nothing to write.
            _ = try PipelineRunner(config: try pipeline(directory, mode: mode, minWords: 100_000), options: .init(progress: false)).run()
            let after = try Data(contentsOf: URL(fileURLWithPath: directory.path("out/out.jsonl")))
            #expect(after == before, "\(mode)")
        }
    }

    @Test func overwriteReplacesAndNewFileAddsAFile() throws {
        let directory = try TemporaryDirectory()
        let overwrite = try pipeline(directory, mode: "overwrite")
        _ = try PipelineRunner(config: overwrite, options: .init(progress: false)).run()
        _ = try PipelineRunner(config: overwrite, options: .init(progress: false)).run()
        #expect(lines(directory.path("out/out.jsonl")).count == 2)

        let fresh = try TemporaryDirectory()
        let newFile = try pipeline(fresh, mode: "new-file")
        _ = try PipelineRunner(config: newFile, options: .init(progress: false)).run()
        Thread.sleep(forTimeInterval: 1.1)
        _ = try PipelineRunner(config: newFile, options: .init(progress: false)).run()
        let files = try FileManager.default.contentsOfDirectory(atPath: fresh.path("out")).filter { $0.hasPrefix("out-") && $0.hasSuffix("Z.jsonl") }
        #expect(files.count == 2, "\(files)")
        for file in files { #expect(lines(fresh.path("out/" + file)).count == 2) }
    }

    @Test func aSinkThatFillsUpEndsTheRunWithStatusThree() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("pages/a.html", Self.page)
        let yaml = """
            name: full
            state: state.sqlite
            sources:
              directories: [pages]
            sinks:
              - {type: jsonl, path: /dev/full}
            """
        let path = try directory.write("p.yaml", yaml)
        let run = try GleanerBinary.run(["run", path, "--quiet"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("cannot write /dev/full: No space left on device"), "\(run.stderr)")
    }

    @Test func runQuietPrintsNothingAndSummaryOtherwise() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("pages/a.html", Self.page)
        let path = try directory.write("p.yaml", "name: q\nsources:\n  directories: [pages]\nsinks:\n  - {type: jsonl, path: out.jsonl}\n")
        let quiet = try GleanerBinary.run(["run", path, "--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let loud = try GleanerBinary.run(["run", path, "--no-progress"])
        #expect(loud.status == 0)
        #expect(loud.stderr.hasPrefix("gleaner: q finished: "), "\(loud.stderr)")
    }

    @Test func unknownModeIsRefusedWithItsLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.yaml", "sources:\n  files: [a.html]\nsinks:\n  - {type: jsonl, path: o.jsonl, mode: sometimes}\n")
        #expect(throws: (any Error).self) { try PipelineConfig.load(path: path) }
        do { _ = try PipelineConfig.load(path: path) } catch {
            #expect("\(error)".contains(":4:"), "\(error)")
            #expect("\(error)".contains("unknown mode \"sometimes\" (known: append, overwrite, new-file)"), "\(error)")
        }
    }
}
