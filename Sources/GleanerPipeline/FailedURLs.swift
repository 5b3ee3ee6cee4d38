import Foundation
import GRDB

/// URLs whose last attempt failed, kept across runs so a later run tries them again even
/// when the feed or sitemap that listed them is unchanged (and so would not list them
/// again): after `retry_failed_after` seconds, doubling with each further failure, up to
/// `maxFailures` attempts. A success removes the URL. Table `failed_urls` of the state
/// database (docs/sinks.md).
struct FailedURLs {
    /// After this many failures in a row a URL is left alone.
    static let maxFailures = 8
    /// `retry_failed_after` when the pipeline does not say.
    static let defaultDelay = 3600.0

    let delay: Double

    /// Records a failure of `item` at `time` (seconds since 1970).
    func failed(_ item: WorkItem, code: String, at time: Double, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO failed_urls (url, kind, origin, failures, code, last_failed) VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT(url) DO UPDATE SET failures = failures + 1, code = excluded.code, last_failed = excluded.last_failed
            """, arguments: [item.url, item.kind.rawValue, item.origin, code, time])
    }

    func succeeded(_ url: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM failed_urls WHERE url = ?", arguments: [url])
    }

    /// The failed URLs whose backoff has run out at `time`: `delay × 2^(failures − 1)`.
    func due(at time: Double, in db: Database) throws -> [(url: String, kind: WorkItem.Kind, origin: String?)] {
        let rows = try Row.fetchAll(db, sql: "SELECT url, kind, origin, failures, last_failed FROM failed_urls WHERE failures < ?", arguments: [Self.maxFailures])
        return rows.compactMap { row in
            let failures: Int = row["failures"]
            let last: Double = row["last_failed"]
            guard let kind = WorkItem.Kind(rawValue: row["kind"]), kind != .file, kind != .warc,
                last + delay * pow(2, Double(max(0, failures - 1))) <= time
            else { return nil }
            return (row["url"], kind, row["origin"])
        }
    }
}
