/// Why a URL gave no page. Every case becomes an error record with stage `fetch` and the
/// code `name`, so batch consumers can count and filter failures without parsing messages.
///
/// Codes (stable; also tabulated in docs/fetch.md):
/// - `invalid_url`: not an absolute URL libcurl can parse. No request made.
/// - `unsupported_protocol`: a scheme other than http/https, given or reached by redirect
///   (`file://`, `ftp://`, …). libcurl refuses it before connecting.
/// - `robots_disallowed`: robots.txt disallows the path for our user agent, or robots.txt
///   answered 5xx (RFC 9309: assume complete disallow). No request made.
/// - `dns_failed`: the host name did not resolve.
/// - `connect_failed`: no connection (refused, unreachable).
/// - `private_network_denied`: `--deny-private-networks` and every address of the host is
///   loopback, link-local, private or otherwise not globally routable.
/// - `timeout`: `--timeout` (whole attempt) or `--connect-timeout` expired.
/// - `connection_reset`: the connection was reset or closed before a complete response
///   (includes "empty reply").
/// - `truncated`: the body ended before its announced `Content-Length`.
/// - `too_many_redirects`: more than `--max-redirects` redirects (loops end here too).
/// - `too_large`: the decoded body exceeded `--max-bytes` (gzip bombs end here), or the
///   announced `Content-Length` did.
/// - `unsupported_content_type`: a 2xx response whose type is not HTML (text/html,
///   application/xhtml+xml); the body is not downloaded further and never parsed.
/// - `http_<status>`, e.g. `http_404`: the final response was not 2xx (after retries for 429
///   and 5xx).
/// - `tls_failed`: TLS handshake or certificate verification failed.
/// - `bad_content_encoding`: the body could not be decoded (corrupt gzip/br/zstd).
/// - `protocol_error`: malformed HTTP or an HTTP/2 stream error.
/// - `proxy_failed`: the proxy from the environment could not be used.
/// - `cancelled`: the fetcher was closed before the fetch finished (library use only).
/// - `fetch_failed`: any other libcurl failure; the message carries libcurl's text.
///
/// Retried (with backoff, up to `--retries`): `timeout`, `connect_failed`,
/// `connection_reset`, `truncated`, `protocol_error`, `http_429` and `http_5xx`.
public struct FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure kinds; `name` is the stable code written into error records.
    public enum Code: Sendable, Equatable, Hashable {
        case invalidURL
        case unsupportedProtocol
        case robotsDisallowed
        case dnsFailed
        case connectFailed
        case privateNetworkDenied
        case timeout
        case connectionReset
        case truncated
        case tooManyRedirects
        case tooLarge
        case unsupportedContentType
        case httpStatus(Int)
        case tlsFailed
        case badContentEncoding
        case protocolError
        case proxyFailed
        case cancelled
        case fetchFailed

        /// The code written into error records.
        public var name: String {
            switch self {
            case .invalidURL: "invalid_url"
            case .unsupportedProtocol: "unsupported_protocol"
            case .robotsDisallowed: "robots_disallowed"
            case .dnsFailed: "dns_failed"
            case .connectFailed: "connect_failed"
            case .privateNetworkDenied: "private_network_denied"
            case .timeout: "timeout"
            case .connectionReset: "connection_reset"
            case .truncated: "truncated"
            case .tooManyRedirects: "too_many_redirects"
            case .tooLarge: "too_large"
            case .unsupportedContentType: "unsupported_content_type"
            case .httpStatus(let status): "http_\(status)"
            case .tlsFailed: "tls_failed"
            case .badContentEncoding: "bad_content_encoding"
            case .protocolError: "protocol_error"
            case .proxyFailed: "proxy_failed"
            case .cancelled: "cancelled"
            case .fetchFailed: "fetch_failed"
            }
        }

        /// Transient conditions worth another attempt. Other 4xx, DNS failures and policy
        /// refusals will not change on retry.
        public var isRetryable: Bool {
            switch self {
            case .timeout, .connectFailed, .connectionReset, .truncated, .protocolError: true
            case .httpStatus(let status): status == 429 || (500...599).contains(status)
            default: false
            }
        }
    }

    public var code: Code
    /// Human-readable detail, with libcurl's own message where there is one.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.name): \(message)" }
}
