import ArgumentParser
import Gleaner

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `--output-dir` of `extract` and `scrape` (docs/formats.md). JSON lines
/// stay the default, byte for byte; the document formats go to one stream with a form-feed
/// line between records, or to one file per input.
struct FormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Record format: jsonl (default), markdown, text, html or xml. Documents on one stream are separated by a line holding only a form feed.",
        valueName: "FORMAT"))
    var format: OutputFormat = .jsonl

    @Option(name: .customLong("output-dir"), help: ArgumentHelp(
        "Write one file per input into DIR (created if missing): the input's file name or the URL's host and path, with .md, .txt, .html, .xml or .json; a repeated name gets -2, -3, … in input order.",
        valueName: "DIR"))
    var outputDirectory: String?

    /// Checks the combination with `--output`, which each command declares itself.
    func validate(output: String?) throws {
        if output != nil && outputDirectory != nil {
            throw ValidationError("Give --output or --output-dir, not both.")
        }
        if let output, format != .jsonl, OutputOption.isSQLite(output) {
            throw ValidationError("--format \(format.rawValue) cannot be written to an SQLite database (\(output)); use --output-dir or a file name that is not .sqlite/.db.")
        }
        if outputDirectory?.isEmpty == true { throw ValidationError("--output-dir needs a directory name.") }
    }
}
