import Foundation
import Gleaner

/// Where records go and in which format (`--format`, `--output`, `--output-dir`): one
/// stream with a separator between documents, or one file per input in a directory.
///
/// Records arrive already rendered (rendering is pure and runs on the worker threads, see
/// `RecordRendering`); this class only writes, on the caller's thread, in input order.
public final class RecordOutput {
    public let format: OutputFormat
    private let writer: LineWriter?
    private let directory: String?
    private var written = 0
    private var usedNames: Set<String> = []

    /// Records to a stream (standard output or `--output FILE`).
    public init(format: OutputFormat, writer: LineWriter) {
        self.format = format
        self.writer = writer
        self.directory = nil
    }

    /// One file per record in `directory` (created if missing).
    public init(format: OutputFormat, directory: String) throws {
        self.format = format
        self.writer = nil
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(directory): \(error.localizedDescription)")
        }
    }

    /// Writes one rendered record (`RecordRendering.render`, no trailing newline) of `source`.
    public func write(_ record: String, source: String) throws {
        defer { written += 1 }
        if let writer {
            if format != .jsonl, written > 0 { try writer.write(line: "\u{0C}") }
            try writer.write(line: record)
            return
        }
        guard let directory else { return }
        let name = uniqueName(for: source)
        let path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: Data((record + "\n").utf8)) else {
            throw CLIError("cannot write \(path)")
        }
    }

    public func flush() throws {
        try writer?.flush()
    }

    /// A file name from the source: the file's base name without extension, or a URL's host
    /// and path; characters other than letters, digits, `-`, `_` and `.` become `_`; a
    /// repeated name gets `-2`, `-3`, … in input order.
    func uniqueName(for source: String) -> String {
        let base = Self.baseName(for: source)
        var name = base
        var counter = 1
        while usedNames.contains(name) {
            counter += 1
            name = "\(base)-\(counter)"
        }
        usedNames.insert(name)
        return name + "." + format.fileExtension
    }

    static func baseName(for source: String) -> String {
        var stem: String
        if let range = source.range(of: "://") {
            stem = String(source[range.upperBound...])
            while stem.hasSuffix("/") { stem.removeLast() }
        } else if source == "-" {
            stem = "stdin"
        } else {
            let (file, fragment) = source.firstIndex(of: "#").map { (String(source[..<$0]), String(source[source.index(after: $0)...])) } ?? (source, "")
            stem = (file as NSString).lastPathComponent
            for suffix in [".gz", ".html", ".htm", ".xhtml", ".warc", ".arc"] where stem.lowercased().hasSuffix(suffix) {
                stem = String(stem.dropLast(suffix.count))
            }
            if !fragment.isEmpty { stem += "-" + fragment }
        }
        var safe = ""
        for scalar in stem.unicodeScalars {
            let ok = (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                || (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == "-" || scalar == "_" || scalar == "."
            safe.unicodeScalars.append(ok ? scalar : "_")
        }
        while safe.hasPrefix(".") { safe.removeFirst() }
        if safe.isEmpty { safe = "record" }
        return String(safe.prefix(150))
    }
}

/// A record in the chosen format, without the trailing newline: the JSON line for `jsonl`,
/// the rendered document otherwise.
public enum RecordRendering {
    public static func render(_ article: Article, as format: OutputFormat) -> String {
        guard let renderer = format.renderer else { return ArticleJSON.line(for: article) }
        return trimmed(renderer.render(article))
    }

    public static func render(_ error: GleanerError, as format: OutputFormat) -> String {
        guard let renderer = format.renderer else { return ArticleJSON.line(for: error) }
        return trimmed(renderer.render(error))
    }

    public static func render(_ result: ExtractionResult, as format: OutputFormat) -> String {
        switch result {
        case .article(let article): render(article, as: format)
        case .failure(let error): render(error, as: format)
        }
    }

    private static func trimmed(_ document: String) -> String {
        document.hasSuffix("\n") ? String(document.dropLast()) : document
    }
}
