import Foundation
import GleanerModel
import GleanerRender

/// Writes each record as a document of one format (`--format`; docs/formats.md): Markdown,
/// plain text, HTML, XML — or the JSON record itself — either all on one stream, separated
/// by a line holding only a form feed, or one file per record in a directory.
///
/// Every input gives exactly one document, an error record too (the renderers have an error
/// form), in input order, so nothing is silently lost whichever format is picked.
///
/// Streams are written through like `JSONLSink` (one `write(2)` per record); a directory's
/// files are written to a hidden temporary name and renamed, so a killed run never leaves
/// half a document under a real name.
public final class DocumentSink: Sink {
    /// Where the documents go.
    public enum Destination: Sendable {
        /// A file (emptied when opened), or standard output for `-`.
        case stream(path: String)
        /// One file per record in this directory, named by `DocumentFileNamer`.
        case directory(path: String, naming: DocumentFileNamer.Scheme)
    }

    public let format: OutputFormat
    public let destination: Destination
    private let renderer: (any ArticleRenderer)?
    private var descriptor: Int32 = -1
    private var ownsDescriptor = false
    private var namer: DocumentFileNamer
    /// Documents written so far (the separator goes before every one but the first).
    public private(set) var count = 0

    /// Opens the destination now, so a bad path fails before any work. `createDirectories`
    /// makes missing parent folders (pipelines); without it (the command line) only the
    /// output directory itself is created, so a mistyped parent is reported.
    public init(format: OutputFormat, destination: Destination, createDirectories: Bool = false) throws {
        self.format = format
        self.destination = destination
        renderer = format.renderer
        let scheme: DocumentFileNamer.Scheme
        if case .directory(_, let naming) = destination { scheme = naming } else { scheme = .inputOrder }
        namer = DocumentFileNamer(scheme: scheme, fileExtension: format.fileExtension)
        switch destination {
        case .stream(let path) where path == "-":
            descriptor = STDOUT_FILENO
        case .stream(let path):
            if createDirectories { try Self.makeDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path, parents: true) }
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw SinkError("cannot open \(path) for writing: \(Self.reason())") }
            descriptor = fd
            ownsDescriptor = true
        case .directory(let path, _):
            try Self.makeDirectory(path, parents: createDirectories)
        }
    }

    deinit {
        if ownsDescriptor { Foundation.close(descriptor) }
    }

    /// The record as a document of `format`, ending with a newline: the JSON line for
    /// `jsonl` (with its extra objects), the renderer's document otherwise.
    public var usesJSONLine: Bool { renderer == nil }

    public func document(for record: SinkRecord) -> String {
        guard let renderer else { return record.jsonLine + "\n" }
        return renderer.render(record.result)
    }

    public func write(_ record: SinkRecord) throws {
        let document = document(for: record)
        switch destination {
        case .stream:
            let separator = count > 0 && format != .jsonl ? OutputFormat.recordSeparator : ""
            try Self.writeAll(Array((separator + document).utf8), to: descriptor, name: ownsDescriptor ? streamPath : "standard output")
        case .directory(let directory, _):
            let name = namer.name(for: record.result.source)
            try Self.writeFile(Array(document.utf8), directory: directory, name: name)
        }
        count += 1
    }

    /// Everything is written through; nothing is buffered.
    public func flush() throws {}

    public func close() throws {
        if ownsDescriptor {
            Foundation.close(descriptor)
            ownsDescriptor = false
        }
    }

    private var streamPath: String {
        if case .stream(let path) = destination { return path }
        return ""
    }

    static func makeDirectory(_ path: String, parents: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SinkError("cannot write into \(path): it is not a directory") }
            return
        }
        if parents {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw SinkError("cannot create the folder \(path): \(JSONLSink.reason(error))")
            }
        } else if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw SinkError("cannot create the folder \(path): \(reason())")
        }
    }

    /// `DIR/.NAME.partial`, then renamed over `DIR/NAME`: readers never see half a file.
    static func writeFile(_ bytes: [UInt8], directory: String, name: String) throws {
        let target = directory + "/" + name
        let temporary = directory + "/." + name + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SinkError("cannot open \(temporary) for writing: \(reason())") }
        do {
            try writeAll(bytes, to: fd, name: temporary)
        } catch {
            Foundation.close(fd)
            unlink(temporary)
            throw error
        }
        Foundation.close(fd)
        guard rename(temporary, target) == 0 else {
            let why = reason()
            unlink(temporary)
            throw SinkError("cannot write \(target): \(why)")
        }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, name: String) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw SinkError("cannot write \(name): \(reason())")
            }
            written += result
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
