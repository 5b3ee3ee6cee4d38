import Foundation
import GleanerTestSupport

/// A throw-away PKI for the TLS tests, made with the `openssl` command-line tool in a
/// temporary folder: a test CA, a second CA nobody trusts, and server certificates that are
/// good, for the wrong host name, expired, or signed by the untrusted CA. Nothing outlives
/// the test; no real CA or network is involved.
final class TestCertificates: @unchecked Sendable {
    let folder: TemporaryDirectory
    /// The trusted test CA's certificate (PEM), what `--cacert` is given.
    let caFile: String
    /// A folder holding the CA certificate under its OpenSSL hash name (`--capath`).
    let caDirectory: String

    /// A server certificate and its key.
    struct Server {
        var cert: String
        var key: String
    }

    let good: Server
    let wrongHost: Server
    let expired: Server
    let unknownCA: Server

    init() throws {
        folder = try TemporaryDirectory()
        let dir = folder.url.path
        caFile = dir + "/ca.pem"
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", dir + "/ca.key", "-out", caFile, "-days", "2", "-subj", "/CN=Gleaner Test CA"])
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", dir + "/other-ca.key", "-out", dir + "/other-ca.pem", "-days", "2",
                          "-subj", "/CN=Untrusted Test CA"])
        let loopback = "subjectAltName=DNS:localhost,IP:127.0.0.1"
        good = try Self.issue(in: dir, name: "good", ca: "ca", san: loopback, days: "2")
        wrongHost = try Self.issue(in: dir, name: "wrong-host", ca: "ca", san: "subjectAltName=DNS:wrong.example.invalid", days: "2")
        // OpenSSL 3.0 accepts a negative validity: notAfter lies before now.
        expired = try Self.issue(in: dir, name: "expired", ca: "ca", san: loopback, days: "-1")
        unknownCA = try Self.issue(in: dir, name: "unknown-ca", ca: "other-ca", san: loopback, days: "2")
        caDirectory = dir + "/capath"
        try FileManager.default.createDirectory(atPath: caDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: caFile, toPath: caDirectory + "/ca.pem")
        try Self.openssl(["rehash", caDirectory])
    }

    private static func issue(in dir: String, name: String, ca: String, san: String, days: String) throws -> Server {
        let key = "\(dir)/\(name).key", cert = "\(dir)/\(name).pem", request = "\(dir)/\(name).csr"
        let extensions = "\(dir)/\(name).ext"
        try (san + "\n").write(toFile: extensions, atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", key, "-out", request, "-subj", "/CN=\(name)"])
        try openssl(["x509", "-req", "-in", request, "-CA", "\(dir)/\(ca).pem", "-CAkey", "\(dir)/\(ca).key",
                     "-CAcreateserial", "-out", cert, "-days", days, "-extfile", extensions])
        return Server(cert: cert, key: key)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")) failed: \(String(decoding: text, as: UTF8.self))")
        }
    }
}

/// Tests/Support/tls_server.py serving one certificate on loopback.
final class TLSServer: @unchecked Sendable {
    private let server: LoopbackServer
    var port: Int { server.port }

    init(_ certificate: TestCertificates.Server) throws {
        server = try LoopbackServer(script: "tls_server.py", arguments: ["--cert", certificate.cert, "--key", certificate.key])
    }

    func url(_ path: String, host: String = "127.0.0.1") -> String { "https://\(host):\(port)\(path)" }

    /// The protocol ("h2" or "http/1.1") of each answered request, in order.
    func protocols(path: String) -> [String] {
        server.logEntries().filter { $0["path"] as? String == path }.compactMap { $0["protocol"] as? String }
    }

    func stop() { server.stop() }
}
