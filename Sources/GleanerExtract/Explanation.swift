import Foundation

/// Why a record looks the way it does (`gleaner extract --explain`): which candidate won each
/// metadata field and from where, and for each text block of the page whether the body kept
/// it or dropped it, and by which rule.
///
/// It is how a user writes a site override or a rule file (the DOM paths and rule names are
/// the ones `sites:` selectors and docs/rules.md use) and how the next generic fix is found.
/// Built only on request: plain extraction never pays for it.
public struct Explanation: Sendable, Equatable {
    /// One metadata field's value and the source it came from ("json-ld headline",
    /// "meta og:title", "h1 html>body>div.story>h1", "<title> without the site name").
    public struct FieldChoice: Sendable, Equatable {
        public var field: String
        public var value: String?
        public var source: String
    }

    /// One block-level element of the page with text of its own.
    public struct BlockDecision: Sendable, Equatable {
        /// A CSS-like path: tag names with `#id` and the first class.
        public var path: String
        /// The start of the element's own text.
        public var text: String
        public var kept: Bool
        /// Why: "article container", "furniture: class token 'share' (extraction.boilerplateTokens)", …
        public var rule: String
    }

    public var fields: [FieldChoice] = []
    public var blocks: [BlockDecision] = []

    public init() {}

    /// A JSON object (one line): `{"fields":[{"field","value","source"}…],"blocks":[{"path","text","kept","rule"}…]}`.
    public func jsonObject() -> String {
        let object: [String: Any] = [
            "fields": fields.map { ["field": $0.field, "value": $0.value as Any? ?? NSNull(), "source": $0.source] as [String: Any] },
            "blocks": blocks.map { ["path": $0.path, "text": $0.text, "kept": $0.kept, "rule": $0.rule] as [String: Any] },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A readable tree for `--explain=text`.
    public func text(source: String) -> String {
        var lines = ["\(source)", "  fields"]
        for field in fields {
            lines.append("    \(field.field): \(field.value.map { "\"\(Self.short($0, 70))\"" } ?? "–")  ← \(field.source)")
        }
        lines.append("  blocks")
        for block in blocks {
            lines.append("    \(block.kept ? "kept   " : "dropped") \(block.path)  \"\(Self.short(block.text, 50))\"  ← \(block.rule)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
