import Foundation
import GleanerExtract
import GleanerFetch
import GleanerHTML
import GleanerNormalize
import GleanerSinks
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
        /// `jsonl` (JSON lines) or `sqlite` (the queryable store).
        public enum Kind: String, Sendable { case jsonl, sqlite }
        public var kind: Kind
        /// Absolute path, or `-` for standard output (jsonl only).
        public var path: String
        /// JSON lines across runs: `append` (default: nothing is lost), `overwrite` (emptied
        /// when a new run writes its first record), `new-file` (a timestamped file per run).
        public var mode: JSONLSink.Mode = .append
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
    public var boilerplatePhrases: [String] = BoilerplatePhrases.defaultPhrases
    public var duplicates = Duplicates()
    public var sites: [String: ExtractionOverrides] = [:]
    /// `rules: FILE`: edits to the shipped rule lists (docs/rules.md), for every site.
    public var rules: RuleOverrides?
    public var sinks: [Sink] = []
    public var discovery = SiteDiscoverySettings()
    /// Seconds after which a URL that failed is tried again by a later run, doubling with
    /// each further failure (`retry_failed_after`); nil: the default of one hour.
    public var retryFailedAfter: Double? = nil

    /// Where resume state lives: `state:` if given, else the first sqlite sink, else the
    /// first jsonl file plus `.state.sqlite`; nil (in memory, no resume) for stdout only.
    public var statePath: String? {
        if let state { return state }
        if let sqlite = sinks.first(where: { $0.kind == .sqlite }) { return sqlite.path }
        if let jsonl = sinks.first(where: { $0.kind == .jsonl && $0.path != "-" }) { return jsonl.path + ".state.sqlite" }
        return nil
    }

    static let topKeys = ["name", "state", "sources", "fetch", "extract", "filters", "normalize", "boilerplate", "duplicates", "sites", "rules", "sinks", "discovery", "retry_failed_after"]
    static let sourceKeys = ["urls", "files", "directories", "feeds", "sitemaps", "sites"]
    static let fetchKeys = ["concurrency", "per_host", "delay", "timeout", "connect_timeout", "retries", "max_bytes", "max_redirects", "user_agent", "obey_robots", "deny_private_networks", "cacert", "capath", "insecure"]
    static let filterKeys = ["include", "exclude", "same_host", "min_words", "languages", "published_after"]
    static let siteKeys = ["headline", "body", "comments", "remove"]

    /// Reads and checks `path`. Throws `PipelineConfigError` for the first problem found.
    public static func load(path: String) throws(PipelineConfigError) -> PipelineConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineConfigError(file: path, line: 0, key: "", message: "cannot read the file")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(yaml: String, file: String) throws(PipelineConfigError) -> PipelineConfig {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw PipelineConfigError(file: file, line: Self.line(of: error), key: "", message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw PipelineConfigError(file: file, line: 0, key: "", message: "not valid YAML: \(error)")
        }
        guard let node = composed else {
            throw PipelineConfigError(file: file, line: 0, key: "", message: "the file is empty")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return try decode(ConfigNode(node: node, path: "", file: file), base: base)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default: "\(error)"
        }
    }

    static func resolve(_ path: String, base: URL) -> String {
        if path == "-" || path.hasPrefix("/") { return path }
        return base.appendingPathComponent(path).standardizedFileURL.path
    }

    static func decode(_ root: ConfigNode, base: URL) throws(PipelineConfigError) -> PipelineConfig {
        let top = try root.mapping(allowed: topKeys)
        var config = PipelineConfig(file: root.file, name: URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent)
        if let name = top["name"] { config.name = try name.nonEmptyString() }
        if let state = top["state"] { config.state = resolve(try state.nonEmptyString(), base: base) }

        guard let sourcesNode = top["sources"] else { throw root.error("missing required key `sources`") }
        let sources = try sourcesNode.mapping(allowed: sourceKeys)
        if let urls = sources["urls"] {
            if case .scalar = urls.node {
                // A string names a file with one URL per line.
                let listPath = resolve(try urls.nonEmptyString(), base: base)
                guard let data = FileManager.default.contents(atPath: listPath) else {
                    throw urls.error("cannot read the URL list \(listPath)")
                }
                config.sources.urls = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
                    let trimmed = line.trimmedWhitespace()
                    return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
                }
            } else {
                config.sources.urls = try urls.stringList()
            }
            for (index, url) in config.sources.urls.enumerated() where !Self.isHTTPURL(url) {
                throw ConfigNode(node: urls.node, path: "sources.urls[\(index)]", file: root.file).error("not an http(s) URL: \(url)")
            }
        }
        for key in ["feeds", "sitemaps", "sites"] {
            guard let node = sources[key] else { continue }
            let list = try node.list()
            var urls: [String] = []
            for item in list {
                let url = try item.nonEmptyString()
                guard Self.isHTTPURL(url) else { throw item.error("not an http(s) URL: \(url)") }
                urls.append(url)
            }
            switch key {
            case "feeds": config.sources.feeds = urls
            case "sitemaps": config.sources.sitemaps = urls
            default: config.sources.sites = urls
            }
        }
        if let files = sources["files"] { config.sources.files = try files.stringList().map { resolve($0, base: base) } }
        if let directories = sources["directories"] {
            config.sources.directories = try directories.stringList().map { resolve($0, base: base) }
        }
        if config.sources == Sources() { throw sourcesNode.error("no sources: give at least one of \(sourceKeys.joined(separator: ", "))") }

        if let fetchNode = top["fetch"] {
            config.fetch = try decodeFetch(fetchNode)
            // CA files are relative to the pipeline file, like every other path in it.
            config.fetch.caFile = config.fetch.caFile.map { resolve($0, base: base) }
            config.fetch.caDirectory = config.fetch.caDirectory.map { resolve($0, base: base) }
        }
        if let extract = top["extract"] {
            let keys = try extract.mapping(allowed: ["base_url"])
            if let baseURL = keys["base_url"] { config.baseURL = try baseURL.nonEmptyString() }
        }
        if let filters = top["filters"] { config.filters = try decodeFilters(filters) }
        if let normalize = top["normalize"] {
            config.normalizers = []
            for item in try normalize.list() {
                let name = try item.nonEmptyString()
                guard let step = NormalizerStep(rawValue: name) else {
                    throw item.error("unknown normalizer \"\(name)\" (known: \(NormalizerStep.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                config.normalizers.append(step)
            }
        }
        if let rulesNode = top["rules"] {
            let path = resolve(try rulesNode.nonEmptyString(), base: base)
            do {
                config.rules = try RuleOverrides(contentsOf: path)
            } catch {
                throw rulesNode.error(error.message)
            }
        }
        if let phrases = top["boilerplate"] { config.boilerplatePhrases = try phrases.stringList() }
        if let duplicates = top["duplicates"] {
            if case .scalar = duplicates.node {
                config.duplicates.enabled = try duplicates.bool()
            } else {
                let keys = try duplicates.mapping(allowed: ["enabled", "max_distance"])
                if let enabled = keys["enabled"] { config.duplicates.enabled = try enabled.bool() }
                if let distance = keys["max_distance"] {
                    config.duplicates.maxDistance = try distance.int(min: 0)
                    guard config.duplicates.maxDistance <= 7 else { throw distance.error("must be at most 7") }
                }
            }
        }
        if let sites = top["sites"] {
            for (host, node) in try sites.entries() {
                let keys = try node.mapping(allowed: siteKeys)
                var override = ExtractionOverrides()
                if let value = keys["headline"] { override.headline = try selector(value) }
                if let value = keys["body"] { override.body = try selector(value) }
                if let value = keys["comments"] { override.comments = try selector(value) }
                if let value = keys["remove"] {
                    if case .scalar = value.node {
                        override.remove = [try selector(value)]
                    } else {
                        for item in try value.list() { override.remove.append(try selector(item)) }
                    }
                }
                config.sites[host.lowercased()] = override
            }
        }
        if let discovery = top["discovery"] {
            let keys = try discovery.mapping(allowed: ["crawl_depth", "crawl_max_pages"])
            if let value = keys["crawl_depth"] { config.discovery.crawlDepth = try value.int(min: 1) }
            if let value = keys["crawl_max_pages"] { config.discovery.crawlMaxPages = try value.int(min: 1) }
        }
        if let retry = top["retry_failed_after"] { config.retryFailedAfter = try duration(retry) }
        guard let sinksNode = top["sinks"] else { throw root.error("missing required key `sinks`") }
        let sinkList = try sinksNode.list()
        if sinkList.isEmpty { throw sinksNode.error("give at least one sink") }
        for item in sinkList {
            let keys = try item.mapping(allowed: ["type", "path", "mode"])
            guard let typeNode = keys["type"] else { throw item.error("missing required key `type`") }
            let typeName = try typeNode.string()
            guard let kind = Sink.Kind(rawValue: typeName) else { throw typeNode.error("unknown sink type \"\(typeName)\" (known: jsonl, sqlite)") }
            guard let pathNode = keys["path"] else { throw item.error("missing required key `path`") }
            let path = try pathNode.nonEmptyString()
            if kind == .sqlite && path == "-" { throw pathNode.error("an sqlite sink needs a file path") }
            var sink = Sink(kind: kind, path: resolve(path, base: base))
            if let modeNode = keys["mode"] {
                let name = try modeNode.string()
                guard let mode = JSONLSink.Mode(rawValue: name) else {
                    throw modeNode.error("unknown mode \"\(name)\" (known: append, overwrite, new-file)")
                }
                if kind != .jsonl { throw modeNode.error("`mode` applies to jsonl sinks only") }
                if path == "-" && mode != .append { throw modeNode.error("standard output has no mode") }
                sink.mode = mode
            }
            config.sinks.append(sink)
        }
        return config
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

    static func decodeFetch(_ node: ConfigNode) throws(PipelineConfigError) -> FetchConfiguration {
        let keys = try node.mapping(allowed: fetchKeys)
        var fetch = FetchConfiguration()
        if let value = keys["concurrency"] { fetch.concurrency = try value.int(min: 1) }
        if let value = keys["per_host"] { fetch.perHost = try value.int(min: 1) }
        if let value = keys["delay"] { fetch.delay = try value.double() }
        if let value = keys["timeout"] { fetch.timeout = try value.double() }
        if let value = keys["connect_timeout"] { fetch.connectTimeout = try value.double() }
        if let value = keys["retries"] { fetch.retries = try value.int(min: 0) }
        if let value = keys["max_bytes"] { fetch.maxBytes = try value.int(min: 1) }
        if let value = keys["max_redirects"] { fetch.maxRedirects = try value.int(min: 0) }
        if let value = keys["user_agent"] { fetch.userAgent = try value.nonEmptyString() }
        if let value = keys["obey_robots"] { fetch.obeyRobots = try value.bool() }
        if let value = keys["deny_private_networks"] { fetch.denyPrivateNetworks = try value.bool() }
        if let value = keys["cacert"] { fetch.caFile = try value.nonEmptyString() }
        if let value = keys["capath"] { fetch.caDirectory = try value.nonEmptyString() }
        if let value = keys["insecure"] { fetch.insecure = try value.bool() }
        return fetch
    }

    static func decodeFilters(_ node: ConfigNode) throws(PipelineConfigError) -> Filters {
        let keys = try node.mapping(allowed: filterKeys)
        var filters = Filters()
        for key in ["include", "exclude"] {
            guard let list = keys[key] else { continue }
            var patterns: [String] = []
            for item in try list.list() {
                let pattern = try item.nonEmptyString()
                do { _ = try NSRegularExpression(pattern: pattern) } catch { throw item.error("not a valid regular expression: \(pattern)") }
                patterns.append(pattern)
            }
            if key == "include" { filters.include = patterns } else { filters.exclude = patterns }
        }
        if let value = keys["same_host"] { filters.sameHost = try value.bool() }
        if let value = keys["min_words"] { filters.minWords = try value.int(min: 0) }
        if let value = keys["languages"] { filters.languages = try value.stringList().map { $0.lowercased() } }
        if let value = keys["published_after"] {
            let text = try value.nonEmptyString()
            guard DateNormalizer.utc(text) != nil else { throw value.error("not an ISO 8601 date: \(text)") }
            filters.publishedAfter = DateNormalizer.utc(text)
        }
        return filters
    }
}
