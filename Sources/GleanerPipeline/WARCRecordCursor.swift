import Foundation
import GleanerModel
import GleanerWARC

/// Hands out the WARC records the queue names (`FILE#OFFSET`, as `sources.warc` listed them
/// when the run started), reading each archive forward in file order as `gleaner extract`
/// does. Queue order is file order, so a whole run reads every archive once, sequentially;
/// only a resumed run (or a file named twice) jumps: it seeks to the record's offset when that
/// is a place a reader can start (any offset of a plain file, a gzip member's first byte) and
/// otherwise — a whole-file gzip archive, whose offsets are positions in the decoded bytes —
/// reads the file from its start. Used on the run loop's thread only.
final class WARCRecordCursor {
    private let selector: WARCPageSelector
    private var path: String?
    private var stream: WARCPageStream?
    /// An item read past the one asked for: the next key is usually this one.
    private var held: WARCPageStream.Item?
    /// Offset of the last item read from `stream`.
    private var lastOffset = -1

    init(selector: WARCPageSelector = WARCPageSelector()) {
        self.selector = selector
    }

    /// The page or error record stored under `key`; an error record (`record_missing`) when
    /// the archive no longer has a qualifying record there (it changed since it was listed).
    func take(_ key: String) -> WARCPageStream.Item {
        let (file, offset) = Self.split(key)
        let seeking = file != path || offset <= lastOffset && !(held.map { Self.source(of: $0) == key } ?? false)
        if seeking { open(file, at: Self.canStart(file, at: offset) ? offset : 0) }
        return scan(to: key, offset: offset) ?? missing(key, offset)
    }

    /// True when a reader can start at `offset`: the file is not gzip-compressed (offsets are
    /// file offsets), or a gzip member starts there (one member per record).
    static func canStart(_ file: String, at offset: Int) -> Bool {
        guard offset > 0 else { return true }
        let descriptor = Foundation.open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 3)
        var there = [UInt8](repeating: 0, count: 3)
        guard pread(descriptor, &head, 3, 0) == 3 else { return true }
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08]
        guard head == gzip else { return true }
        return pread(descriptor, &there, 3, off_t(offset)) == 3 && there == gzip
    }

    private func open(_ file: String, at offset: Int) {
        path = file
        stream = WARCPageStream(path: file, offset: offset, selector: selector)
        held = nil
        lastOffset = -1
    }

    /// Reads forward to the item whose source is `key`; stops (keeping the item read) once
    /// past `offset`.
    private func scan(to key: String, offset: Int) -> WARCPageStream.Item? {
        while let item = held ?? stream?.next() {
            held = nil
            let source = Self.source(of: item)
            lastOffset = Self.split(source).offset
            if source == key { return item }
            if lastOffset > offset {
                held = item
                return nil
            }
        }
        return nil
    }

    private func missing(_ key: String, _ offset: Int) -> WARCPageStream.Item {
        .failure(GleanerError(
            stage: .read, code: "record_missing",
            message: "no qualifying WARC record at offset \(offset) any more (the file changed since the run listed it)", source: key))
    }

    static func source(of item: WARCPageStream.Item) -> String {
        switch item {
        case .page(let page): page.origin.source
        case .failure(let error): error.source
        }
    }

    /// `FILE#OFFSET` → (FILE, OFFSET); a bare path (a file that could not be opened) is offset 0.
    static func split(_ key: String) -> (file: String, offset: Int) {
        guard let hash = key.lastIndex(of: "#"), let offset = Int(key[key.index(after: hash)...]), offset >= 0 else {
            return (key, 0)
        }
        return (String(key[..<hash]), offset)
    }
}
