import ArgumentParser
import Foundation
import Gleaner
import GleanerFetch
import GleanerInput
import GleanerRunner
import GleanerWARC

/// `gleaner scrape`: URLs to article records, fetched with libcurl.
struct ScrapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Fetch web pages and extract article records from them.",
        discussion: """
            URLs come from the command line and from --urls (one per line; blank lines and \
            lines starting with # are skipped). One JSON line is written per URL, in input \
            order; a URL that cannot be fetched or extracted gives an error record with stage \
            "fetch" (codes: robots_disallowed, http_<status>, timeout, connect_failed, \
            dns_failed, connection_reset, truncated, too_many_redirects, unsupported_protocol, \
            too_large, unsupported_content_type, private_network_denied, invalid_url, …). \
            Every record carries a "fetch" object. --format markdown|text|html|xml and \
            --output-dir write documents instead of JSON lines, as for extract \
            (docs/formats.md). Proxies come from the usual environment \
            variables (http_proxy, HTTPS_PROXY, no_proxy). robots.txt is obeyed unless \
            --ignore-robots is given. HTTPS certificates are verified against the system's CAs, \
            or those of --cacert/--capath (or CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR); \
            a failed verification gives tls_failed. Records stream: each is written as soon as \
            it and every URL before it are done. A progress line is shown on a terminal. Ctrl-C \
            stops new fetches, gives in-flight ones up to 1.5 s, writes every finished record \
            in order, prints the summary and exits 130.

            \(Diagnostics.exitStatusHelp)
            """
    )

    @Argument(help: "URLs to fetch (http or https).")
    var urls: [String] = []

    @Option(name: .customLong("urls"), help: ArgumentHelp("Read URLs from FILE, one per line (- for standard input).", valueName: "FILE"))
    var urlsFile: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to FILE instead of standard output (.sqlite or .db: an SQLite database; otherwise JSON lines, or the --format documents).", valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "Output format")
    var formatOptions: FormatOptions

    @Option(parsing: .unconditional, help: "Transfers in flight at once, over all hosts.")
    var concurrency: Int = 16

    @Option(name: .customLong("per-host"), parsing: .unconditional, help: "Transfers in flight at once to one host.")
    var perHost: Int = 2

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between requests to one host (a larger robots.txt Crawl-delay wins, up to 60).", valueName: "SECONDS"))
    var delay: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds one attempt may take, connection to last byte.", valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(name: .customLong("connect-timeout"), parsing: .unconditional, help: ArgumentHelp("Seconds the connection phase may take.", valueName: "SECONDS"))
    var connectTimeout: Double = 10

    @Option(name: .customLong("max-bytes"), help: ArgumentHelp("Largest page accepted, after decompression (K, M, G suffixes).", valueName: "SIZE"))
    var maxBytes: String = "20MB"

    @Option(name: .customLong("max-redirects"), parsing: .unconditional, help: "Redirects followed at most.")
    var maxRedirects: Int = 5

    @Option(name: .customLong("user-agent"), help: ArgumentHelp("User-Agent header; its first word is matched against robots.txt groups.", valueName: "STRING"))
    var userAgent: String = FetchConfiguration.userAgentString(version: GleanerVersion.current)

    @Option(parsing: .unconditional, help: "Further attempts after a timeout, connection error, 429 or 5xx.")
    var retries: Int = 2

    @Option(name: .customLong("retry-delay"), parsing: .unconditional, help: ArgumentHelp("First retry backoff in seconds; doubles per retry, with jitter. A Retry-After header is a floor.", valueName: "SECONDS"))
    var retryDelay: Double = 1

    @Option(name: .customLong("rules"), help: RulesOption.help)
    var rulesFile: String?

    @Flag(name: .customLong("ignore-robots"), help: "Do not fetch or obey robots.txt.")
    var ignoreRobots = false

    @Flag(name: .customLong("deny-private-networks"), help: "Refuse loopback, link-local, private and other non-public addresses, checked after DNS resolution (redirects too).")
    var denyPrivateNetworks = false

    @Option(help: ArgumentHelp("Trust the CA certificates in this PEM file instead of the system's (default: $CURL_CA_BUNDLE, then $SSL_CERT_FILE).", valueName: "FILE"))
    var cacert: String?

    @Option(help: ArgumentHelp("Trust the hashed CA certificates in this directory (default: $SSL_CERT_DIR).", valueName: "DIR"))
    var capath: String?

    @Flag(help: "Do not verify certificates or host names; every record then carries \"insecure\": true in its fetch object.")
    var insecure = false

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Pages extracted in parallel (default: all cores).", valueName: "N"))
    var jobs: Int?

    @Option(name: .customLong("warc"), help: ArgumentHelp("Archive every HTTP exchange (pages, redirects, robots.txt) to this .warc.gz file (WARC/1.1).", valueName: "FILE"))
    var warc: String?

    @Option(name: .customLong("warc-max-size"), help: ArgumentHelp("Start a new WARC file (NAME-00001.warc.gz, …) after this size (K, M, G suffixes).", valueName: "SIZE"))
    var warcMaxSize: String?

    @Flag(name: .shortAndLong, help: "Print no progress and no summary on standard error.")
    var quiet = false

    @OptionGroup(title: "Parse budget per page")
    var parseLimits: ParseLimitOptions

    func validate() throws {
        if urls.isEmpty && urlsFile == nil {
            throw ValidationError("Give at least one URL or --urls FILE.")
        }
        try formatOptions.validate(output: output)
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1.") }
        if perHost < 1 { throw ValidationError("--per-host must be at least 1.") }
        if !(delay >= 0) { throw ValidationError("--delay must be 0 or more seconds.") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds.") }
        if !(connectTimeout > 0) { throw ValidationError("--connect-timeout must be more than 0 seconds.") }
        if let warcMaxSize, ByteSize.parse(warcMaxSize) == nil { throw ValidationError("--warc-max-size: cannot read \(warcMaxSize) as a size such as 1GB.") }
        if ByteSize.parse(maxBytes) == nil { throw ValidationError("--max-bytes: cannot read \(maxBytes) as a size such as 20MB.") }
        if maxRedirects < 0 { throw ValidationError("--max-redirects must be 0 or more.") }
        if retries < 0 { throw ValidationError("--retries must be 0 or more.") }
        if !(retryDelay >= 0) { throw ValidationError("--retry-delay must be 0 or more seconds.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) { throw ValidationError("--cacert: cannot read \(cacert).") }
        var isDirectory: ObjCBool = false
        if let capath, !(FileManager.default.fileExists(atPath: capath, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("--capath: \(capath) is not a directory.")
        }
        if userAgent.isEmpty || userAgent.contains(where: \.isNewline) { throw ValidationError("--user-agent must be one non-empty line.") }
    }

    func run() throws {
        var allURLs = urls
        if let urlsFile {
            allURLs += try LineListOption.read(urlsFile, option: "--urls")
        }
        var configuration = FetchConfiguration()
        configuration.concurrency = concurrency
        configuration.perHost = perHost
        configuration.delay = delay
        configuration.timeout = timeout
        configuration.connectTimeout = connectTimeout
        configuration.maxBytes = ByteSize.parse(maxBytes)!
        configuration.maxRedirects = maxRedirects
        configuration.userAgent = userAgent
        configuration.retries = retries
        configuration.retryBaseDelay = retryDelay
        configuration.obeyRobots = !ignoreRobots
        configuration.denyPrivateNetworks = denyPrivateNetworks
        configuration.caFile = cacert
        configuration.caDirectory = capath
        configuration.insecure = insecure
        var archiver: WARCArchiver? = nil
        if let warc {
            do {
                archiver = try WARCArchiver(path: warc, maxSize: warcMaxSize.flatMap(ByteSize.parse), software: "Gleaner/\(GleanerVersion.current)")
            } catch {
                // An output that cannot be opened: status 1 with the reason, not a usage error.
                Diagnostics.print("--warc: \(error.message)")
                throw ExitCode(1)
            }
            configuration.exchangeRecorder = archiver?.recorder
        }

        let sink = try OutputOption.sink(for: output, options: formatOptions)
        let stop = StopFlag()
        stop.installSignalHandlers()
        defer { stop.uninstall() }
        let started = Date()
        var maker = RecordMaker(extractor: try RulesOption.extractor(rulesFile: rulesFile))
        maker.extractor.limits = parseLimits.limits
        let batch = BatchRun(
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, window: 4096, fetch: configuration, maker: maker,
            progress: quiet ? .off : .terminalOnly, stopGrace: 1.5)
        var summary: BatchRun.Summary
        do {
            summary = try batch.run(source: URLListSource(urls: allURLs), sinks: [sink], stop: stop)
        } catch {
            Diagnostics.print("cannot start the fetcher: \(error)")
            throw ExitCode(1)
        }
        archiver?.close()
        if let failure = archiver?.failure, summary.writeFailure == nil {
            // The archive is an output too: incomplete means exit status 3.
            summary.writeFailure = SinkError("--warc: \(failure.message)")
        }
        if !quiet {
            let seconds = Date().timeIntervalSince(started)
            var message = "\(Diagnostics.count(allURLs.count, "URL")), \(summary.articles) ok"
            if summary.errorCount > 0 {
                let codes = summary.errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                message += ", \(Diagnostics.count(summary.errorCount, "error")) (\(codes))"
            }
            message += String(format: " in %.2f s (%.1f URLs/s)", seconds, Double(summary.written) / max(seconds, 0.001))
            if let signal = summary.interruptedBy {
                message += "; stopped by \(Diagnostics.signalName(signal)) after \(summary.written) of \(allURLs.count)"
            }
            Diagnostics.print(message)
        }
        try ExtractCommand.finish(summary)
    }
}
