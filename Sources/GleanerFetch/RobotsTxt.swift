import GleanerModel

/// A robots.txt file parsed by the rules of RFC 9309: groups of `user-agent` lines followed
/// by `allow`/`disallow` rules, longest match wins, `allow` wins a tie, `*` and a final `$`
/// as wildcards; plus the widely used `crawl-delay` extension. Written by hand because the
/// rules are small and every crawler library gets one detail or another differently.
public struct RobotsTxt: Sendable {
    struct Group: Sendable {
        /// Lower-cased product tokens of the group's `user-agent` lines (`*` included).
        var agents: [String] = []
        var rules: [RobotsRules.Rule] = []
        var crawlDelay: Double?
    }

    var groups: [Group] = []
    /// `Sitemap:` lines, in file order: they stand outside the groups and apply to every
    /// crawler (site discovery starts from them).
    public private(set) var sitemaps: [String] = []

    public init(_ text: String) {
        var current: [Int] = []  // indices of the groups the rules go to
        var lastWasAgent = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmedWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmedWhitespace()
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent {
                    groups.append(Group())
                    current = [groups.count - 1]
                }
                groups[groups.count - 1].agents.append(Self.productToken(value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty pattern matches nothing (`Disallow:` means "allow all").
                guard !current.isEmpty, !value.isEmpty else { continue }
                let rule = RobotsRules.Rule(allow: key == "allow", pattern: Self.normalize(value))
                for index in current { groups[index].rules.append(rule) }
            case "crawl-delay":
                lastWasAgent = false
                guard !current.isEmpty, let seconds = Double(value), seconds.isFinite, seconds >= 0 else { continue }
                for index in current { groups[index].crawlDelay = seconds }
            case "sitemap":
                if !value.isEmpty { sitemaps.append(String(value)) }
            default:
                // host, …: not rules, and they do not end a run of user-agent lines.
                break
            }
        }
    }

    /// The rules that apply to `userAgent`: every group naming its product token, or failing
    /// that every `*` group, merged; or no rules at all.
    public func rules(for userAgent: String) -> RobotsRules {
        let token = Self.productToken(userAgent)
        var matched = groups.filter { $0.agents.contains(token) }
        if matched.isEmpty { matched = groups.filter { $0.agents.contains("*") } }
        var rules = RobotsRules(rules: [], crawlDelay: nil)
        for group in matched {
            rules.rules += group.rules
            if let delay = group.crawlDelay { rules.crawlDelay = max(rules.crawlDelay ?? 0, delay) }
        }
        return rules
    }

    /// `Gleaner/0.1 (+url)` → `gleaner`: the name part robots.txt groups are written for.
    static func productToken(_ agent: some StringProtocol) -> String {
        let trimmed = String(agent).trimmedWhitespace()
        if trimmed == "*" { return "*" }
        let token = trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return token.lowercased()
    }

    /// Percent-encodes bytes outside printable ASCII and upper-cases existing `%xx` escapes,
    /// so patterns and paths compare in one form.
    static func normalize(_ text: some StringProtocol) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out.append(byte)
                out.append(upper(bytes[index + 1]))
                out.append(upper(bytes[index + 2]))
                index += 3
                continue
            }
            if byte <= 0x20 || byte >= 0x7F {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        (0x61...0x66).contains(byte) ? byte - 0x20 : byte
    }
}

/// The rules of one user agent's groups, ready to answer "may I fetch this path?".
public struct RobotsRules: Sendable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        /// Normalised pattern bytes; `*` any run, a final `$` anchors the end.
        var pattern: [UInt8]
    }

    var rules: [Rule]
    /// `Crawl-delay` in seconds from the matching group(s), if any.
    public var crawlDelay: Double?

    /// No restrictions: robots.txt missing (4xx) or unreachable on the network.
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Everything refused: robots.txt answered 5xx (RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: Array("/".utf8))], crawlDelay: nil)

    /// Whether `pathAndQuery` (e.g. `/news/a?id=3`) may be fetched. The most specific
    /// (longest) matching pattern decides; on a tie `allow` wins; no match allows.
    /// `/robots.txt` itself is always allowed.
    public func allows(_ pathAndQuery: String) -> Bool {
        let path = RobotsTxt.normalize(pathAndQuery.isEmpty ? "/" : pathAndQuery)
        if path == Array("/robots.txt".utf8) { return true }
        var bestLength = -1
        var bestAllow = true
        for rule in rules where Self.matches(pattern: rule.pattern, path: path) {
            let length = rule.pattern.count
            if length > bestLength || (length == bestLength && rule.allow) {
                bestLength = length
                bestAllow = rule.allow
            }
        }
        return bestAllow
    }

    /// Wildcard match anchored at the start; without a final `$` a pattern matches any path
    /// it is a prefix of. Greedy with one backtrack point: linear in practice, never recursive.
    static func matches(pattern: [UInt8], path: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        var end = pattern.count
        let anchored = end > 0 && pattern[end - 1] == UInt8(ascii: "$")
        if anchored { end -= 1 }
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        while true {
            if p == end {
                if !anchored || s == path.count { return true }
            } else if pattern[p] == star {
                starP = p
                starS = s
                p += 1
                continue
            } else if s < path.count, pattern[p] == path[s] {
                p += 1
                s += 1
                continue
            }
            // Mismatch (or anchored end not reached): let the last `*` swallow one more byte.
            guard starP >= 0, starS < path.count else { return false }
            starS += 1
            s = starS
            p = starP + 1
        }
    }
}
