import Foundation
import GRDB
import GleanerModel

/// `SQLiteSink` as a stand-alone `Sink` over a database file of its own
/// (`gleaner extract --output out.sqlite`). Records are buffered and written in one
/// transaction per batch — a transaction per record would cost an fsync each. The schema and
/// the row mapping stay in `SQLiteSink`; this type only owns the file and the batching.
public final class SQLiteFileSink: Sink {
    public let path: String
    private let queue: DatabaseQueue
    private let rows: SQLiteSink
    private var pending: [SinkRecord] = []
    /// Records per transaction while streaming.
    private let batchSize: Int

    public init(path: String, batchSize: Int = 256) throws {
        self.path = path
        self.batchSize = max(1, batchSize)
        rows = SQLiteSink(path: path)
        do {
            queue = try DatabaseQueue(path: path)
            try SQLiteSink.migrate(queue)
        } catch {
            throw SinkError("cannot open \(path) as an SQLite database: \(Self.describe(error))")
        }
    }

    public func write(_ record: SinkRecord) throws {
        pending.append(record)
        if pending.count >= batchSize { try flush() }
    }

    public func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        do {
            try queue.write { db in
                for record in batch { try rows.write(record, in: db) }
            }
        } catch {
            throw SinkError("cannot write \(path): \(Self.describe(error))")
        }
    }

    public func close() throws {
        try flush()
        try? queue.close()
    }

    static func describe(_ error: any Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? "\(database)" }
        return "\(error)"
    }
}
