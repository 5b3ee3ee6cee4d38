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
        subcommands: [ExtractCommand.self, ScrapeCommand.self, RunCommand.self, ValidateCommand.self]
    )

    /// As ArgumentParser's, except usage errors exit with status 2 (its default is 64),
    /// the status the subcommands document.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
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
