/// Everything that shapes how a `Fetcher` behaves; the defaults are those of `gleaner scrape`.
public struct FetchConfiguration: Sendable {
    /// Where site operators can read what the crawler is and how to reach its operators;
    /// named in the `User-Agent`, as crawler etiquette asks.
    public static let projectURL = "https://github.com/gleaner-news/gleaner"

    /// `Gleaner/<version> (+<project URL>)`. robots.txt groups are matched against its
    /// product token, `Gleaner`.
    public static func userAgentString(version: String) -> String {
        "Gleaner/\(version) (+\(projectURL))"
    }

    /// The `User-Agent` sent when none is configured.
    public static let defaultUserAgent = userAgentString(version: "0.1.0")

    /// Transfers in flight at once, over all hosts.
    public var concurrency = 16
    /// Transfers in flight at once to one host name (robots.txt fetches included).
    public var perHost = 2
    /// Seconds between the starts of two requests to one host; a larger robots.txt
    /// `Crawl-delay` (up to `maxCrawlDelay`) replaces it for that host.
    public var delay = 1.0
    /// Seconds one attempt may take in total, connection to last byte.
    public var timeout = 30.0
    /// Seconds the connection phase (DNS, TCP, TLS) may take.
    public var connectTimeout = 10.0
    /// Largest decoded body accepted; the transfer is cut beyond it.
    public var maxBytes = 20 * 1024 * 1024
    public var maxRedirects = 5
    public var userAgent = FetchConfiguration.defaultUserAgent
    /// Further attempts after a retryable failure (see `FetchFailure.Code.isRetryable`).
    public var retries = 2
    /// First backoff in seconds; doubles with each retry, with jitter.
    public var retryBaseDelay = 1.0
    /// A `Retry-After` longer than this is not waited for: the failure is reported at once.
    public var maxRetryAfter = 120.0
    /// Obey robots.txt (fetched once per origin and cached for the fetcher's lifetime).
    public var obeyRobots = true
    /// Upper bound on an honoured `Crawl-delay`, so one robots.txt cannot stall a run for hours.
    public var maxCrawlDelay = 60.0
    /// robots.txt bytes read; RFC 9309 asks crawlers to parse at least 500 KiB.
    public var robotsMaxBytes = 512 * 1024
    /// Refuse to connect to loopback, link-local, private and other non-global addresses,
    /// checked on the resolved address of every connection (redirect targets included).
    /// With a proxy configured the check applies to the proxy's address.
    public var denyPrivateNetworks = false
    /// When set, no new page transfer starts while this many responses are in flight or
    /// delivered and still alive (a response releases its share when its last copy goes).
    /// Bounds memory when the consumer is slower than the network.
    public var maxHeldResponses: Int? = nil
    /// A PEM file of CA certificates to trust instead of the built-in bundle (curl's
    /// `--cacert`): for sites behind a company proxy or an internal CA. When nil,
    /// `CURL_CA_BUNDLE` and then `SSL_CERT_FILE` from the environment are used, as curl and
    /// OpenSSL do; when those are unset too, libcurl's default bundle.
    public var caFile: String? = nil
    /// A directory of hashed CA certificates (`openssl rehash`) to trust (curl's `--capath`).
    /// When nil, `SSL_CERT_DIR` from the environment, if set.
    public var caDirectory: String? = nil
    /// Skip certificate and host-name verification. Every record fetched this way says so
    /// (`fetch.insecure: true`), because its origin is no longer established.
    public var insecure = false
    /// When set, every HTTP exchange — redirect hops, robots.txt, retries, 304s — is handed
    /// here as sent and received, on the fetcher's thread (`scrape --warc` archives them).
    public var exchangeRecorder: (@Sendable (RecordedExchange) -> Void)? = nil

    public init() {}

    /// This configuration with `caFile` and `caDirectory` filled in from the environment
    /// where they are nil: `CURL_CA_BUNDLE`, then `SSL_CERT_FILE`; `SSL_CERT_DIR`. libcurl
    /// sets its compiled-in bundle explicitly, so OpenSSL's own reading of these variables
    /// never happens: the fetcher has to pass them on itself.
    public func resolvingTrust(environment: [String: String]) -> FetchConfiguration {
        var resolved = self
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        if resolved.caFile == nil { resolved.caFile = value("CURL_CA_BUNDLE") ?? value("SSL_CERT_FILE") }
        if resolved.caDirectory == nil { resolved.caDirectory = value("SSL_CERT_DIR") }
        return resolved
    }
}
