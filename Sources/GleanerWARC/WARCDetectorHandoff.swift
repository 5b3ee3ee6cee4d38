import Foundation
import Synchronization

/// A file `WARCDetector.isArchive(path:)` opened, found to be a page and kept open, read up
/// to `head.count`: the page reader continues from there instead of opening, stat-ing and
/// reading the start of every input a second time (that second look was 0.4% of a whole
/// `gleaner extract` run, mostly in the kernel). Whoever takes it closes `descriptor`.
public struct SniffedFile: Sendable {
    public let descriptor: Int32
    /// The first bytes of the file, already read: the descriptor's offset is their count.
    public let head: [UInt8]
    /// The file's size when it was opened.
    public let size: Int
}

extension WARCDetector {
    /// Files sniffed and not yet read, oldest first. Inputs are sniffed in input order on
    /// the thread that lists them and read soon after on a worker, so a few dozen are
    /// waiting at most; past `sniffedLimit` the oldest is closed and read the usual way.
    private static let sniffed = Mutex<[(path: String, file: SniffedFile)]>([])
    static let sniffedLimit = 128

    static func keep(_ file: SniffedFile, path: String) {
        let evicted = sniffed.withLock { files -> SniffedFile? in
            files.append((path, file))
            return files.count > sniffedLimit ? files.removeFirst().file : nil
        }
        if let evicted { close(evicted.descriptor) }
    }

    /// The page at `path` that `isArchive(path:)` left open, if any; the caller reads on
    /// from `head.count` and closes it. Nil when that path was not sniffed (or its turn
    /// passed), and the caller opens the file itself.
    public static func takeSniffed(path: String) -> SniffedFile? {
        sniffed.withLock { files in
            guard let index = files.firstIndex(where: { $0.path == path }) else { return nil }
            return files.remove(at: index).file
        }
    }
}
