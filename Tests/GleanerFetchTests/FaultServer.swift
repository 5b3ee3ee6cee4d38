import Foundation
import GleanerTestSupport

/// Tests/Support/fault_server.py for one test: every failure a fetcher meets, on loopback.
/// A thin layer over `LoopbackServer` that knows the script's options and request log.
final class FaultServer: @unchecked Sendable {
    private let server: LoopbackServer
    var port: Int { server.port }

    /// The loopback address the server listens on; a second server on 127.0.0.2 is a
    /// second host for politeness purposes.
    let address: String

    init(robots: Bool = false, address: String = "127.0.0.1") throws {
        self.address = address
        server = try LoopbackServer(
            script: "fault_server.py", arguments: (robots ? ["--robots"] : []) + ["--bind", address])
    }

    func url(_ path: String, host: String? = nil) -> String {
        "http://\(host ?? address):\(port)\(path)"
    }

    /// One logged request: when it arrived and when the server had answered it.
    struct Request {
        var id: Int
        var path: String
        var host: String
        var start: Double
        var end: Double?
    }

    /// The requests the server saw so far, in arrival order.
    func requests() -> [Request] {
        var byID: [Int: Request] = [:]
        for object in server.logEntries() {
            guard let id = object["id"] as? Int, let event = object["event"] as? String,
                let path = object["path"] as? String, let time = object["t"] as? Double else { continue }
            if event == "start" {
                byID[id] = Request(id: id, path: path, host: object["host"] as? String ?? "", start: time)
            } else {
                byID[id]?.end = time
            }
        }
        return byID.values.sorted { $0.start < $1.start }
    }

    func stop() { server.stop() }
}
