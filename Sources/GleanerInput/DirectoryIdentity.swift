import Foundation

/// A real directory, as the kernel knows it: the same pair for every path (or symbolic
/// link) that reaches it.
struct DirectoryIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the directory at `path` (following links), nil when `path` is not a
    /// directory or cannot be examined.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
