import CYaml

/// Reads a pipeline file's YAML events once (libyaml, the parser inside Yams) before Yams
/// builds its node tree, to keep out what would hang or mislead that tree, with the real
/// line of each problem:
/// - aliases: an alias cannot be a mapping key (Yams compares keys by value, so nested alias
///   keys cost exponential time in its duplicate check), and all aliases together may
///   expand the document to at most `maximumExpandedNodes` nodes (the "billion laughs");
/// - tags: only YAML's core ones (`!!str`, `!!int`, …) — `!custom` would be silently ignored;
/// - duplicate keys, reported with their own line and key path;
/// - syntax errors, with their line (libyaml reports the bytes offset of a bad character
///   such as NUL; it is turned into a line here).
/// A syntax error or an alias problem ends the scan; tag and duplicate-key problems are all
/// collected.
enum YAMLPreflight {
    /// Far above any real pipeline file (a few hundred nodes), far below a slow one.
    static let maximumExpandedNodes = 100_000

    static let coreTags: Set<String> = [
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    ]

    /// An open sequence or mapping.
    private struct Frame {
        var isMapping: Bool
        var path: String
        var anchor: String?
        /// Nodes below and including this one, aliases expanded.
        var size = 1
        /// Mappings: the next node is a key.
        var expectingKey = true
        var currentKey: String?
        var keys: Set<String> = []
        /// Sequences: index of the next item.
        var index = 0
    }

    /// The problems of `utf8`; empty when Yams may compose it.
    static func check(_ utf8: [UInt8], file: String) -> [PipelineConfigError] {
        var problems: [PipelineConfigError] = []
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return [PipelineConfigError(file: file, line: 0, key: "", message: "libyaml could not start")]
        }
        defer { yaml_parser_delete(&parser) }
        var anchors: [String: Int] = [:]
        var stack: [Frame] = []
        var rootSize = 0
        utf8.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    problems.append(syntaxError(parser, utf8: buffer, file: file))
                    return
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                if event.type == YAML_STREAM_END_EVENT { return }
                // Where this node sits: its key path, and whether it is a mapping key.
                var path = ""
                var isKey = false
                if let top = stack.last {
                    if top.isMapping {
                        isKey = top.expectingKey
                        path = isKey ? top.path : join(top.path, top.currentKey ?? "?")
                    } else {
                        path = "\(top.path)[\(top.index)]"
                    }
                }
                var completedSize: Int?
                switch event.type {
                case YAML_ALIAS_EVENT:
                    let name = string(event.data.alias.anchor) ?? ""
                    if isKey {
                        problems.append(PipelineConfigError(file: file, line: line, key: path, message: "an alias (*\(name)) cannot be a key"))
                        return
                    }
                    guard let size = anchors[name] else {
                        problems.append(PipelineConfigError(file: file, line: line, key: path, message: "undefined alias *\(name)"))
                        return
                    }
                    completedSize = size
                case YAML_SCALAR_EVENT:
                    checkTag(event.data.scalar.tag, line: line, path: path, file: file, into: &problems)
                    let value = string(event.data.scalar.value, length: event.data.scalar.length) ?? ""
                    if isKey {
                        let keyPath = join(path, value)
                        if stack[stack.count - 1].keys.contains(value) {
                            problems.append(PipelineConfigError(file: file, line: line, key: keyPath, message: "duplicate key"))
                        }
                        stack[stack.count - 1].keys.insert(value)
                        stack[stack.count - 1].currentKey = value
                    }
                    if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = 1 }
                    completedSize = 1
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                    let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                    checkTag(tag, line: line, path: path, file: file, into: &problems)
                    if isKey {
                        // A key must be a string: said precisely later; no need to look inside.
                        stack[stack.count - 1].currentKey = "?"
                    }
                    stack.append(Frame(isMapping: isMapping, path: path, anchor: string(anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = stack.removeLast()
                    if let anchor = frame.anchor { anchors[anchor] = frame.size }
                    completedSize = frame.size
                default:
                    continue
                }
                guard let size = completedSize else { continue }
                if stack.isEmpty {
                    rootSize += size
                } else {
                    stack[stack.count - 1].size += size
                    if stack[stack.count - 1].isMapping {
                        stack[stack.count - 1].expectingKey.toggle()
                    } else {
                        stack[stack.count - 1].index += 1
                    }
                }
                let total = rootSize + stack.reduce(0) { $0 + $1.size }
                if total > maximumExpandedNodes {
                    problems.append(PipelineConfigError(
                        file: file, line: line, key: path,
                        message: "aliases expand the document to more than \(maximumExpandedNodes) nodes"))
                    return
                }
            }
        }
        return problems
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    private static func checkTag(
        _ tag: UnsafeMutablePointer<yaml_char_t>?, line: Int, path: String, file: String, into problems: inout [PipelineConfigError]
    ) {
        guard let tag = string(tag), !coreTags.contains(tag) else { return }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        problems.append(PipelineConfigError(
            file: file, line: line, key: path, message: "unknown tag \(shown) (pipeline files take plain values)"))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        pointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
    }

    /// libyaml's syntax error with its line: reader errors (a NUL byte, invalid UTF-8) only
    /// carry a byte offset, which is counted into a line here.
    private static func syntaxError(_ parser: yaml_parser_t, utf8: UnsafeBufferPointer<UInt8>, file: String) -> PipelineConfigError {
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        if parser.error == YAML_READER_ERROR {
            let offset = min(Int(parser.problem_offset), utf8.count)
            let line = utf8[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let value = parser.problem_value
            let detail = value >= 0 ? " (byte 0x\(String(value, radix: 16, uppercase: true)))" : ""
            return PipelineConfigError(file: file, line: line, key: "", message: "not valid YAML: \(problem)\(detail)")
        }
        let context = parser.context.map { String(cString: $0) }
        let text = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return PipelineConfigError(file: file, line: Int(parser.problem_mark.line) + 1, key: "", message: "not valid YAML: \(text)")
    }
}
