import Foundation
import Gleaner
import GleanerInput
import GleanerRunner
import Testing

/// Golden records for the sample pages in `Samples/`.
///
/// Every `Samples/NAME.html` is run through exactly what `gleaner extract Samples/NAME.html`
/// does (`RecordMaker.record(for:)`), and the whole record is compared with
/// `Samples/NAME.expected.json` — every field, every block and comment — except `source`,
/// which depends on where the file is read from (goldens store `Samples/NAME.html`).
///
/// Body and comment extraction improve independently of these files, so goldens need
/// re-recording after such changes. Re-recording is one command, run from the package
/// root:
///
///     GLEANER_RECORD_GOLDENS=1 swift test --filter SampleGoldenTests
///
/// It rewrites every `Samples/*.expected.json` from the current extractor. Then READ the
/// diff (`git diff Samples/`) and check each changed record against its page before
/// committing: a golden is a statement that the output is right, not a snapshot of
/// whatever the code does today. `Samples/README.md` lists what each record must contain.
@Suite struct SampleGoldenTests {
    static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    static let isRecording = ProcessInfo.processInfo.environment["GLEANER_RECORD_GOLDENS"] == "1"

    /// Base names of the sample pages, sorted.
    static var sampleNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test func thereAreSamplesForEveryLayoutFamily() {
        #expect(Self.sampleNames.count >= 8)
    }

    @Test(arguments: sampleNames)
    func recordMatchesGolden(name: String) throws {
        let htmlPath = Self.samplesDirectory.appendingPathComponent(name + ".html").path
        let goldenURL = Self.samplesDirectory.appendingPathComponent(name + ".expected.json")
        var source = FileSource(paths: [htmlPath])
        let next = source.next()
        let item = try #require(next)
        let record = RecordMaker().record(for: item)
        let line = record.jsonLine
        #expect(!record.result.isFailure, "extraction failed: \(line)")

        var actual = try #require(try JSONValue.parse(line))
        actual.replaceValue(forKey: "source", with: .scalar(JSONValue.quoted("Samples/\(name).html")))

        if Self.isRecording {
            try (actual.pretty() + "\n").write(to: goldenURL, atomically: true, encoding: .utf8)
            return
        }
        guard let goldenText = try? String(contentsOf: goldenURL, encoding: .utf8) else {
            Issue.record("missing golden \(goldenURL.lastPathComponent); record with GLEANER_RECORD_GOLDENS=1 swift test --filter SampleGoldenTests")
            return
        }
        let golden = try #require(try JSONValue.parse(goldenText))
        let differences = golden.differences(from: actual, ignoring: ["source"])
        let report = "\(name): \(differences.count) differences from the golden:\n" + differences.prefix(20).joined(separator: "\n")
        #expect(differences.isEmpty, Testing.Comment(rawValue: report))
    }
}

/// A JSON value that keeps object key order and the raw text of scalars, so a golden can be
/// pretty-printed in the record's documented key order and compared exactly.
indirect enum JSONValue: Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    /// Raw JSON text of a string, number, boolean or null.
    case scalar(String)

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)):
            return a == b
        case (.scalar(let a), .scalar(let b)):
            return canonicalScalar(a) == canonicalScalar(b)
        default:
            return false
        }
    }

    /// Scalars compared by value: `"\u00e9"` and `"é"` are the same string.
    static func canonicalScalar(_ raw: String) -> String {
        guard raw.hasPrefix("\""),
            let value = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) as? String
        else { return raw }
        return "s:" + value
    }

    static func quoted(_ string: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [string], options: [.withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }

    mutating func replaceValue(forKey key: String, with value: JSONValue) {
        guard case .object(var members) = self else { return }
        for i in members.indices where members[i].0 == key { members[i].1 = value }
        self = .object(members)
    }

    // MARK: Comparison

    /// Human-readable paths where `actual` differs from `self` (the golden).
    func differences(from actual: JSONValue, ignoring ignored: Set<String> = [], path: String = "") -> [String] {
        switch (self, actual) {
        case (.object(let expected), .object(let got)):
            var result: [String] = []
            let expectedKeys = expected.map(\.0).filter { !ignored.contains($0) }
            let gotKeys = got.map(\.0).filter { !ignored.contains($0) }
            if expectedKeys != gotKeys {
                result.append("\(path): keys \(expectedKeys) expected, got \(gotKeys)")
            }
            for (key, value) in expected where !ignored.contains(key) {
                guard let other = got.first(where: { $0.0 == key })?.1 else { continue }
                result += value.differences(from: other, path: path + "." + key)
            }
            return result
        case (.array(let expected), .array(let got)):
            var result: [String] = []
            if expected.count != got.count { result.append("\(path): \(expected.count) items expected, got \(got.count)") }
            for (i, (a, b)) in zip(expected, got).enumerated() {
                result += a.differences(from: b, path: "\(path)[\(i)]")
            }
            return result
        case (.scalar(let expected), .scalar(let got)):
            guard self != actual else { return [] }
            return ["\(path): " + Self.describeDifference(expected, got)]
        default:
            return self == actual ? [] : ["\(path): expected \(self.pretty()), got \(actual.pretty())"]
        }
    }

    /// Short values in full; long strings around the first differing character.
    static func describeDifference(_ expected: String, _ got: String) -> String {
        guard expected.count > 120 || got.count > 120 else { return "expected \(expected), got \(got)" }
        let a = Array(expected), b = Array(got)
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        let start = max(0, i - 40)
        return "differs at character \(i): expected …\(String(a[start..<min(a.count, i + 60)]))…, got …\(String(b[start..<min(b.count, i + 60)]))…"
    }

    // MARK: Printing

    /// Indented JSON; containers without nested containers stay on one line (one block or
    /// comment per line), so golden diffs are readable.
    func pretty(indent: String = "") -> String {
        switch self {
        case .scalar(let raw):
            return raw
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.pretty() }.joined(separator: ", ") + "]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            if members.allSatisfy({ $0.1.isScalar }) {
                return "{" + members.map { Self.quoted($0.0) + ": " + $0.1.pretty() }.joined(separator: ", ") + "}"
            }
            let inner = indent + "  "
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.pretty(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }

    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }

    // MARK: Parsing

    struct ParseError: Error {}

    static func parse(_ text: String) throws -> JSONValue? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        let value = try parseValue(scalars, &i)
        skipSpace(scalars, &i)
        return i == scalars.count ? value : nil
    }

    private static func skipSpace(_ s: [Unicode.Scalar], _ i: inout Int) {
        while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" { i += 1 }
    }

    private static func parseValue(_ s: [Unicode.Scalar], _ i: inout Int) throws -> JSONValue {
        skipSpace(s, &i)
        guard i < s.count else { throw ParseError() }
        switch s[i] {
        case "{":
            i += 1
            var members: [(String, JSONValue)] = []
            skipSpace(s, &i)
            if i < s.count, s[i] == "}" { i += 1; return .object([]) }
            while true {
                skipSpace(s, &i)
                let keyRaw = try parseString(s, &i)
                let key = try JSONSerialization.jsonObject(with: Data(keyRaw.utf8), options: [.fragmentsAllowed]) as? String ?? keyRaw
                skipSpace(s, &i)
                guard i < s.count, s[i] == ":" else { throw ParseError() }
                i += 1
                members.append((key, try parseValue(s, &i)))
                skipSpace(s, &i)
                guard i < s.count else { throw ParseError() }
                if s[i] == "," { i += 1; continue }
                if s[i] == "}" { i += 1; return .object(members) }
                throw ParseError()
            }
        case "[":
            i += 1
            var items: [JSONValue] = []
            skipSpace(s, &i)
            if i < s.count, s[i] == "]" { i += 1; return .array([]) }
            while true {
                items.append(try parseValue(s, &i))
                skipSpace(s, &i)
                guard i < s.count else { throw ParseError() }
                if s[i] == "," { i += 1; continue }
                if s[i] == "]" { i += 1; return .array(items) }
                throw ParseError()
            }
        case "\"":
            return .scalar(try parseString(s, &i))
        default:
            var raw = String.UnicodeScalarView()
            while i < s.count, !",]} \n\t\r".unicodeScalars.contains(s[i]) {
                raw.append(s[i])
                i += 1
            }
            guard !raw.isEmpty else { throw ParseError() }
            return .scalar(String(raw))
        }
    }

    /// The raw text of a string literal, quotes included.
    private static func parseString(_ s: [Unicode.Scalar], _ i: inout Int) throws -> String {
        guard i < s.count, s[i] == "\"" else { throw ParseError() }
        var raw = String.UnicodeScalarView()
        raw.append(s[i])
        i += 1
        var escaped = false
        while i < s.count {
            let c = s[i]
            raw.append(c)
            i += 1
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                return String(raw)
            }
        }
        throw ParseError()
    }
}
