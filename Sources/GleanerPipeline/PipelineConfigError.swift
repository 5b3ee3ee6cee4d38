/// A problem in a pipeline file, located precisely enough to fix without guessing:
/// `Pipelines/x.yaml:12: sources.feeds: expected a list of strings, found a mapping`.
public struct PipelineConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file (unreadable, empty).
    public var line: Int
    /// Dotted key path such as `sinks[1].type`; empty for the whole document.
    public var key: String
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`; a whole-file problem (line 0) prints as `file: message`
    /// rather than a misleading `:0:` position.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}

/// Several problems at once, so one `gleaner validate` shows them all.
public struct PipelineConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [PipelineConfigError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
