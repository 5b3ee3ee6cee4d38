import Foundation
import Gleaner
import GleanerTestSupport
import Testing
@testable import GleanerPipeline

/// A pipeline's `files` sink (`{type: files, format: markdown, path: DIR}`): one document
/// per record — the renderer goldens of the Samples, an error document for a broken input —
/// named from a hash of the source, so a second run rewrites the same files.
@Suite(.serialized) struct FilesSinkTests {
    static let repository = LoopbackServer.supportDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repository.appendingPathComponent("Samples")
    static let goldens = repository.appendingPathComponent("Tests/GleanerRenderTests/Goldens")

    func config(_ directory: TemporaryDirectory, sink: String) throws -> String {
        _ = try directory.write("broken/empty.html", "")
        let yaml = """
            sources:
              directories: [\(Self.samples.path), broken]
            sinks:
              - \(sink)
            """
        return try directory.write("p.yaml", yaml)
    }

    @Test func markdownFilesMatchTheRendererGoldens() throws {
        let directory = try TemporaryDirectory()
        let path = try config(directory, sink: "{type: files, format: markdown, path: out/md}")
        let config = try PipelineConfig.load(path: path)
        #expect(config.sinks == [.init(kind: .files, path: directory.path("out/md"), mode: .append, format: .markdown)])
        #expect(config.statePath == directory.path("out/md") + ".state.sqlite")
        let result = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(result.counts.errors["empty_input"] == 1)

        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples.path).filter { $0.hasSuffix(".html") }.sorted()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path("out/md")).sorted()
        // One file per input, the error included; no temporary file left behind.
        #expect(files.count == names.count + 1)
        #expect(files.allSatisfy { !$0.hasPrefix(".") && $0.hasSuffix(".md") })
        for name in names {
            let stem = String(name.dropLast(5))
            let source = Self.samples.appendingPathComponent(name).path
            var namer = DocumentFileNamer(scheme: .keyed, fileExtension: "md")
            let file = namer.name(for: source)
            #expect(file.hasPrefix(stem + "-"))
            let written = try String(contentsOfFile: directory.path("out/md/" + file), encoding: .utf8)
            // The golden was recorded with the relative source; the pipeline's is absolute.
            let golden = try String(contentsOf: Self.goldens.appendingPathComponent(stem + ".md"), encoding: .utf8)
                .replacingOccurrences(of: "source: \"Samples/\(name)\"", with: "source: \"\(source)\"")
            #expect(written == golden, "\(file)")
        }
        let error = try #require(files.first { $0.hasPrefix("empty-") })
        let text = try String(contentsOfFile: directory.path("out/md/" + error), encoding: .utf8)
        #expect(text.contains("code: \"empty_input\""))

        // A second run writes the same names again: nothing numbered, nothing added.
        _ = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("out/md")).sorted() == files)
    }

    @Test func filesSinkKeysAreChecked() throws {
        let directory = try TemporaryDirectory()
        let cases: [(String, String)] = [
            ("{type: files, path: out}", "missing required key `format`"),
            ("{type: files, format: pdf, path: out}", "unknown format \"pdf\" (known: markdown, text, html, xml, jsonl)"),
            ("{type: jsonl, format: markdown, path: out.jsonl}", "`format` applies to files sinks only"),
            ("{type: files, format: text, path: \"-\"}", "a files sink needs a directory path"),
            ("{type: files, format: text, path: out, mode: overwrite}", "`mode` applies to jsonl sinks only"),
        ]
        for (sink, message) in cases {
            let path = try config(directory, sink: sink)
            do {
                _ = try PipelineConfig.load(path: path)
                Issue.record("\(sink) was accepted")
            } catch {
                #expect("\(error)".contains(message), "\(sink): \(error)")
            }
        }
    }
}
