import ArgumentParser
import Foundation
import Gleaner
import GleanerCLI
import GleanerWARC

/// `gleaner extract`: saved HTML files to article records.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract article records from saved HTML pages.",
        discussion: """
            Inputs are files, directories (searched recursively for .html, .htm, .xhtml, \
            their .gz forms, .warc and .arc) and - for standard input. One JSON line is written \
            per input, in input order; an input that cannot be processed gives an error record.

            Web archives (WARC 1.0/1.1, .warc or .warc.gz, recognised by content) give one \
            line per qualifying record — HTML responses and resources — with source \
            FILE#OFFSET and a "warc" object, and one error line per broken record.

            Exit status: 0 when every input gave an article record, 1 when some gave error \
            records, 2 for usage errors.
            """
    )

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String] = []

    @Option(name: .customLong("paths-from"), help: ArgumentHelp("Read input paths from FILE, one per line (- for standard input).", valueName: "FILE"))
    var pathsFrom: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the page was fetched from (a single input only).", valueName: "URL"))
    var baseURL: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .shortAndLong, help: "Number of pages processed in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("warc-status"), help: ArgumentHelp("Web archives: HTTP statuses of the responses to extract, comma-separated (default: any 2xx).", valueName: "CODES"))
    var warcStatus: String?

    @Flag(name: .customLong("warc-include-non-html"), help: "Web archives: extract every payload type, not only HTML.")
    var warcIncludeNonHTML = false

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if paths.isEmpty && pathsFrom == nil {
            throw ValidationError("Give at least one PATH, - for standard input, or --paths-from FILE.")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let warcStatus, Self.statuses(warcStatus) == nil {
            throw ValidationError("--warc-status takes HTTP status codes separated by commas, e.g. 200,203.")
        }
        if pathsFrom == "-" && paths.contains("-") {
            throw ValidationError("Standard input cannot be both --paths-from - and an input.")
        }
    }

    func run() throws {
        var allPaths = paths
        if let pathsFrom {
            allPaths += try LineListOption.read(pathsFrom, option: "--paths-from")
        }
        let inputs = InputCollector().collect(allPaths)
        if baseURL != nil && inputs.count > 1 {
            throw ValidationError("--base-url applies to a single input; \(inputs.count) were given.")
        }
        let writer: LineWriter
        if let output {
            do { writer = try LineWriter(path: output) } catch { throw ValidationError("\(error)") }
        } else {
            writer = LineWriter(descriptor: STDOUT_FILENO, ownsDescriptor: false)
        }
        let selector = WARCPageSelector(statuses: warcStatus.flatMap(Self.statuses), includeNonHTML: warcIncludeNonHTML)
        let runner = ExtractCommandRunner(inputs: inputs, baseURL: baseURL, jobs: jobs, warcSelector: selector)
        let summary = try runner.run(writer: writer)
        if !quiet {
            var message = "gleaner: \(inputs.count) inputs, \(summary.articles) records"
            if summary.errorCount > 0 {
                let codes = summary.errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                message += ", \(summary.errorCount) errors (\(codes))"
            }
            if !summary.warcSkipped.isEmpty {
                let skipped = summary.warcSkipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                message += "; WARC records skipped (\(skipped))"
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        if summary.errorCount > 0 { throw ExitCode(1) }
    }

    /// `200,203` → [200, 203]; nil when any part is not a status code.
    static func statuses(_ text: String) -> Set<Int>? {
        var codes: Set<Int> = []
        for part in text.split(separator: ",") {
            guard let code = Int(part.trimmingCharacters(in: .whitespaces)), (100...599).contains(code) else { return nil }
            codes.insert(code)
        }
        return codes.isEmpty ? nil : codes
    }
}
