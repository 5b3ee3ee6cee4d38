import ArgumentParser
import Foundation
import Gleaner
import GleanerInput
import GleanerRunner
import GleanerWARC

extension RecordMaker.ExplainFormat: ExpressibleByArgument {}

/// `gleaner extract`: saved HTML files to article records.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract article records from saved HTML pages.",
        discussion: """
            Inputs are files, directories (searched recursively for .html, .htm, .xhtml, \
            their .gz forms, and web archives: .warc, .warc.gz, .warc.zst, .warc.lz4, .wacz, \
            .arc) and - for standard input. One JSON line is written \
            per input, in input order, each as soon as it and every input before it are done; \
            an input that cannot be processed gives an error record. --output FILE.sqlite (or \
            .db) writes an SQLite database instead (schema in docs/sinks.md). --format \
            markdown|text|html|xml writes one document per input instead (an error document \
            for a failed input), separated by a line holding only a form feed, or one file \
            per input with --output-dir (docs/formats.md). Ctrl-C stops: \
            finished records are written, the summary printed. A progress line is shown on a \
            terminal for more than 100 inputs.

            Web archives (WARC 1.0/1.1 plain or compressed with gzip, zstd or LZ4; the WARC \
            files in a WACZ; ARC; recognised by content, docs/warc.md) give one \
            line per qualifying record — HTML responses and resources — with source \
            FILE#OFFSET and a "warc" object, and one error line per broken record.

            \(Diagnostics.exitStatusHelp)
            """
    )

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String] = []

    @Option(name: .customLong("paths-from"), help: ArgumentHelp("Read input paths from FILE, one per line (- for standard input).", valueName: "FILE"))
    var pathsFrom: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the page was fetched from (a single input only).", valueName: "URL"))
    var baseURL: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to FILE instead of standard output (.sqlite or .db: an SQLite database; otherwise JSON lines, or the --format documents).", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "Output format")
    var formatOptions: FormatOptions

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Number of pages processed in parallel (default: all cores).", valueName: "N"))
    var jobs: Int?

    @Option(name: .customLong("warc-status"), help: ArgumentHelp("Web archives: HTTP statuses of the responses to extract, comma-separated (default: any 2xx).", valueName: "CODES"))
    var warcStatus: String?

    @Flag(name: .customLong("warc-include-non-html"), help: "Web archives: extract every payload type, not only HTML.")
    var warcIncludeNonHTML = false

    @Option(name: .customLong("rules"), help: RulesOption.help)
    var rulesFile: String?

    @Option(name: .customLong("explain"), help: ArgumentHelp(
        "Say why: which source won each field and which rule kept or dropped each block. --explain (or =json) adds an \"explain\" object to each record; --explain=text writes a readable tree to standard error.",
        valueName: "json|text"))
    var explain: RecordMaker.ExplainFormat?

    @Flag(name: .shortAndLong, help: "Print no progress and no summary on standard error.")
    var quiet = false

    @OptionGroup(title: "Parse budget per page")
    var parseLimits: ParseLimitOptions

    func validate() throws {
        if paths.isEmpty && pathsFrom == nil {
            throw ValidationError("Give at least one PATH, - for standard input, or --paths-from FILE.")
        }
        try formatOptions.validate(output: output)
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
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
        let sink = try OutputOption.sink(for: output, options: formatOptions)
        let stop = StopFlag()
        stop.installSignalHandlers()
        defer { stop.uninstall() }
        let selector = WARCPageSelector(statuses: warcStatus.flatMap(Self.statuses), includeNonHTML: warcIncludeNonHTML)
        let archives = WARCOpener(selector: selector)
        var maker = RecordMaker(extractor: try RulesOption.extractor(rulesFile: rulesFile))
        maker.extractor.limits = parseLimits.limits
        maker.explain = explain
        let batch = BatchRun(
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, maker: maker, progress: quiet ? .off : .terminalOnly,
            progressThreshold: 100)
        let source = FileSource(inputs: inputs, baseURL: baseURL, openers: [archives])
        let summary = try batch.run(source: source, sinks: [sink], stop: stop)
        if !quiet {
            var message = "\(Diagnostics.count(inputs.count, "input")), \(Diagnostics.count(summary.articles, "record"))"
            if summary.errorCount > 0 {
                let codes = summary.errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                message += ", \(Diagnostics.count(summary.errorCount, "error")) (\(codes))"
            }
            let skipped = archives.skipped
            if !skipped.isEmpty {
                let reasons = skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                message += "; WARC records skipped (\(reasons))"
            }
            if let signal = summary.interruptedBy {
                message += "; stopped by \(Diagnostics.signalName(signal)) after \(summary.written) records"
            }
            Diagnostics.print(message)
        }
        try Self.finish(summary)
    }

    /// 3 when the output failed, 128 + N after signal N, 1 with error records.
    static func finish(_ summary: BatchRun.Summary) throws {
        if let failure = summary.writeFailure {
            Diagnostics.print("\(failure)")
            leave(status: 3)
        }
        if let signal = summary.interruptedBy { leave(status: 128 + signal) }
        if summary.errorCount > 0 { throw ExitCode(1) }
    }

    /// Ends a run that stopped early — by a signal (128 + its number) or a failed output
    /// (3) — once what could be written is written: `_exit` after flushing, not `exit`. A
    /// normal exit runs the libraries' `atexit` clean-ups (libcurl, OpenSSL, libxml2) while
    /// threads the stop left behind (the signal source's queue, a worker past the grace
    /// period) may still use them; a rare SIGSEGV there turned a clean stop into exit status
    /// 139, and a full disk into 139 instead of 3.
    static func leave(status: Int32) -> Never {
        fflush(nil)
        _exit(status)
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
