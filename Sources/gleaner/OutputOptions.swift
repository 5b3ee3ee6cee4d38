import ArgumentParser
import Foundation
import Gleaner
import GleanerCLI

extension OutputFormat: ExpressibleByArgument {}

/// `--format`, `--output` and `--output-dir`, shared by `extract` and `scrape`.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Record format: jsonl (default), markdown, text, html or xml (docs/formats.md).", valueName: "FORMAT"))
    var format: OutputFormat = .jsonl

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write one file per input into DIR (name from the source, extension from the format).", valueName: "DIR"))
    var outputDirectory: String?

    func validate() throws {
        if output != nil && outputDirectory != nil {
            throw ValidationError("Give --output or --output-dir, not both.")
        }
    }

    /// Where the records go.
    func makeOutput() throws -> RecordOutput {
        if let outputDirectory {
            do { return try RecordOutput(format: format, directory: outputDirectory) } catch { throw ValidationError("\(error)") }
        }
        let writer: LineWriter
        if let output {
            do { writer = try LineWriter(path: output) } catch { throw ValidationError("\(error)") }
        } else {
            writer = LineWriter(descriptor: STDOUT_FILENO, ownsDescriptor: false)
        }
        return RecordOutput(format: format, writer: writer)
    }
}
