import CCurl

/// The parts of a requested URL the scheduler needs, as libcurl's own URL parser sees them,
/// so politeness keys and robots.txt paths agree with what libcurl will request.
struct TargetURL: Sendable, Equatable {
    /// Lower-cased: `http` or `https`.
    var scheme: String
    /// Lower-cased host name or IP literal (IPv6 in brackets).
    var host: String
    var port: Int
    /// Path and query as sent (`/a/b?c=d`), for robots.txt matching.
    var pathAndQuery: String

    /// robots.txt applies per scheme, host and port (RFC 9309 §2.3).
    var origin: String { "\(scheme)://\(host):\(port)" }
    var robotsURL: String { "\(scheme)://\(host):\(port)/robots.txt" }

    static let supportedSchemes: Set<String> = ["http", "https"]

    /// Parses `string`, or says why it cannot be fetched.
    static func parse(_ string: String) -> Result<TargetURL, FetchFailure> {
        guard let handle = curl_url() else { return .failure(FetchFailure(.fetchFailed, "libcurl: out of memory")) }
        defer { curl_url_cleanup(handle) }
        // Parse any scheme, so ftp:// is reported as unsupported rather than malformed.
        let status = curl_url_set(handle, CURLUPART_URL, string, UInt32(CURLU_NON_SUPPORT_SCHEME))
        guard status == CURLUE_OK else {
            let reason = String(cString: curl_url_strerror(status))
            return .failure(FetchFailure(.invalidURL, "not an absolute http(s) URL: \(reason)"))
        }
        func part(_ what: CURLUPart, _ flags: Int32 = 0) -> String? {
            var pointer: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, what, &pointer, UInt32(flags)) == CURLUE_OK, let pointer else { return nil }
            defer { curl_free(pointer) }
            return String(cString: pointer)
        }
        guard let scheme = part(CURLUPART_SCHEME)?.lowercased() else {
            return .failure(FetchFailure(.invalidURL, "the URL has no scheme"))
        }
        guard supportedSchemes.contains(scheme) else {
            return .failure(FetchFailure(.unsupportedProtocol, "scheme \(scheme) is not http or https"))
        }
        guard let host = part(CURLUPART_HOST)?.lowercased(), !host.isEmpty else {
            return .failure(FetchFailure(.invalidURL, "the URL has no host"))
        }
        let port = part(CURLUPART_PORT, CURLU_DEFAULT_PORT).flatMap { Int($0) } ?? (scheme == "https" ? 443 : 80)
        var path = part(CURLUPART_PATH) ?? "/"
        if path.isEmpty { path = "/" }
        if let query = part(CURLUPART_QUERY) { path += "?" + query }
        return .success(TargetURL(scheme: scheme, host: host, port: port, pathAndQuery: path))
    }
}
