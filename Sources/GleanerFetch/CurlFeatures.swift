import CCurl

/// What the linked libcurl can do, for diagnostics and for tests that need an encoding.
public enum CurlFeatures {
    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 …`.
    public static var version: String { String(cString: curl_version()) }

    /// Content encodings libcurl decodes, and so announces with `Accept-Encoding`.
    public static var contentEncodings: [String] {
        guard let info = curl_version_info(gleaner_curlversion_now) else { return [] }
        let features = info.pointee.features
        var encodings: [String] = []
        if features & CURL_VERSION_LIBZ != 0 { encodings += ["gzip", "deflate"] }
        if features & CURL_VERSION_BROTLI != 0 { encodings.append("br") }
        if features & CURL_VERSION_ZSTD != 0 { encodings.append("zstd") }
        return encodings
    }
}
