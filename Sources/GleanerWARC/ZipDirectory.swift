import Foundation

/// The web archives inside a WACZ file (Webrecorder's and Browsertrix's format: a ZIP with
/// the WARC files under `archive/`, plus indexes and page lists).
///
/// The WACZ specification stores the WARC files uncompressed in the ZIP, so each one is a
/// plain byte range of the file: the reader reads it in place, and a record's offset in the
/// WACZ is one a reader can seek to. Only the central directory is parsed (ZIP and ZIP64);
/// entries are never inflated — one that is compressed is reported, not read.
struct ZipDirectory {
    struct Entry: Equatable {
        var name: String
        /// Where the entry's stored bytes lie in the file.
        var data: Range<Int>
        /// The ZIP compression method (0: stored).
        var method: Int
    }

    /// The entries that are web archives (`.warc`, `.warc.gz`, `.warc.zst`, `.warc.lz4`,
    /// `.arc`, `.arc.gz`), in file order.
    var archives: [Entry] = []

    static let archiveSuffixes = [".warc", ".warc.gz", ".warc.zst", ".warc.lz4", ".arc", ".arc.gz"]

    /// Reads the central directory of the ZIP file at `path`.
    init(path: String) throws(WARCFailure) {
        try self.init(file: RawFile(path: path))
    }

    /// Reads the central directory of `file`. Every size and offset is checked against the
    /// file's size before use: a hostile directory gives `bad_zip`, never a trap.
    init(file: RawFile) throws(WARCFailure) {
        let size = file.size
        guard size >= 22 else { throw Self.failure("the file is too short to be a ZIP archive") }
        // The end-of-central-directory record: within the last 64 KiB + 22 bytes (a comment).
        let tailStart = Swift.max(0, size - (65535 + 22))
        let tail = try file.bytes(at: tailStart, count: size - tailStart)
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { Self.u32(tail, $0) == 0x0605_4B50 }) else {
            throw Self.failure("no ZIP end-of-central-directory record")
        }
        var count = Int(Self.u16(tail, end + 10))
        var directorySize = Int(Self.u32(tail, end + 12))
        var directoryOffset = Int(Self.u32(tail, end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before points at the ZIP64 end record.
            guard end >= 20, Self.u32(tail, end - 20) == 0x0706_4B50 else { throw Self.failure("ZIP64 sizes without a ZIP64 locator") }
            let recordOffset = try Self.within(Self.u64(tail, end - 20 + 8), size)
            let record = try file.bytes(at: recordOffset, count: 56)
            guard record.count == 56, Self.u32(record, 0) == 0x0606_4B50 else { throw Self.failure("no ZIP64 end-of-central-directory record") }
            count = try Self.within(Self.u64(record, 32), size)
            directorySize = try Self.within(Self.u64(record, 40), size)
            directoryOffset = try Self.within(Self.u64(record, 48), size)
        }
        guard directorySize <= size - directoryOffset else {
            throw Self.failure("the central directory lies outside the file")
        }
        let directory = try file.bytes(at: directoryOffset, count: directorySize)
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, Self.u32(directory, at) == 0x0201_4B50 else { throw Self.failure("a damaged central directory entry") }
            let method = Int(Self.u16(directory, at + 10))
            var compressedSize = Int(Self.u32(directory, at + 20))
            let uncompressedSize = Int(Self.u32(directory, at + 24))
            let nameLength = Int(Self.u16(directory, at + 28))
            let extraLength = Int(Self.u16(directory, at + 30))
            let commentLength = Int(Self.u16(directory, at + 32))
            var localOffset = Int(Self.u32(directory, at + 42))
            guard at + 46 + nameLength + extraLength <= directory.count else { throw Self.failure("a damaged central directory entry") }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = Self.u16(directory, extra)
                let length = Int(Self.u16(directory, extra + 2))
                if id == 1 {
                    var field = extra + 4
                    if uncompressedSize == 0xFFFF_FFFF { field += 8 }
                    if compressedSize == 0xFFFF_FFFF, field + 8 <= extraEnd { compressedSize = try Self.within(Self.u64(directory, field), size); field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extraEnd { localOffset = try Self.within(Self.u64(directory, field), size) }
                }
                extra += 4 + length
            }
            at += 46 + nameLength + extraLength + commentLength
            let lower = name.lowercased()
            guard !lower.hasSuffix("/"), Self.archiveSuffixes.contains(where: { lower.hasSuffix($0) }) else { continue }
            // The data follows the entry's local header, whose name and extra field may differ
            // in length from the central directory's.
            guard localOffset <= size else { throw Self.failure("entry \(name): its local header lies outside the file") }
            let local = try file.bytes(at: localOffset, count: 30)
            guard local.count == 30, Self.u32(local, 0) == 0x0403_4B50 else { throw Self.failure("entry \(name): no local header at \(localOffset)") }
            let start = localOffset + 30 + Int(Self.u16(local, 26)) + Int(Self.u16(local, 28))
            guard compressedSize <= size - start else { throw Self.failure("entry \(name) runs past the end of the file") }
            archives.append(Entry(name: name, data: start..<(start + compressedSize), method: method))
        }
        archives.sort { $0.data.lowerBound < $1.data.lowerBound }
    }

    /// A 64-bit size or offset, when it fits in the file of `size` bytes.
    private static func within(_ value: UInt64, _ size: Int) throws(WARCFailure) -> Int {
        guard value <= UInt64(size) else { throw failure("a ZIP64 size or offset beyond the end of the file") }
        return Int(value)
    }

    private static func failure(_ message: String) -> WARCFailure {
        WARCFailure(code: "bad_zip", message: message, offset: 0)
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}
