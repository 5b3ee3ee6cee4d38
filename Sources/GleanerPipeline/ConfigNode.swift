import Yams

/// A YAML node with its key path and file, so every typed read can report
/// `file:line: key: message`. Decoding walks Yams' `Node` tree by hand (rather than
/// `Decodable`) precisely to keep line numbers and to reject unknown keys.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> PipelineConfigError {
        PipelineConfigError(file: file, line: line, key: path, message: message)
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    var kind: String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// True for a mapping (`{key: value}`), where a key may take either a list or a mapping.
    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return true }
        return false
    }

    /// The entries of a mapping, checking that every key is in `allowed`.
    func mapping(allowed: [String]) throws(PipelineConfigError) -> [String: ConfigNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kind)") }
        var result: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw ConfigNode(node: keyNode, path: path, file: file).error("keys must be strings")
            }
            let childNode = ConfigNode(node: value, path: child(key), file: file)
            guard allowed.contains(key) else {
                let keyed = ConfigNode(node: keyNode, path: child(key), file: file)
                throw keyed.error("unknown key (allowed here: \(allowed.joined(separator: ", ")))")
            }
            if result[key] != nil {
                throw ConfigNode(node: keyNode, path: child(key), file: file).error("duplicate key")
            }
            result[key] = childNode
        }
        return result
    }

    /// Like `mapping(allowed:)`, but records each unknown or duplicate key in `problems` and
    /// returns the allowed ones, so one pass reports every mistake.
    func mapping(allowed: [String], problems: ConfigProblems) throws(PipelineConfigError) -> [String: ConfigNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kind)") }
        var result: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                problems.record(ConfigNode(node: keyNode, path: path, file: file).error("keys must be strings"))
                continue
            }
            let keyed = ConfigNode(node: keyNode, path: child(key), file: file)
            guard allowed.contains(key) else {
                problems.record(keyed.error("unknown key (allowed here: \(allowed.joined(separator: ", ")))"))
                continue
            }
            if result[key] != nil {
                problems.record(keyed.error("duplicate key"))
                continue
            }
            result[key] = ConfigNode(node: value, path: child(key), file: file)
        }
        return result
    }

    /// Mapping entries with free-form keys (such as host names), in file order.
    func entries() throws(PipelineConfigError) -> [(String, ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kind)") }
        var result: [(String, ConfigNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw ConfigNode(node: keyNode, path: path, file: file).error("keys must be strings")
            }
            result.append((key, ConfigNode(node: value, path: child(key), file: file)))
        }
        return result
    }

    func string() throws(PipelineConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a string, found \(isNull ? "nothing" : kind)") }
        return scalar.string
    }

    func nonEmptyString() throws(PipelineConfigError) -> String {
        let value = try string()
        guard !value.isEmpty else { throw error("must not be empty") }
        return value
    }

    func int(min: Int = Int.min) throws(PipelineConfigError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error("expected an integer, found \(describeValue)")
        }
        guard value >= min else { throw error("must be at least \(min)") }
        return value
    }

    func double(min: Double = 0) throws(PipelineConfigError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw error("expected a number, found \(describeValue)")
        }
        guard value >= min else { throw error("must be at least \(min)") }
        return value
    }

    func bool() throws(PipelineConfigError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false, found \(kind)") }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "on": return true
        case "false", "False", "FALSE", "no", "off": return false
        default: throw error("expected true or false, found \(describeValue)")
        }
    }

    func list() throws(PipelineConfigError) -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kind)") }
        return sequence.enumerated().map { index, item in
            ConfigNode(node: item, path: "\(path)[\(index)]", file: file)
        }
    }

    func stringList() throws(PipelineConfigError) -> [String] {
        var values: [String] = []
        for item in try list() { values.append(try item.nonEmptyString()) }
        return values
    }

    private var describeValue: String {
        if case .scalar(let scalar) = node { return isNull ? "nothing" : "\"\(scalar.string)\"" }
        return kind
    }
}
