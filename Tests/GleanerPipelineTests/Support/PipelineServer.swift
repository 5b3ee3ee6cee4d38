import Foundation
import GleanerTestSupport

/// Tests/Support/pipeline_server.py (a loopback news site with feeds, sitemaps and
/// conditional GET) for one test: a thin layer over `LoopbackServer` that knows the
/// script's options and request log.
final class PipelineServer: @unchecked Sendable {
    private let server: LoopbackServer
    var port: Int { server.port }

    init(delayMilliseconds: Int = 0) throws {
        server = try LoopbackServer(script: "pipeline_server.py", arguments: ["--delay-ms", String(delayMilliseconds)])
    }

    func stop() { server.stop() }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    struct Request {
        var path: String
        var status: Int
        var ifNoneMatch: String?
    }

    var requests: [Request] {
        server.logEntries().compactMap { object in
            guard let path = object["path"] as? String, let status = object["status"] as? Int else { return nil }
            return Request(path: path, status: status, ifNoneMatch: object["inm"] as? String)
        }
    }
}
