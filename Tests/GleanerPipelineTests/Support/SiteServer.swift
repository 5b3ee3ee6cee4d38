import Foundation
import GleanerTestSupport

/// Tests/Support/site_server.py for one test: one loopback news site of a given kind
/// (`sitemaps`, `feeds`, `alternate`, `none`) for discovery tests.
final class SiteServer: @unchecked Sendable {
    private let server: LoopbackServer

    init(kind: String) throws {
        server = try LoopbackServer(script: "site_server.py", arguments: ["--kind", kind])
    }

    var home: String { "http://127.0.0.1:\(server.port)/" }

    func url(_ path: String) -> String { "http://127.0.0.1:\(server.port)\(path)" }

    /// Requested paths with their status, in order.
    var requests: [(path: String, status: Int)] {
        server.logEntries().compactMap { object in
            guard let path = object["path"] as? String, let status = object["status"] as? Int else { return nil }
            return (path, status)
        }
    }

    func stop() { server.stop() }
}
