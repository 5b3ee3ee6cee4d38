import CCurl

/// Typed `curl_easy_setopt`: one overload per argument kind, each calling the matching C
/// shim (Swift cannot call the variadic original). Remembers the first failure so a run of
/// settings reads as a list and is checked once.
struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var failure: FetchFailure?

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    mutating func set(_ option: CURLoption, _ value: Int) {
        check(gleaner_easy_setopt_long(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, _ value: String) {
        check(value.withCString { gleaner_easy_setopt_string(handle, option, $0) }, option)
    }

    mutating func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        check(gleaner_easy_setopt_pointer(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>) {
        check(gleaner_easy_setopt_slist(handle, option, value), option)
    }

    /// `curl_off_t` options (the `_LARGE` sizes).
    mutating func setSize(_ option: CURLoption, _ value: Int) {
        check(gleaner_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    mutating func setWriteCallback(_ option: CURLoption, _ callback: curl_write_callback) {
        check(gleaner_easy_setopt_write_callback(handle, option, callback), option)
    }

    mutating func setOpenSocketCallback(_ callback: curl_opensocket_callback) {
        check(gleaner_easy_setopt_opensocket_callback(handle, callback), CURLOPT_OPENSOCKETFUNCTION)
    }

    mutating func setDebugCallback(_ callback: curl_debug_callback) {
        check(gleaner_easy_setopt_debug_callback(handle, callback), CURLOPT_DEBUGFUNCTION)
    }

    private mutating func check(_ code: CURLcode, _ option: CURLoption) {
        guard code != CURLE_OK, failure == nil else { return }
        let text = String(cString: curl_easy_strerror(code))
        failure = FetchFailure(.fetchFailed, "libcurl: setting option \(option.rawValue) failed: \(text)")
    }
}
