import GleanerDigest

/// File names for one-record-per-file output (`--output-dir`, a pipeline's `files` sink),
/// derived from the record's source so a reader can find the file of an input by eye.
///
/// The stem is the input's file name without its page/archive extensions (`a/b.html.gz` →
/// `b`; a web-archive record `x.warc.gz#1234` → `x-1234`; standard input → `stdin`) or, for
/// a URL, its host and path (`https://e.org/news/a?id=2` → `e.org_news_a_id_2`). Only ASCII
/// letters, digits, `-`, `_` and `.` survive (a run of anything else becomes one `_`), no
/// name starts with `.` or `-`, and stems are cut at 120 bytes — safe on every file system
/// and in a shell.
///
/// Two schemes keep names apart:
/// - `inputOrder` (the command line): the first input with a stem gets `STEM.EXT`, later
///   ones `STEM-2.EXT`, `STEM-3.EXT`, … in input order — stable for the same input list.
///   Names are compared ignoring case, so the files stay apart on case-insensitive disks.
/// - `keyed` (pipelines): `STEM-HHHHHHHHHH.EXT`, the hex being the first 40 bits of the
///   source's SHA-256. A source keeps its file across runs and resumes (a changed page
///   replaces its own file), which counters in run order could not promise.
public struct DocumentFileNamer: Sendable {
    public enum Scheme: String, Sendable {
        case inputOrder, keyed
    }

    public let scheme: Scheme
    /// Without the dot: `md`, `txt`, `html`, `xml`, `json`.
    public let fileExtension: String
    /// Lower-cased names handed out so far (`inputOrder`).
    private var used: Set<String> = []

    static let maxStemBytes = 120
    /// Stripped from the end of a file name, repeatedly (`.html.gz`).
    static let strippedExtensions = [".gz", ".html", ".htm", ".xhtml", ".shtml", ".php", ".aspx", ".asp", ".warc", ".arc", ".zst", ".lz4", ".wacz"]

    public init(scheme: Scheme, fileExtension: String) {
        self.scheme = scheme
        self.fileExtension = fileExtension
    }

    /// The file name (no directory) for the next record of `source`.
    public mutating func name(for source: String) -> String {
        let stem = Self.stem(for: source)
        switch scheme {
        case .keyed:
            let hash = Digest.sha256Hex(Array(source.utf8)).prefix(10)
            return "\(stem)-\(hash).\(fileExtension)"
        case .inputOrder:
            var candidate = stem
            var counter = 1
            while used.contains(candidate.lowercased()) {
                counter += 1
                candidate = "\(stem)-\(counter)"
            }
            used.insert(candidate.lowercased())
            return "\(candidate).\(fileExtension)"
        }
    }

    /// The readable part of a name: see the type's documentation.
    public static func stem(for source: String) -> String {
        var raw: Substring
        if source == "-" {
            raw = "stdin"
        } else if let scheme = source.range(of: "://") {
            raw = source[scheme.upperBound...]
            if let fragment = raw.firstIndex(of: "#") { raw = raw[..<fragment] }
            while raw.hasSuffix("/") { raw = raw.dropLast() }
        } else {
            var path = Substring(source)
            var offset: Substring = ""
            // `FILE#OFFSET`: a record inside a web archive.
            if let hash = path.lastIndex(of: "#"), path[path.index(after: hash)...].allSatisfy(\.isASCIIDigit),
                path.index(after: hash) < path.endIndex
            {
                offset = path[path.index(after: hash)...]
                path = path[..<hash]
            }
            while path.hasSuffix("/") { path = path.dropLast() }
            raw = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path
            var stripped = true
            while stripped {
                stripped = false
                for suffix in strippedExtensions where raw.count > suffix.count && raw.lowercased().hasSuffix(suffix) {
                    raw = raw.dropLast(suffix.count)
                    stripped = true
                }
            }
            if !offset.isEmpty { raw = Substring(String(raw) + "-" + offset) }
        }
        var safe = ""
        var lastWasReplacement = false
        for scalar in raw.unicodeScalars {
            let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
            if keep {
                safe.unicodeScalars.append(scalar)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                safe.append("_")
                lastWasReplacement = true
            }
        }
        while let first = safe.first, first == "." || first == "-" || first == "_" { safe.removeFirst() }
        if safe.utf8.count > maxStemBytes { safe = String(safe.prefix(maxStemBytes)) }
        while safe.hasSuffix("_") || safe.hasSuffix(".") { safe.removeLast() }
        return safe.isEmpty ? "record" : safe
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
