import CCurl

/// Turns how a transfer ended into success or a `FetchFailure`, in one place so the error
/// codes of records stay consistent.
enum CurlResult {
    /// Classifies a finished page transfer.
    static func classify(_ transfer: Transfer, code: CURLcode) -> FetchFailure? {
        let status = transfer.responseCode
        if let abort = transfer.abort { return abort }
        if transfer.cutAtLimit {
            if (200...299).contains(status) {
                return FetchFailure(.tooLarge, "the body exceeds the limit of \(transfer.maxBytes) bytes (decoded)")
            }
            return FetchFailure(.httpStatus(status), "the server answered HTTP \(status)")
        }
        if code == CURLE_OK && !transfer.headersComplete {
            return FetchFailure(.connectionReset, "the connection closed inside the response headers (HTTP \(status))")
        }
        if code == CURLE_OK {
            switch status {
            case 200...299:
                if transfer.acceptAnyContentType { return nil }
                if let type = transfer.contentType, let parsed = ContentType(type), !parsed.isHTML {
                    return FetchFailure(.unsupportedContentType, "Content-Type \(parsed.mediaType) is not HTML")
                }
                return nil
            case 304:
                // The answer to a conditional request: unchanged since the validators.
                return nil
            case 300...399:
                return FetchFailure(.httpStatus(status), "the server answered HTTP \(status) without a usable Location")
            default:
                return FetchFailure(.httpStatus(status), "the server answered HTTP \(status)")
            }
        }
        if code == CURLE_FILESIZE_EXCEEDED, status >= 400 {
            // An error page announcing a huge body: the status is the news, not the size.
            return FetchFailure(.httpStatus(status), "the server answered HTTP \(status)")
        }
        if let address = transfer.deniedAddress, code == CURLE_COULDNT_CONNECT {
            return FetchFailure(.privateNetworkDenied, "refused to connect to \(address): not a public address (--deny-private-networks)")
        }
        let message = transfer.message(for: code)
        if isMalformedHTTP(code, message: message) { return FetchFailure(.protocolError, message) }
        return FetchFailure(failureCode(for: code), message)
    }

    /// libcurl reports some malformed responses under codes meant for other things: an
    /// HTTP/0.9 reply or a garbage status line as "unsupported protocol" (which Gleaner
    /// keeps for URL schemes), bad chunked encoding and an oversized header block as a
    /// receive error (which would read as a connection reset). Its message tells them apart.
    static func isMalformedHTTP(_ code: CURLcode, message: String) -> Bool {
        let text = message.lowercased()
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL:
            return text.contains("http/0.9") || text.contains("http version") || text.contains("http/1 subversion")
        case CURLE_RECV_ERROR:
            return text.contains("chunk") || text.contains("header")
        default:
            return false
        }
    }

    static func failureCode(for code: CURLcode) -> FetchFailure.Code {
        switch code {
        case CURLE_URL_MALFORMAT: .invalidURL
        case CURLE_UNSUPPORTED_PROTOCOL: .unsupportedProtocol
        case CURLE_COULDNT_RESOLVE_HOST: .dnsFailed
        case CURLE_COULDNT_RESOLVE_PROXY: .proxyFailed
        case CURLE_COULDNT_CONNECT: .connectFailed
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING: .connectionReset
        case CURLE_PARTIAL_FILE: .truncated
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED: .tooLarge
        case CURLE_BAD_CONTENT_ENCODING: .badContentEncoding
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE:
            .tlsFailed
        case CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR:
            .protocolError
        case CURLE_PROXY: .proxyFailed
        default: .fetchFailed
        }
    }
}
