import CCurl
import Foundation

/// One libcurl easy handle and what its callbacks collect: the body, the `Retry-After`
/// header, a refused address. Confined to the driver thread; libcurl reaches it from its
/// callbacks through an unretained pointer, valid because the driver keeps the transfer alive
/// until the handle is removed from the multi handle.
final class Transfer {
    enum Purpose {
        case page(FetchJob)
        case robots(TargetURL)
    }

    let purpose: Purpose
    let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed message here (CURLOPT_ERRORBUFFER).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    let maxBytes: Int
    private(set) var body: [UInt8] = []
    /// Body bytes received on the final response, stored or not.
    private(set) var receivedBytes = 0
    /// The body was cut at `maxBytes`.
    private(set) var cutAtLimit = false
    /// Set when a callback stopped the transfer on purpose; it outranks libcurl's result.
    private(set) var abort: FetchFailure?
    private(set) var retryAfter: String?
    /// The address the open-socket callback refused (`--deny-private-networks`).
    private(set) var deniedAddress: String?
    private let denyPrivateNetworks: Bool
    /// Validators of the final response, for conditional re-fetches.
    private(set) var etag: String?
    private(set) var lastModified: String?
    /// Any 2xx Content-Type is kept (`FetchRequestOptions.acceptAnyContentType`). Set again
    /// when a finished robots.txt transfer answers a page request for the same file.
    var acceptAnyContentType: Bool
    /// This transfer's own header list (shared headers + per-request ones); freed on deinit.
    private var ownedHeaders: UnsafeMutablePointer<curl_slist>?
    /// Request/response heads of every hop, kept only when exchanges are recorded.
    private let records: Bool
    private var hops: [RecordedExchange] = []
    /// Whether the current response's status and type have been looked at.
    private var responseChecked = false
    /// False for non-2xx page responses: their bodies are counted, not kept.
    private var keepBody = true
    /// The blank line ending the current response's header block has arrived. libcurl
    /// reports a connection closed inside the headers (after a status line) as success
    /// with an empty body; this tells that case apart.
    private(set) var headersComplete = false

    init(url: String, purpose: Purpose, configuration: FetchConfiguration, headers: UnsafeMutablePointer<curl_slist>?, extraHeaders: [String] = []) throws(FetchFailure) {
        guard let handle = curl_easy_init() else { throw FetchFailure(.fetchFailed, "libcurl: curl_easy_init failed") }
        self.handle = handle
        self.purpose = purpose
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        if case .robots = purpose {
            maxBytes = configuration.robotsMaxBytes
        } else {
            maxBytes = configuration.maxBytes
        }
        denyPrivateNetworks = configuration.denyPrivateNetworks
        records = configuration.exchangeRecorder != nil
        if case .page(let job) = purpose { acceptAnyContentType = job.options.acceptAnyContentType } else { acceptAnyContentType = false }
        var headerList = headers
        if !extraHeaders.isEmpty {
            var list = curl_slist_append(nil, CurlDriver.acceptHeader)
            for line in extraHeaders { list = curl_slist_append(list, line) }
            ownedHeaders = list
            headerList = list
        }
        try configure(url: url, configuration: configuration, headers: headerList)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        if let ownedHeaders { curl_slist_free_all(ownedHeaders) }
    }

    private func configure(url: String, configuration: FetchConfiguration, headers: UnsafeMutablePointer<curl_slist>?) throws(FetchFailure) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        var options = CurlOptions(handle: handle)
        options.set(CURLOPT_URL, url)
        options.set(CURLOPT_PRIVATE, me)
        options.set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        options.set(CURLOPT_NOSIGNAL, 1)
        // Only http(s), for the first request and for every redirect: no file://, ftp://, …
        options.set(CURLOPT_PROTOCOLS_STR, "http,https")
        options.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        options.set(CURLOPT_FOLLOWLOCATION, 1)
        options.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        options.set(CURLOPT_AUTOREFERER, 1)
        // An in-memory cookie jar per transfer: consent and paywall gates that set a
        // cookie and redirect back would otherwise loop until too_many_redirects.
        options.set(CURLOPT_COOKIEFILE, "")
        // "" = every encoding this libcurl can decode (gzip, deflate, br, zstd here).
        options.set(CURLOPT_ACCEPT_ENCODING, "")
        options.set(CURLOPT_USERAGENT, configuration.userAgent)
        // TLS trust: another CA bundle or directory, or (said in every record) none at all.
        // HTTP/2 is offered through ALPN by libcurl's default (CURL_HTTP_VERSION_2TLS).
        if let caFile = configuration.caFile { options.set(CURLOPT_CAINFO, caFile) }
        if let caDirectory = configuration.caDirectory { options.set(CURLOPT_CAPATH, caDirectory) }
        if configuration.insecure {
            options.set(CURLOPT_SSL_VERIFYPEER, 0)
            options.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let headers { options.set(CURLOPT_HTTPHEADER, headers) }
        options.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.timeout))
        options.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        // Pages: refused up front when Content-Length announces too much; the write
        // callback enforces the limit on decoded bytes (gzip bombs, no Content-Length).
        // robots.txt: the first `robotsMaxBytes` are parsed, however long it is.
        if case .page = purpose { options.setSize(CURLOPT_MAXFILESIZE_LARGE, maxBytes) }
        options.setWriteCallback(CURLOPT_WRITEFUNCTION) { data, size, count, user in
            guard let data, let user else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        options.set(CURLOPT_WRITEDATA, me)
        options.setWriteCallback(CURLOPT_HEADERFUNCTION) { data, size, count, user in
            guard let data, let user else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
            transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        options.set(CURLOPT_HEADERDATA, me)
        if denyPrivateNetworks {
            options.setOpenSocketCallback { user, _, address in
                guard let user, let address else { return CURL_SOCKET_BAD }
                let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
                return transfer.openSocket(address)
            }
            options.set(CURLOPT_OPENSOCKETDATA, me)
        }
        if records {
            // The debug callback is the one place libcurl shows each request head as sent.
            options.set(CURLOPT_VERBOSE, 1)
            options.setDebugCallback { handle, type, data, size, user in
                guard let data, let user, type == CURLINFO_HEADER_OUT else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
                transfer.recordRequest(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }
            options.set(CURLOPT_DEBUGDATA, me)
        }
        if let failure = options.failure { throw failure }
    }

    private func recordRequest(_ head: UnsafeRawBufferPointer) {
        hops.append(RecordedExchange(
            url: effectiveURL ?? "", requestHead: Array(head), responseHead: [], body: [],
            ipAddress: stringInfo(CURLINFO_PRIMARY_IP), date: Clocks.iso8601Now()))
    }

    /// Every exchange of this transfer, the last with the body as delivered.
    func recordedExchanges() -> [RecordedExchange] {
        var exchanges = hops.filter { !$0.responseHead.isEmpty }
        if !exchanges.isEmpty { exchanges[exchanges.count - 1].body = body }
        return exchanges
    }

    static func milliseconds(_ seconds: Double) -> Int {
        Int(min(max(seconds, 0.001), 86_400) * 1000)
    }

    // MARK: Callbacks (called by libcurl on the driver thread)

    private func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        if !responseChecked {
            responseChecked = true
            if case .page = purpose {
                let status = responseCode
                if (200...299).contains(status) {
                    if !acceptAnyContentType, let type = contentType, let parsed = ContentType(type), !parsed.isHTML {
                        abort = FetchFailure(.unsupportedContentType, "Content-Type \(parsed.mediaType) is not HTML")
                        return 0
                    }
                } else {
                    keepBody = false
                }
            }
        }
        receivedBytes += chunk.count
        if receivedBytes > maxBytes {
            cutAtLimit = true
            if keepBody {
                let room = maxBytes - body.count
                if room > 0, case .robots = purpose { body.append(contentsOf: chunk.prefix(room)) }
            }
            return 0  // stops the transfer with CURLE_WRITE_ERROR
        }
        if keepBody {
            let needed = body.count + chunk.count
            if needed > body.capacity {
                // The announced length first; past it (or without one) the limit at once, never
                // a doubling: peak memory stays at --max-bytes plus a constant, not twice it.
                // (A large allocation is mapped lazily: untouched reserve costs no memory.)
                let announced = body.isEmpty ? contentLengthDownload : -1
                body.reserveCapacity(announced >= needed ? min(announced, maxBytes) : maxBytes)
            }
            body.append(contentsOf: chunk)
        }
        return chunk.count
    }

    private func receiveHeader(_ line: UnsafeRawBufferPointer) {
        if records, !hops.isEmpty { hops[hops.count - 1].responseHead.append(contentsOf: line) }
        // A status line starts a new response (a redirect hop, a proxy CONNECT): forget
        // what the previous one said.
        if line.count >= 5, line.starts(with: "HTTP/".utf8) {
            retryAfter = nil
            etag = nil
            lastModified = nil
            responseChecked = false
            keepBody = true
            body.removeAll(keepingCapacity: true)
            receivedBytes = 0
            cutAtLimit = false
            headersComplete = false
            return
        }
        if line.count <= 2, line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) {
            headersComplete = true
            return
        }
        if let value = Self.headerValue(line, name: "retry-after:") { retryAfter = value }
        if let value = Self.headerValue(line, name: "etag:") { etag = value }
        if let value = Self.headerValue(line, name: "last-modified:") { lastModified = value }
    }

    /// The trimmed value when `line` is the header `name` (lower-case, with the colon).
    private static func headerValue(_ line: UnsafeRawBufferPointer, name: String) -> String? {
        guard line.count > name.utf8.count else { return nil }
        for (index, byte) in name.utf8.enumerated() where line[index] | 0x20 != byte | 0x20 {
            return nil
        }
        let value = String(decoding: line[name.utf8.count...], as: UTF8.self)
        return value.trimmedWhitespace()
    }

    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let socketAddress = UnsafeRawPointer(address) + MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
        if NetworkAddressPolicy.isDenied(sockaddr: socketAddress, length: Int(address.pointee.addrlen)) {
            deniedAddress = NetworkAddressPolicy.describe(sockaddr: socketAddress)
            return CURL_SOCKET_BAD  // libcurl tries the host's next address, if any
        }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }

    // MARK: Results

    var responseCode: Int {
        var value = 0
        _ = gleaner_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &value)
        return value
    }

    var contentType: String? { stringInfo(CURLINFO_CONTENT_TYPE) }
    var effectiveURL: String? { stringInfo(CURLINFO_EFFECTIVE_URL) }

    var redirectCount: Int {
        var value = 0
        _ = gleaner_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &value)
        return value
    }

    private var contentLengthDownload: Int {
        var value: curl_off_t = -1
        _ = gleaner_easy_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &value)
        return Int(value)
    }

    private func stringInfo(_ info: CURLINFO) -> String? {
        var pointer: UnsafePointer<CChar>?
        guard gleaner_easy_getinfo_string(handle, info, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libcurl's detailed message for the last error, or its generic text for `code`.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return "libcurl: " + (detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
    }

    /// Hands the body over without copying.
    func takeBody() -> [UInt8] {
        defer { body = [] }
        return body
    }
}
