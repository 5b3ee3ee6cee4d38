import Foundation

/// One URL per story: tracking parameters and fragments removed, scheme and host
/// lower-cased, default ports dropped, so the same article shared through different
/// campaigns upserts into one row.
public enum URLCanonicalizer {
    /// Query parameter names dropped outright.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "yclid", "wt_mc", "wt_zmc",
    ]
    /// Query parameter name prefixes dropped (`utm_source`, `utm_medium`, …).
    public static let trackingPrefixes = ["utm_"]

    public static func canonical(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil else { return url }
        components.fragment = nil
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        if (components.scheme == "http" && components.port == 80) || (components.scheme == "https" && components.port == 443) {
            components.port = nil
        }
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !trackingParameters.contains(name) && !trackingPrefixes.contains { name.hasPrefix($0) }
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        if components.path.isEmpty { components.path = "/" }
        return components.string ?? url
    }
}
