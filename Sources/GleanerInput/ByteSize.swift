import Foundation

/// Parses sizes such as `20MB`, `512K`, `1.5GiB` or `1048576` for `--max-bytes`. Suffixes
/// K, M, G (with optional `B` or `iB`) are powers of 1024, as a limit on memory is meant.
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmedWhitespace().lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmedWhitespace()
        let factor: Double
        switch unit {
        case "", "b": factor = 1
        case "k", "kb", "kib": factor = 1024
        case "m", "mb", "mib": factor = 1024 * 1024
        case "g", "gb", "gib": factor = 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = number * factor
        guard bytes >= 1, bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }
}
