import ArgumentParser

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
        subcommands: [ExtractCommand.self, ScrapeCommand.self]
    )
}

enum GleanerVersion {
    static let current = "0.1.0"
}
