// Fuzz target: robots.txt parsing and matching (groups, wildcards, Crawl-delay).
import GleanerFetch

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRobots(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let robots = RobotsTxt(text)
    for agent in ["Gleaner", "*", "googlebot"] {
        let rules = robots.rules(for: agent)
        for path in ["/", "/news/1?a=b", "/private/x.html", "/%E2%82%AC/$"] { _ = rules.allows(path) }
        _ = rules.crawlDelay
    }
    return 0
}
