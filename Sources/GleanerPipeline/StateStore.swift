import Foundation
import GRDB
import GleanerSinks

/// The pipeline's memory between runs and across crashes, in SQLite: the work queue (every
/// discovered URL or file with its status, so discovery never has to fit in RAM), the
/// current run, the committed byte offsets of JSON-lines sinks, per-URL fetch state for
/// conditional requests, and the SimHashes of stored bodies. Schema: docs/sinks.md.
final class StateStore {
    let database: DatabaseQueue
    let path: String?

    init(path: String?) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if let path {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        } else {
            database = try DatabaseQueue(configuration: configuration)
        }
        try database.write { db in try Self.createSchema(db) }
    }

    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY,
                pipeline TEXT NOT NULL,
                started TEXT NOT NULL,
                finished TEXT,
                counts TEXT NOT NULL DEFAULT '{}'
            );
            CREATE TABLE IF NOT EXISTS queue (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending',
                origin TEXT,
                title TEXT,
                published TEXT,
                language TEXT
            );
            CREATE INDEX IF NOT EXISTS queue_pending ON queue(status, id);
            CREATE TABLE IF NOT EXISTS sink_offsets (
                path TEXT PRIMARY KEY,
                bytes INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS fetch_state (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                status INTEGER,
                last_fetched TEXT NOT NULL,
                body_hash TEXT
            );
            CREATE TABLE IF NOT EXISTS simhashes (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL UNIQUE,
                simhash INTEGER NOT NULL,
                b0 INTEGER NOT NULL, b1 INTEGER NOT NULL, b2 INTEGER NOT NULL, b3 INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS simhashes_b0 ON simhashes(b0);
            CREATE INDEX IF NOT EXISTS simhashes_b1 ON simhashes(b1);
            CREATE INDEX IF NOT EXISTS simhashes_b2 ON simhashes(b2);
            CREATE INDEX IF NOT EXISTS simhashes_b3 ON simhashes(b3);
            CREATE TABLE IF NOT EXISTS failed_urls (
                url TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                origin TEXT,
                failures INTEGER NOT NULL,
                code TEXT NOT NULL,
                last_failed REAL NOT NULL
            );
            """)
    }

    /// The unfinished run to resume, if any: its id and the counts it had committed.
    func unfinishedRun() throws -> (id: Int64, counts: RunCounts)? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, counts FROM runs WHERE finished IS NULL ORDER BY id DESC LIMIT 1") else { return nil }
            let counts = RunCounts.decode(row["counts"] as String? ?? "{}")
            return (row["id"], counts)
        }
    }

    func committedOffset(path: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT bytes FROM sink_offsets WHERE path = ?", arguments: [path])
    }

    func setOffset(path: String, bytes: Int64, in db: Database) throws {
        try db.execute(sql: "INSERT INTO sink_offsets (path, bytes) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET bytes = excluded.bytes", arguments: [path, bytes])
    }

    /// Adds a queue entry unless the URL (or path) is already queued in this run.
    @discardableResult
    func enqueue(_ url: String, kind: WorkItem.Kind, origin: String?, page: DiscoveredPage? = nil, in db: Database) throws -> Bool {
        try db.execute(
            sql: "INSERT OR IGNORE INTO queue (url, kind, origin, title, published, language) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [url, kind.rawValue, origin, page?.title, page?.published, page?.language])
        return db.changesCount > 0
    }

    /// Up to `limit` pending entries after `cursor`, with their fetch state.
    func pending(after cursor: Int64, limit: Int) throws -> [WorkItem] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.id, q.url, q.kind, q.origin, q.title, q.published, q.language, f.etag, f.last_modified, f.body_hash
                FROM queue q LEFT JOIN fetch_state f ON f.url = q.url
                WHERE q.status = 'pending' AND q.id > ? ORDER BY q.id LIMIT ?
                """, arguments: [cursor, limit])
            return rows.map { row in
                WorkItem(
                    id: row["id"], url: row["url"], kind: WorkItem.Kind(rawValue: row["kind"]) ?? .page, origin: row["origin"],
                    listing: DiscoveredPage(url: row["url"], title: row["title"], published: row["published"], language: row["language"]),
                    etag: row["etag"], lastModified: row["last_modified"], bodyHash: row["body_hash"])
            }
        }
    }

    func counts() throws -> (total: Int, done: Int) {
        try database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue") ?? 0
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue WHERE status = 'pending'") ?? 0
            return (total, total - pending)
        }
    }

    func recordFetch(_ update: FetchStateUpdate, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO fetch_state (url, etag, last_modified, status, last_fetched, body_hash) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(url) DO UPDATE SET
                etag = CASE WHEN excluded.status = 304 THEN fetch_state.etag ELSE excluded.etag END,
                last_modified = CASE WHEN excluded.status = 304 THEN fetch_state.last_modified ELSE excluded.last_modified END,
                body_hash = CASE WHEN excluded.status = 304 THEN fetch_state.body_hash ELSE excluded.body_hash END,
                status = excluded.status, last_fetched = excluded.last_fetched
            """, arguments: [update.url, update.etag, update.lastModified, update.status, update.fetchedAt, update.bodyHash])
    }

    /// The closest stored SimHash within `maxDistance` bits (another URL), then stores this one.
    func nearDuplicate(of hash: UInt64, url: String, maxDistance: Int, in db: Database) throws -> (url: String, distance: Int)? {
        let bands = SimHash.bands(hash)
        // Multi-probe: each band's value and its 16 one-bit neighbours. Hashes within 7 bits
        // have some band within 1 bit (pigeonhole over 4 bands), so none is missed.
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (band, value) in bands.enumerated() {
            let probes = [value] + (0..<16).map { value ^ (1 << Int64($0)) }
            clauses.append("b\(band) IN (" + Array(repeating: "?", count: probes.count).joined(separator: ",") + ")")
            arguments += probes
        }
        arguments.append(url)
        let rows = try Row.fetchAll(
            db, sql: "SELECT url, simhash FROM simhashes WHERE (" + clauses.joined(separator: " OR ") + ") AND url != ? ORDER BY id",
            arguments: StatementArguments(arguments))
        var best: (url: String, distance: Int)?
        for row in rows {
            let other = UInt64(bitPattern: row["simhash"] as Int64)
            let distance = SimHash.distance(hash, other)
            if distance <= maxDistance, distance < (best?.distance ?? Int.max) { best = (row["url"], distance) }
        }
        try db.execute(sql: """
            INSERT INTO simhashes (url, simhash, b0, b1, b2, b3) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(url) DO UPDATE SET simhash = excluded.simhash, b0 = excluded.b0, b1 = excluded.b1, b2 = excluded.b2, b3 = excluded.b3
            """, arguments: [url, Int64(bitPattern: hash), bands[0], bands[1], bands[2], bands[3]])
        return best
    }
}

/// What a fetch taught us about a URL, for the next run's conditional request.
struct FetchStateUpdate: Sendable {
    var url: String
    var etag: String? = nil
    var lastModified: String? = nil
    var status: Int?
    var fetchedAt: String
    var bodyHash: String?
}
