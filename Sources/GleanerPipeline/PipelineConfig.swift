import Foundation
import GleanerExtract
import GleanerFetch
import GleanerHTML
import GleanerInput
import GleanerNormalize
import GleanerRender
import GleanerSinks
import GleanerWARC
import Yams

/// A pipeline file, decoded and checked. Relative paths are resolved against the directory
/// of the pipeline file, so `gleaner run` works from any working directory.
public struct PipelineConfig: Sendable {
    /// Where the inputs come from (`sources:`); URLs are checked, paths resolved.
    public struct Sources: Sendable, Equatable {
        public var urls: [String] = []
        public var files: [String] = []
        public var directories: [String] = []
        public var feeds: [String] = []
        public var sitemaps: [String] = []
        /// Home pages whose feeds and sitemaps are discovered (`SiteDiscoverer`).
        public var sites: [String] = []
        /// Web archives: paths or glob patterns (`crawl/*.warc.gz`), resolved but not yet
        /// expanded — a run lists what they match when it starts.
        public var warc: [String] = []
        /// Which archive records are pages: `sources.warc` written as a mapping with
        /// `status` and `include_non_html`, like `extract --warc-status` and
        /// `--warc-include-non-html` (default: any 2xx, HTML payloads only).
        public var warcStatuses: Set<Int>?
        public var warcIncludeNonHTML = false

        /// The record selector those two make.
        public var warcSelector: WARCPageSelector {
            WARCPageSelector(statuses: warcStatuses, includeNonHTML: warcIncludeNonHTML)
        }
    }

    /// How `sources.sites` are explored when a site lists nothing (`discovery:`).
    public struct SiteDiscoverySettings: Sendable {
        public var crawlDepth: Int? = nil
        public var crawlMaxPages: Int? = nil
    }

    /// What is kept (`filters:`): URL patterns before fetching, record tests after extraction.
    public struct Filters: Sendable {
        public var include: [String] = []
        public var exclude: [String] = []
        public var sameHost = false
        public var minWords = 0
        public var languages: [String] = []
        /// ISO 8601 date or date-time; records published before it are dropped.
        public var publishedAfter: String?
    }

    /// One output of the pipeline (`sinks:`), docs/sinks.md.
    public struct Sink: Sendable, Equatable {
        /// `jsonl` (JSON lines), `sqlite` (the queryable store), `files` (one document per
        /// record in a directory, in `format`) or `warc` (an archive of every HTTP exchange the
        /// run makes, not of records).
        public enum Kind: String, Sendable { case jsonl, sqlite, files, warc }
        public var kind: Kind
        /// Absolute path, or `-` for standard output (jsonl only); a directory for `files`.
        public var path: String
        /// JSON lines across runs: `append` (default: nothing is lost), `overwrite` (emptied
        /// when a new run writes its first record), `new-file` (a timestamped file per run).
        public var mode: JSONLSink.Mode = .append
        /// The document format of a `files` sink (docs/formats.md).
        public var format: OutputFormat = .jsonl
        /// WARC sinks: a new file (`NAME-00001.warc.gz`, …) starts past this many bytes.
        public var maxSize: Int? = nil
    }

    /// Near-duplicate marking by SimHash (`duplicates:`).
    public struct Duplicates: Sendable {
        public var enabled = true
        /// Largest Hamming distance between 64-bit SimHashes still called a duplicate.
        public var maxDistance = 6
    }

    public var file: String
    public var name: String
    /// The state database (queue, fetch state, SimHashes); see `statePath`.
    public var state: String?
    public var sources = Sources()
    public var fetch = FetchConfiguration()
    public var baseURL: String?
    public var filters = Filters()
    public var normalizers: [NormalizerStep] = [.whitespace]
    /// `boilerplate:` — whole lines the `boilerplate` step drops. `nil` (not given): the
    /// extractor's own list, `extraction.json` `boilerplateBlockTexts` with the pipeline's
    /// `rules:` edits, so extraction and the step share one boilerplate-line list.
    public var boilerplatePhrases: [String]?
    public var duplicates = Duplicates()
    public var sites: [String: ExtractionOverrides] = [:]
    public var sinks: [Sink] = []
    /// `rules: FILE`: edits to the shipped rule lists (docs/rules.md), for every site.
    public var rules: RuleOverrides?
    public var discovery = SiteDiscoverySettings()
    /// Seconds after which a URL that failed is tried again by a later run, doubling with
    /// each further failure (`retry_failed_after`); nil: the default of one hour.
    public var retryFailedAfter: Double? = nil

    /// Where resume state lives: `state:` if given, else the first sqlite sink, else the
    /// first jsonl file (or files directory) plus `.state.sqlite`; nil (in memory, no resume) for stdout only.
    public var statePath: String? {
        if let state { return state }
        if let sqlite = sinks.first(where: { $0.kind == .sqlite }) { return sqlite.path }
        if let jsonl = sinks.first(where: { $0.kind == .jsonl && $0.path != "-" }) { return jsonl.path + ".state.sqlite" }
        if let files = sinks.first(where: { $0.kind == .files }) { return files.path + ".state.sqlite" }
        return nil
    }

    static let topKeys = ["name", "state", "sources", "fetch", "extract", "filters", "normalize", "boilerplate", "duplicates", "sites", "rules", "sinks", "discovery", "retry_failed_after"]
    static let sourceKeys = ["urls", "files", "directories", "feeds", "sitemaps", "sites", "warc"]
    static let fetchKeys = ["concurrency", "per_host", "delay", "timeout", "connect_timeout", "retries", "max_bytes", "max_redirects", "user_agent", "obey_robots", "deny_private_networks", "cacert", "capath", "insecure"]
    static let filterKeys = ["include", "exclude", "same_host", "min_words", "languages", "published_after"]
    static let siteKeys = ["headline", "body", "comments", "remove"]

    /// Pipeline files larger than this are refused before parsing (a real one is a few KB).
    public static let maximumFileBytes = 1024 * 1024

    /// Reads and checks `path`. Throws every problem found (see `parse(bytes:file:)`).
    public static func load(path: String) throws(PipelineConfigErrors) -> PipelineConfig {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            throw PipelineConfigErrors(errors: [error])
        }
        return try parse(bytes: bytes, file: path)
    }

    /// The bytes of `path`, refusing anything but a regular file of at most `limit` bytes
    /// (a FIFO or device would block or never end).
    static func readFile(_ path: String, limit: Int = maximumFileBytes) throws(PipelineConfigError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PipelineConfigError(file: path, line: 0, key: "", message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw PipelineConfigError(file: path, line: 0, key: "", message: "cannot read the file: not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            throw PipelineConfigError(
                file: path, line: 0, key: "",
                message: "the file is \(info.st_size) bytes; pipeline files are limited to \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else {
                throw PipelineConfigError(file: path, line: 0, key: "", message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else {
            throw PipelineConfigError(file: path, line: 0, key: "", message: "the file is larger than \(limit) bytes")
        }
        return Array(bytes[..<count])
    }

    public static func parse(yaml: String, file: String) throws(PipelineConfigErrors) -> PipelineConfig {
        try parse(bytes: Array(yaml.utf8), file: file)
    }

    /// Checks a pipeline file's bytes: UTF-8, or UTF-16 with a byte-order mark. Syntax errors
    /// (and alias bombs) stop at the first; every key and type mistake is reported.
    public static func parse(bytes: [UInt8], file: String) throws(PipelineConfigErrors) -> PipelineConfig {
        func fail(_ line: Int, _ message: String) -> PipelineConfigErrors {
            PipelineConfigErrors(errors: [PipelineConfigError(file: file, line: line, key: "", message: message)])
        }
        guard bytes.count <= maximumFileBytes else {
            throw fail(0, "the file is \(bytes.count) bytes; pipeline files are limited to \(maximumFileBytes) bytes")
        }
        let utf8 = textBytes(bytes)
        let problems = YAMLPreflight.check(utf8, file: file)
        if !problems.isEmpty { throw PipelineConfigErrors(errors: problems) }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: String(decoding: utf8, as: UTF8.self))
        } catch let error as YamlError {
            throw fail(Self.line(of: error), "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw fail(0, "not valid YAML: \(error)")
        }
        guard let node = composed else { throw fail(0, "the file is empty") }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return try decode(ConfigNode(node: node, path: "", file: file), base: base)
    }

    /// UTF-8 bytes of the file: UTF-16 (either byte order) is recognised by its byte-order
    /// mark and converted; a UTF-8 byte-order mark is dropped.
    static func textBytes(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        let littleEndian = bytes.starts(with: [0xFF, 0xFE])
        guard littleEndian || bytes.starts(with: [0xFE, 0xFF]) else { return bytes }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: 0
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate key \(duplicates.joined(separator: ", "))"
        default: "\(error)"
        }
    }

    static func resolve(_ path: String, base: URL) -> String {
        if path == "-" || path.hasPrefix("/") { return path }
        return base.appendingPathComponent(path).standardizedFileURL.path
    }

    /// Decodes the document, recording every problem and going on past each one.
    static func decode(_ root: ConfigNode, base: URL) throws(PipelineConfigErrors) -> PipelineConfig {
        let problems = ConfigProblems()
        guard let top = problems.attempt({ () throws(PipelineConfigError) in try root.mapping(allowed: topKeys, problems: problems) }) else {
            throw problems.all
        }
        var config = PipelineConfig(file: root.file, name: URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent)
        problems.attempt { () throws(PipelineConfigError) in
            if let name = top["name"] { config.name = try name.nonEmptyString() }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let state = top["state"] { config.state = resolve(try state.nonEmptyString(), base: base) }
        }
        if let sourcesNode = top["sources"] {
            decodeSources(sourcesNode, base: base, into: &config, problems: problems)
        } else {
            problems.record(root.error("missing required key `sources`"))
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let fetchNode = top["fetch"] else { return }
            config.fetch = try decodeFetch(fetchNode, problems: problems)
            // CA files are relative to the pipeline file, like every other path in it.
            config.fetch.caFile = config.fetch.caFile.map { resolve($0, base: base) }
            config.fetch.caDirectory = config.fetch.caDirectory.map { resolve($0, base: base) }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let extract = top["extract"] {
                let keys = try extract.mapping(allowed: ["base_url"], problems: problems)
                if let baseURL = keys["base_url"] { config.baseURL = try baseURL.nonEmptyString() }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let filters = top["filters"] { config.filters = try decodeFilters(filters, problems: problems) }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let normalize = top["normalize"] else { return }
            config.normalizers = []
            for item in try normalize.list() {
                problems.attempt { () throws(PipelineConfigError) in
                    let name = try item.nonEmptyString()
                    guard let step = NormalizerStep(rawValue: name) else {
                        throw item.error("unknown normalizer \"\(name)\" (known: \(NormalizerStep.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    config.normalizers.append(step)
                }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let phrases = top["boilerplate"] { config.boilerplatePhrases = try phrases.stringList() }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let duplicates = top["duplicates"] else { return }
            if case .scalar = duplicates.node {
                config.duplicates.enabled = try duplicates.bool()
            } else {
                let keys = try duplicates.mapping(allowed: ["enabled", "max_distance"], problems: problems)
                problems.attempt { () throws(PipelineConfigError) in
                    if let enabled = keys["enabled"] { config.duplicates.enabled = try enabled.bool() }
                }
                if let distance = keys["max_distance"] {
                    config.duplicates.maxDistance = try distance.int(min: 0)
                    guard config.duplicates.maxDistance <= 7 else { throw distance.error("must be at most 7") }
                }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let sites = top["sites"] else { return }
            for (host, node) in try sites.entries() {
                problems.attempt { () throws(PipelineConfigError) in
                    let keys = try node.mapping(allowed: siteKeys, problems: problems)
                    var override = ExtractionOverrides()
                    problems.attempt { () throws(PipelineConfigError) in
                        if let value = keys["headline"] { override.headline = try selector(value) }
                    }
                    problems.attempt { () throws(PipelineConfigError) in
                        if let value = keys["body"] { override.body = try selector(value) }
                    }
                    problems.attempt { () throws(PipelineConfigError) in
                        if let value = keys["comments"] { override.comments = try selector(value) }
                    }
                    problems.attempt { () throws(PipelineConfigError) in
                        guard let value = keys["remove"] else { return }
                        if case .scalar = value.node {
                            override.remove = [try selector(value)]
                        } else {
                            for item in try value.list() {
                                problems.attempt { () throws(PipelineConfigError) in override.remove.append(try selector(item)) }
                            }
                        }
                    }
                    config.sites[host.lowercased()] = override
                }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let rulesNode = top["rules"] else { return }
            let path = resolve(try rulesNode.nonEmptyString(), base: base)
            do throws(RuleFileError) {
                config.rules = try RuleOverrides(contentsOf: path)
            } catch {
                throw rulesNode.error(error.message)
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let discovery = top["discovery"] else { return }
            let keys = try discovery.mapping(allowed: ["crawl_depth", "crawl_max_pages"], problems: problems)
            problems.attempt { () throws(PipelineConfigError) in
                if let value = keys["crawl_depth"] { config.discovery.crawlDepth = try value.int(min: 1) }
            }
            problems.attempt { () throws(PipelineConfigError) in
                if let value = keys["crawl_max_pages"] { config.discovery.crawlMaxPages = try value.int(min: 1) }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let retry = top["retry_failed_after"] { config.retryFailedAfter = try duration(retry) }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let sinksNode = top["sinks"] else { throw root.error("missing required key `sinks`") }
            let sinkList = try sinksNode.list()
            if sinkList.isEmpty { throw sinksNode.error("give at least one sink") }
            for item in sinkList {
                problems.attempt { () throws(PipelineConfigError) in
                    let keys = try item.mapping(allowed: ["type", "path", "mode", "format", "max_size"], problems: problems)
                    guard let typeNode = keys["type"] else { throw item.error("missing required key `type`") }
                    let typeName = try typeNode.string()
                    guard let kind = Sink.Kind(rawValue: typeName) else { throw typeNode.error("unknown sink type \"\(typeName)\" (known: jsonl, sqlite, files, warc)") }
                    guard let pathNode = keys["path"] else { throw item.error("missing required key `path`") }
                    let path = try pathNode.nonEmptyString()
                    if kind == .sqlite && path == "-" { throw pathNode.error("an sqlite sink needs a file path") }
                    if kind == .files && path == "-" { throw pathNode.error("a files sink needs a directory path") }
                    if kind == .warc && path == "-" { throw pathNode.error("a warc sink needs a file path") }
                    var sink = Sink(kind: kind, path: resolve(path, base: base))
                    if let sizeNode = keys["max_size"] {
                        guard kind == .warc else { throw sizeNode.error("`max_size` applies to warc sinks only") }
                        let text = try sizeNode.nonEmptyString()
                        guard let size = ByteSize.parse(text) else { throw sizeNode.error("expected a size such as 1GB or 500M, found \"\(text)\"") }
                        sink.maxSize = size
                    }
                    if let modeNode = keys["mode"] {
                        let name = try modeNode.string()
                        guard let mode = JSONLSink.Mode(rawValue: name) else {
                            throw modeNode.error("unknown mode \"\(name)\" (known: append, overwrite, new-file)")
                        }
                        if kind != .jsonl { throw modeNode.error("`mode` applies to jsonl sinks only") }
                        if path == "-" && mode != .append { throw modeNode.error("standard output has no mode") }
                        sink.mode = mode
                    }
                    if let formatNode = keys["format"] {
                        let name = try formatNode.string()
                        guard let format = OutputFormat(rawValue: name) else {
                            throw formatNode.error("unknown format \"\(name)\" (known: markdown, text, html, xml, jsonl)")
                        }
                        if kind != .files { throw formatNode.error("`format` applies to files sinks only") }
                        sink.format = format
                    } else if kind == .files {
                        throw item.error("missing required key `format` (a files sink: markdown, text, html, xml or jsonl)")
                    }
                    config.sinks.append(sink)
                }
            }
        }
        if !problems.errors.isEmpty { throw problems.all }
        return config
    }

    static func decodeSources(_ sourcesNode: ConfigNode, base: URL, into config: inout PipelineConfig, problems: ConfigProblems) {
        guard let sources = problems.attempt({ () throws(PipelineConfigError) in try sourcesNode.mapping(allowed: sourceKeys, problems: problems) }) else {
            return
        }
        let problemCount = problems.errors.count
        problems.attempt { () throws(PipelineConfigError) in
            guard let urls = sources["urls"] else { return }
            if case .scalar = urls.node {
                // A string names a file with one URL per line.
                let listPath = resolve(try urls.nonEmptyString(), base: base)
                let data: [UInt8]
                do throws(PipelineConfigError) {
                    data = try readFile(listPath, limit: 64 * 1024 * 1024)
                } catch {
                    throw urls.error("cannot read the URL list \(listPath): \(error.message)")
                }
                config.sources.urls = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
                    let trimmed = line.trimmedWhitespace()
                    return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
                }
            } else {
                config.sources.urls = try urls.stringList()
            }
            for (index, url) in config.sources.urls.enumerated() where !Self.isHTTPURL(url) {
                problems.record(ConfigNode(node: urls.node, path: "sources.urls[\(index)]", file: config.file).error("not an http(s) URL: \(url)"))
            }
        }
        for key in ["feeds", "sitemaps", "sites"] {
            problems.attempt { () throws(PipelineConfigError) in
                guard let node = sources[key] else { return }
                var urls: [String] = []
                for item in try node.list() {
                    problems.attempt { () throws(PipelineConfigError) in
                        let url = try item.nonEmptyString()
                        guard Self.isHTTPURL(url) else { throw item.error("not an http(s) URL: \(url)") }
                        urls.append(url)
                    }
                }
                switch key {
                case "feeds": config.sources.feeds = urls
                case "sitemaps": config.sources.sitemaps = urls
                default: config.sources.sites = urls
                }
            }
        }
        problems.attempt { () throws(PipelineConfigError) in
            guard let warc = sources["warc"] else { return }
            guard warc.isMapping else {
                config.sources.warc = try warc.stringList().map { resolve($0, base: base) }
                return
            }
            // `{paths: [...], status: [200, 203], include_non_html: true}`
            let keys = try warc.mapping(allowed: ["paths", "status", "include_non_html"], problems: problems)
            guard let paths = keys["paths"] else { throw warc.error("a warc source needs `paths`") }
            config.sources.warc = try paths.stringList().map { resolve($0, base: base) }
            if let status = keys["status"] {
                var codes: Set<Int> = []
                for item in try status.list() {
                    let code = try item.int(min: 100)
                    guard code <= 599 else { throw item.error("an HTTP status is 100…599, found \(code)") }
                    codes.insert(code)
                }
                config.sources.warcStatuses = codes.isEmpty ? nil : codes
            }
            if let include = keys["include_non_html"] { config.sources.warcIncludeNonHTML = try include.bool() }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let files = sources["files"] { config.sources.files = try files.stringList().map { resolve($0, base: base) } }
        }
        problems.attempt { () throws(PipelineConfigError) in
            if let directories = sources["directories"] {
                config.sources.directories = try directories.stringList().map { resolve($0, base: base) }
            }
        }
        if config.sources == Sources() && problems.errors.count == problemCount {
            problems.record(sourcesNode.error("no sources: give at least one of \(sourceKeys.joined(separator: ", "))"))
        }
    }

    /// Seconds, as a number or with a unit: `90`, `30s`, `15m`, `6h`, `2d`.
    static func duration(_ node: ConfigNode) throws(PipelineConfigError) -> Double {
        let text = try node.nonEmptyString().trimmedWhitespace().lowercased()
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = Substring(text)
        var factor = 1.0
        if let last = text.last, let unit = units[last] {
            number = number.dropLast()
            factor = unit
        }
        guard let value = Double(number), value.isFinite, value >= 0 else {
            throw node.error("expected a duration such as 90, 30m, 6h or 1d, found \"\(text)\"")
        }
        return value * factor
    }

    static func selector(_ node: ConfigNode) throws(PipelineConfigError) -> CSSSelector {
        let text = try node.nonEmptyString()
        do {
            return try CSSSelector(text)
        } catch {
            throw node.error("bad selector: \(error.message)")
        }
    }

    static func isHTTPURL(_ string: String) -> Bool {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    static func decodeFetch(_ node: ConfigNode, problems: ConfigProblems = ConfigProblems()) throws(PipelineConfigError) -> FetchConfiguration {
        let keys = try node.mapping(allowed: fetchKeys, problems: problems)
        var fetch = FetchConfiguration()
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["concurrency"] { fetch.concurrency = try value.int(min: 1) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["per_host"] { fetch.perHost = try value.int(min: 1) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["delay"] { fetch.delay = try value.double() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["timeout"] { fetch.timeout = try value.double() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["connect_timeout"] { fetch.connectTimeout = try value.double() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["retries"] { fetch.retries = try value.int(min: 0) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["max_bytes"] { fetch.maxBytes = try value.int(min: 1) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["max_redirects"] { fetch.maxRedirects = try value.int(min: 0) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["user_agent"] { fetch.userAgent = try value.nonEmptyString() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["obey_robots"] { fetch.obeyRobots = try value.bool() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["deny_private_networks"] { fetch.denyPrivateNetworks = try value.bool() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["cacert"] { fetch.caFile = try value.nonEmptyString() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["capath"] { fetch.caDirectory = try value.nonEmptyString() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["insecure"] { fetch.insecure = try value.bool() } }
        return fetch
    }

    static func decodeFilters(_ node: ConfigNode, problems: ConfigProblems = ConfigProblems()) throws(PipelineConfigError) -> Filters {
        let keys = try node.mapping(allowed: filterKeys, problems: problems)
        var filters = Filters()
        for key in ["include", "exclude"] {
            guard let list = keys[key] else { continue }
            var patterns: [String] = []
            guard let items = problems.attempt({ () throws(PipelineConfigError) in try list.list() }) else { continue }
            for item in items {
                problems.attempt { () throws(PipelineConfigError) in
                    let pattern = try item.nonEmptyString()
                    do { _ = try NSRegularExpression(pattern: pattern) } catch { throw item.error("not a valid regular expression: \(pattern)") }
                    patterns.append(pattern)
                }
            }
            if key == "include" { filters.include = patterns } else { filters.exclude = patterns }
        }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["same_host"] { filters.sameHost = try value.bool() } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["min_words"] { filters.minWords = try value.int(min: 0) } }
        problems.attempt { () throws(PipelineConfigError) in if let value = keys["languages"] { filters.languages = try value.stringList().map { $0.lowercased() } } }
        problems.attempt { () throws(PipelineConfigError) in
            guard let value = keys["published_after"] else { return }
            let text = try value.nonEmptyString()
            guard DateNormalizer.utc(text) != nil else { throw value.error("not an ISO 8601 date: \(text)") }
            filters.publishedAfter = DateNormalizer.utc(text)
        }
        return filters
    }
}
