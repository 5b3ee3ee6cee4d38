import Foundation
import GleanerModel

/// A user's rule file (`--rules FILE`, a pipeline's `rules:`): additions to, removals from and
/// replacements of the shipped lists and thresholds, applied once when the extractor is made.
///
/// Why a merge at the JSON level: the shipped defaults are JSON too, so one generic merge
/// covers every list and threshold (present and future) without a line of code per rule, and
/// the merged result goes through the same decoder as the defaults — a typo'd name or a
/// wrongly typed value is an error, never silently ignored. Format: docs/rules.md.
///
/// ```json
/// {"extraction": {"boilerplateTokens": {"add": ["mysite-rail"]}, "minimumParagraphLength": 30},
///  "comments": {"itemNames": {"remove": ["commentbody"]}},
///  "metadata": {"agencyCodes": ["dpa", "apa"]}}
/// ```
public struct RuleOverrides: Sendable, Equatable {
    /// The three sections of a rule file and the shipped file each one edits.
    static let sections: [(name: String, keys: Set<String>)] = [
        ("extraction", Set(ExtractionRules.CodingKeys.allCases.map(\.rawValue))),
        ("metadata", Set(MetadataRules.CodingKeys.allCases.map(\.rawValue))),
        ("comments", Set(CommentRules.CodingKeys.allCases.map(\.rawValue))),
    ]

    /// The user's JSON, validated, kept as bytes so the value stays `Sendable`.
    let json: Data

    /// Reads and checks a rule file; the error message names the file and the offending key.
    public init(contentsOf path: String) throws(RuleFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RuleFileError(message: "\(path): cannot read: \(error.localizedDescription)")
        }
        try self.init(json: data, name: path)
    }

    /// Checks rule-file JSON; `name` prefixes error messages.
    public init(json: Data, name: String = "rules") throws(RuleFileError) {
        self.json = json
        _ = try apply(to: .default, name: name)
    }

    /// The shipped rules with this file's edits applied.
    public func rules() -> ExtractionRules {
        // Validated in init, so a failure here is a programming error.
        do { return try apply(to: .default, name: "rules") } catch { fatalError(error.message) }
    }

    func apply(to base: ExtractionRules, name: String) throws(RuleFileError) -> ExtractionRules {
        guard let top = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw RuleFileError(message: "\(name): not a JSON object")
        }
        let known = Set(Self.sections.map(\.name)).union(["about", "sources"])
        if let unknown = top.keys.sorted().first(where: { !known.contains($0) }) {
            throw RuleFileError(message: "\(name): unknown section \"\(unknown)\" (extraction, metadata, comments)")
        }
        var rules = base
        do {
            if let edits = top["extraction"] {
                let comments = rules.comments
                let metadata = rules.metadata
                rules = try Self.merge(PackageResources.extraction_json, edits, section: "extraction", name: name)
                rules.comments = comments
                rules.metadata = metadata
            }
            if let edits = top["metadata"] {
                rules.metadata = try Self.merge(PackageResources.metadata_json, edits, section: "metadata", name: name)
            }
            if let edits = top["comments"] {
                rules.comments = try Self.merge(PackageResources.comments_json, edits, section: "comments", name: name)
            }
        } catch let error as RuleFileError {
            throw error
        } catch {
            throw RuleFileError(message: "\(name): \(error)")
        }
        return rules
    }

    /// Applies one section's edits to the shipped JSON of that section and decodes the result.
    static func merge<Rules: Decodable>(_ shipped: [UInt8], _ edits: Any, section: String, name: String) throws -> Rules {
        guard let edits = edits as? [String: Any] else {
            throw RuleFileError(message: "\(name): \"\(section)\" must be an object of rule names")
        }
        guard var merged = try JSONSerialization.jsonObject(with: Data(shipped)) as? [String: Any] else {
            throw RuleFileError(message: "shipped \(section).json is not an object")
        }
        let keys = sections.first { $0.name == section }?.keys ?? []
        for (key, edit) in edits.sorted(by: { $0.key < $1.key }) {
            guard keys.contains(key) else {
                throw RuleFileError(message: "\(name): \(section).\(key) is not a rule name (see Sources/GleanerExtract/Rules/\(section).json)")
            }
            merged[key] = try Self.edit(merged[key], with: edit, path: "\(name): \(section).\(key)")
        }
        let data = try JSONSerialization.data(withJSONObject: merged)
        do {
            return try JSONDecoder().decode(Rules.self, from: data)
        } catch {
            throw RuleFileError(message: "\(name): \(section): a value has the wrong type: \(error)")
        }
    }

    /// One rule's edit: a plain value replaces; `{"add": …, "remove": …}` edits a list (or a
    /// table: `add` is then an object); `{"replace": …}` is the same as a plain value.
    static func edit(_ current: Any?, with edit: Any, path: String) throws -> Any {
        guard let operations = edit as? [String: Any],
            !operations.isEmpty, operations.keys.allSatisfy({ ["add", "remove", "replace"].contains($0) })
        else { return edit }
        var value = operations["replace"] ?? current as Any
        if var list = value as? [Any] {
            if let add = operations["add"] {
                guard let items = add as? [Any] else { throw RuleFileError(message: "\(path): \"add\" must be a list") }
                list += items
            }
            if let remove = operations["remove"] {
                guard let items = remove as? [String] else { throw RuleFileError(message: "\(path): \"remove\" must be a list of strings") }
                let removed = Set(items)
                list.removeAll { ($0 as? String).map(removed.contains) ?? false }
            }
            value = list
        } else if var table = value as? [String: Any] {
            if let add = operations["add"] {
                guard let items = add as? [String: Any] else { throw RuleFileError(message: "\(path): \"add\" must be an object") }
                table.merge(items) { _, new in new }
            }
            if let remove = operations["remove"] {
                guard let items = remove as? [String] else { throw RuleFileError(message: "\(path): \"remove\" must be a list of strings") }
                for item in items { table[item] = nil }
            }
            value = table
        } else if operations["add"] != nil || operations["remove"] != nil {
            throw RuleFileError(message: "\(path): \"add\"/\"remove\" apply to lists and tables only")
        }
        return value
    }
}

/// A rule file that cannot be used: the message names the file and the rule.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
