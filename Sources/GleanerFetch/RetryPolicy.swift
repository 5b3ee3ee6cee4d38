import Foundation
import GleanerModel

/// When to try a failed fetch again: exponential backoff with jitter, so many clients that
/// failed together do not come back together; a server's `Retry-After` is a floor.
public struct RetryPolicy: Sendable {
    /// Further attempts after the first.
    public var retries: Int
    /// Backoff before the first retry, in seconds; doubles per retry.
    public var baseDelay: Double
    /// A longer `Retry-After` is not waited for.
    public var maxRetryAfter: Double

    public init(retries: Int, baseDelay: Double, maxRetryAfter: Double) {
        self.retries = retries
        self.baseDelay = baseDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Seconds to wait before the next attempt, or nil to give up.
    /// - Parameters:
    ///   - attempts: attempts made so far (1 after the first request).
    ///   - retryAfter: the server's `Retry-After` in seconds, if it sent one.
    public func delay(
        afterAttempts attempts: Int, retryAfter: Double?, using generator: inout some RandomNumberGenerator
    ) -> Double? {
        guard attempts <= retries else { return nil }
        if let retryAfter, retryAfter > maxRetryAfter { return nil }
        // "Equal jitter": half the exponential step fixed, half random.
        let step = baseDelay * pow(2, Double(max(0, attempts - 1)))
        let backoff = step / 2 + Double.random(in: 0...1, using: &generator) * step / 2
        return max(backoff, retryAfter ?? 0)
    }

    /// Parses a `Retry-After` value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3),
    /// relative to `now` (seconds since the epoch). Past dates give 0.
    public static func parseRetryAfter(_ value: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        let trimmed = value.trimmedWhitespace()
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        return parseHTTPDate(trimmed).map { max(0, $0 - now) }
    }

    /// Seconds since the epoch of an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the
    /// form RFC 9110 requires servers to send. Parsed by hand: glibc's strptime is not
    /// visible to Swift, and date formatters are heavy to share across threads.
    static func parseHTTPDate(_ text: String) -> Double? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT",
            let day = Int(fields[1]), let year = Int(fields[3]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let monthIndex = months.firstIndex(of: fields[2].lowercased()) else { return nil }
        let clock = fields[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), (0...23).contains(clock[0]),
            (0...59).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        // Days from civil date (Howard Hinnant's algorithm), March-based years.
        let month = monthIndex + 1
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2])
    }
}
