import Foundation

/// Expands the paths given on the command line into an ordered list of inputs: files as
/// given, directories walked recursively in sorted order for the page extensions, `-` for
/// standard input. Paths that don't exist stay in the list so they yield an error record.
public struct InputCollector: Sendable {
    /// File name endings treated as pages when walking directories (case-insensitive).
    public static let pageExtensions = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".gz", ".warc", ".arc"]

    public init() {}

    public func collect(_ paths: [String]) -> [InputSource] {
        var inputs: [InputSource] = []
        for path in paths {
            if path == "-" {
                inputs.append(.standardInput)
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                walk(directory: path, into: &inputs)
            } else {
                inputs.append(.file(path: path))
            }
        }
        return inputs
    }

    /// Reads input paths, one per line; blank lines and lines starting with `#` are skipped.
    public static func paths(fromList contents: String) -> [String] {
        contents.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmedWhitespace()
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }

    static func isPage(_ name: String) -> Bool {
        let lower = name.lowercased()
        return pageExtensions.contains { lower.hasSuffix($0) }
    }

    /// Depth-first, entries sorted by name so runs are reproducible.
    private func walk(directory: String, into inputs: inout [InputSource]) {
        let manager = FileManager.default
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            inputs.append(.unreadable(path: directory, message: Self.describe(error)))
            return
        }
        for entry in entries where !entry.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            var isDirectory: ObjCBool = false
            // A broken or looping symlink doesn't "exist", but a page-named entry still gets
            // its (error) record: nothing the user pointed at disappears silently.
            let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue {
                walk(directory: path, into: &inputs)
            } else if Self.isPage(entry) {
                inputs.append(.file(path: path))
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(posix.code)))
        }
        return (error as NSError).localizedDescription
    }
}
