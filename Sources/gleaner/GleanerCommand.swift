import ArgumentParser
import Foundation

/// `gleaner`: the command-line face of the library.
@main
struct GleanerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleaner",
        abstract: "Scrape and extract news articles into structured JSON-lines records.",
        discussion: """
            Records follow schema gleaner.article/1 (see docs/schema.md). Standard output \
            carries records only; messages go to standard error.
            """,
        version: GleanerVersion.current,
        subcommands: [ExtractCommand.self, ScrapeCommand.self, DiscoverCommand.self, RunCommand.self, ValidateCommand.self]
    )
}

extension GleanerCommand {
    /// Runs the command, mapping argument-parser usage errors (EX_USAGE, 64) to exit status
    /// 2 — the documented contract: 0 all inputs gave records, 1 some gave error records,
    /// 2 usage errors.
    static func main() {
        MallocPolicy.apply()
        do {
            // `--explain` alone means `--explain=json` (argument-parser options need a value).
            let arguments = CommandLine.arguments.dropFirst().map { $0 == "--explain" ? "--explain=json" : $0 }
            var command = try parseAsRoot(Array(arguments))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum GleanerVersion {
    static let current = "0.1.0"
}
