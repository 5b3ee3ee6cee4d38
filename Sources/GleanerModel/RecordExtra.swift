/// An extra top-level object of a record (`"warc": {…}`), written after the documented keys
/// in the order given. It is how a source adds provenance without the record schema or the
/// sinks knowing about that source: the JSON writer renders any `ExtraValue`.
public struct RecordExtra: Sendable, Equatable {
    public var key: String
    public var value: ExtraValue

    public init(key: String, value: ExtraValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON value whose object keys keep their order (records promise a stable key order).
public indirect enum ExtraValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ExtraValue])
    case object([(String, ExtraValue)])

    public static func == (lhs: ExtraValue, rhs: ExtraValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
