import Foundation

/// `sources.warc` entries: a path, or a shell glob (`crawl/*.warc.gz`, `2025-0[1-3]/*.warc`)
/// expanded when a run starts, so files added since the last run are picked up. A plain path
/// is kept even when it does not exist, so it gives a `not_found` error record rather than
/// vanishing; a pattern that matches nothing is reported by the caller.
enum PathPattern {
    static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The files `pattern` names, sorted (glob order), or `[pattern]` for a plain path.
    static func expand(_ pattern: String) -> [String] {
        guard isPattern(pattern) else { return [pattern] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in
            matches.gl_pathv[index].map { String(cString: $0) }
        }
    }
}
