/// Where records go. A run calls `write` once per input, in input order, on one thread, then
/// `flush` at every commit point and `close` at the end. Formats (JSON lines, SQLite, WARC,
/// Markdown…) are sinks; a new one is one new type conforming here, picked by the command
/// line (`--output` extension, `--format`) or a pipeline file's `sinks:`.
///
/// A class-bound protocol: a sink owns a file or a database handle and keeps state between
/// records (offsets, open transactions).
public protocol Sink: AnyObject {
    /// Writes one record. Throws `SinkError` (with the OS reason) when the output fails;
    /// the run then stops and exits with status 3.
    func write(_ record: SinkRecord) throws
    /// Makes what was written durable or visible (a commit point, the end of a batch).
    func flush() throws
    /// Flushes and releases the output; nothing is written after.
    func close() throws
    /// True when records should carry `exchange` (the raw HTTP exchange), e.g. an archive.
    var wantsExchange: Bool { get }
    /// True when the sink writes `SinkRecord.jsonLine`: then workers render the line ahead
    /// of time (`SinkRecord.prerender`); when no sink does (`--format markdown`), they
    /// skip it (3% of such a run went to building lines that were thrown away).
    var usesJSONLine: Bool { get }
}

extension Sink {
    public var wantsExchange: Bool { false }
    public var usesJSONLine: Bool { true }
    public func close() throws { try flush() }
}

/// A sink a killed run can resume exactly once: the run stores `position` in its state in
/// the same transaction that marks the records done, and on restart `rewind(to:)` cuts off
/// what was written after the last commit.
public protocol ResumableSink: Sink {
    /// Identity under which the position is stored (the file path).
    var resumeKey: String { get }
    /// Position just after the last record written.
    var position: Int64 { get }
    func rewind(to position: Int64) throws
}

/// An output that cannot be written: its message carries the path and the OS reason.
public struct SinkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
