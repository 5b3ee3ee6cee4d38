import Foundation
import GleanerFetch
import GleanerTestSupport
import Testing

/// HTTPS against a loopback TLS server whose certificates come from a CA made by the test:
/// trust through `--cacert`/`--capath`/environment, each way verification must fail, the
/// explicit `--insecure`, and HTTP/2 chosen through ALPN.
// The limit catches hangs, with room for load: in the full parallel test run a test also
// waits for Swift's shared thread pool, which other suites' blocking process runs hold.
@Suite(.timeLimit(.minutes(3)), .serialized) struct FetchTLSTests {
    static let headline = "Harbour Bridge Reopens After Two Years of Repairs"

    static func configuration(caFile: String? = nil, caDirectory: String? = nil, insecure: Bool = false) -> FetchConfiguration {
        var configuration = FetchConfiguration()
        configuration.obeyRobots = false
        configuration.delay = 0
        configuration.retries = 0
        configuration.timeout = 10
        configuration.caFile = caFile
        configuration.caDirectory = caDirectory
        configuration.insecure = insecure
        return configuration
    }

    static func fetch(_ url: String, _ configuration: FetchConfiguration) async throws -> FetchResponse {
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.close() }
        return await fetcher.fetch(url)
    }

    @Test func trustedCAFetchesThePageOverHTTP2() async throws {
        let pki = try TestCertificates()
        let server = try TLSServer(pki.good)
        defer { server.stop() }
        let response = try await Self.fetch(server.url("/article"), Self.configuration(caFile: pki.caFile))
        #expect(response.failure == nil, "\(String(describing: response.failure))")
        #expect(response.info.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(Self.headline))
        #expect(response.info.insecure == false)
        // libcurl offers h2 through ALPN; the server speaks it when Python's h2 package is
        // installed (scripts/setup.sh does).
        #expect(server.protocols(path: "/article") == ["h2"], "install the h2 package: scripts/setup.sh")
    }

    @Test func caDirectoryIsTrusted() async throws {
        let pki = try TestCertificates()
        let server = try TLSServer(pki.good)
        defer { server.stop() }
        let response = try await Self.fetch(server.url("/article", host: "localhost"), Self.configuration(caDirectory: pki.caDirectory))
        #expect(response.failure == nil, "\(String(describing: response.failure))")
        #expect(response.info.status == 200)
    }

    @Test func verificationFailuresAreTLSFailed() async throws {
        let pki = try TestCertificates()
        let cases: [(TestCertificates.Server, String)] = [
            (pki.unknownCA, "unable to get local issuer certificate"),
            (pki.wrongHost, "127.0.0.1"),
            (pki.expired, "expired"),
        ]
        for (certificate, detail) in cases {
            let server = try TLSServer(certificate)
            defer { server.stop() }
            let response = try await Self.fetch(server.url("/article"), Self.configuration(caFile: pki.caFile))
            #expect(response.failure?.code == .tlsFailed, "\(certificate.cert): \(String(describing: response.failure))")
            #expect(response.failure?.message.contains(detail) == true, "\(String(describing: response.failure?.message))")
            #expect(server.protocols(path: "/article").isEmpty, "no request may reach a server that failed verification")
        }
    }

    @Test func systemTrustDoesNotCoverTheTestCA() async throws {
        let pki = try TestCertificates()
        let server = try TLSServer(pki.good)
        defer { server.stop() }
        let response = try await Self.fetch(server.url("/article"), Self.configuration())
        #expect(response.failure?.code == .tlsFailed)
    }

    @Test func environmentVariablesAreHonoured() throws {
        let pki = try TestCertificates()
        let server = try TLSServer(pki.good)
        defer { server.stop() }
        // The runner's own environment may set these (to the system bundle): an empty value
        // counts as unset, so each case controls all three.
        let unset = ["SSL_CERT_FILE": "", "CURL_CA_BUNDLE": "", "SSL_CERT_DIR": ""]
        for variable in ["SSL_CERT_FILE", "CURL_CA_BUNDLE"] {
            let environment = unset.merging([variable: pki.caFile]) { $1 }
            let run = try GleanerBinary.run(["scrape", server.url("/article"), "--ignore-robots"], environment: environment)
            #expect(run.status == 0, "\(variable): \(run.stderr) \(run.stdout)")
            #expect(run.records.first?["headline"] as? String == Self.headline)
        }
        // And without them the same URL fails verification.
        let run = try GleanerBinary.run(["scrape", server.url("/article"), "--ignore-robots"], environment: unset)
        #expect(run.status == 1)
        #expect(run.records.first?.errorCode == "tls_failed")
    }

    @Test func cacertOptionTrustsTheCAAndInsecureSaysSoInTheRecord() throws {
        let pki = try TestCertificates()
        let server = try TLSServer(pki.good)
        let untrusted = try TLSServer(pki.unknownCA)
        defer { server.stop(); untrusted.stop() }
        let trusted = try GleanerBinary.run(["scrape", server.url("/article"), "--cacert", pki.caFile])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.records.first?.fetch?["status"] as? Int == 200)
        #expect(trusted.records.first?.fetch?["insecure"] == nil)

        let insecure = try GleanerBinary.run(["scrape", untrusted.url("/article"), untrusted.url("/missing-robots-check"), "--insecure"])
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(insecure.records.count == 2)
        for record in insecure.records {
            #expect(record.fetch?["insecure"] as? Bool == true)
        }

        let missing = try GleanerBinary.run(["scrape", server.url("/article"), "--cacert", pki.folder.path("nope.pem")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--cacert: cannot read"))
    }
}
