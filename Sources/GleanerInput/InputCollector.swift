import Foundation

/// Expands the paths given on the command line into an ordered list of inputs: files as
/// given, directories walked recursively in sorted order for the page extensions, `-` for
/// standard input. Paths that don't exist stay in the list so they yield an error record.
///
/// The walk follows a symbolic link to a directory only the first time it reaches that real
/// directory (device + inode): a link back to a parent would otherwise loop forever and a
/// second link to the same folder would list every file twice. Entries are never opened
/// here, so a FIFO or socket named like a page cannot block the walk; `InputReader` turns
/// it into a `not_a_regular_file` record.
public struct InputCollector: Sendable {
    /// File name endings treated as pages when walking directories (case-insensitive).
    public static let pageExtensions = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".gz", ".warc", ".arc", ".warc.zst", ".warc.lz4", ".wacz"]

    public init() {}

    public func collect(_ paths: [String]) -> [InputSource] {
        var inputs: [InputSource] = []
        var visited = Set<DirectoryIdentity>()
        for path in paths {
            if path == "-" {
                inputs.append(.standardInput)
                continue
            }
            if let identity = DirectoryIdentity(path: path) {
                // A directory named twice (or inside another one named) is walked once.
                if visited.insert(identity).inserted { walk(directory: path, visited: &visited, into: &inputs) }
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
    private func walk(directory: String, visited: inout Set<DirectoryIdentity>, into inputs: inout [InputSource]) {
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
            // A broken or looping symlink has no identity, but a page-named entry still gets
            // its (error) record: nothing the user pointed at disappears silently.
            if let identity = DirectoryIdentity(path: path) {
                if visited.insert(identity).inserted { walk(directory: path, visited: &visited, into: &inputs) }
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
