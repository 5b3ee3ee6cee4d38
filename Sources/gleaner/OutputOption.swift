import ArgumentParser
import Foundation
import Gleaner

/// `--output FILE`, `--output-dir DIR` and `--format` of `extract` and `scrape`: JSON lines
/// (the default) go through `JSONLSink` exactly as before, and an `--output` ending in
/// `.sqlite`, `.sqlite3` or `.db` is an SQLite database; the document formats go through
/// `DocumentSink`, to standard output, the `--output` file or one file per input. An
/// output that cannot be opened is exit status 1 with the OS reason.
enum OutputOption {
    static let sqliteExtensions: Set<String> = ["sqlite", "sqlite3", "db"]

    static func isSQLite(_ path: String) -> Bool {
        path != "-" && sqliteExtensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    static func sink(for path: String?, options: FormatOptions = FormatOptions()) throws -> any Sink {
        do {
            if let directory = options.outputDirectory {
                return try DocumentSink(format: options.format, destination: .directory(path: directory, naming: .inputOrder))
            }
            if options.format != .jsonl {
                return try DocumentSink(format: options.format, destination: .stream(path: path ?? "-"))
            }
            guard let path, path != "-" else { return try JSONLSink(path: "-") }
            if isSQLite(path) {
                return try SQLiteFileSink(path: path)
            }
            return try JSONLSink(path: path, mode: .overwrite, createDirectories: false)
        } catch {
            Diagnostics.print("\(error)")
            throw ExitCode(1)
        }
    }
}

/// Messages on standard error, and the exit statuses every command shares.
enum Diagnostics {
    /// Documented in README and every command's help: 0 ok, 1 error records (or an output
    /// that cannot be opened), 2 usage, 3 output could not be written, 128+N stopped by
    /// signal N.
    static let exitStatusHelp = """
        Exit status: 0 when every input gave an article record, 1 when some gave error \
        records (or the output cannot be opened), 2 for usage errors, 3 when the output \
        could not be written (disk full), 130/143 when stopped by SIGINT/SIGTERM.
        """

    static func print(_ message: String) {
        FileHandle.standardError.write(Data(("gleaner: " + message + "\n").utf8))
    }

    /// "1 input", "2 inputs".
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
