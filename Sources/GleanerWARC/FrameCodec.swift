/// A decoder for a compressed format whose data comes in self-contained frames — Zstandard
/// and LZ4 — used for web archives that put each record in its own frame (`.warc.zst`,
/// `.warc.lz4`), the way `.warc.gz` puts each in its own gzip member.
protocol FrameCodec: AnyObject {
    /// The format's name in messages and error codes (`bad_zstd`, `bad_lz4`).
    var name: String { get }
    /// The 4 bytes that open one of its frames.
    var magic: [UInt8] { get }
    /// Decodes from `input` into `output` until one of them is used up or the frame ends.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> FrameStep
    /// Forgets a half-decoded frame (after corruption, or a probe); a dictionary stays.
    func reset()
}

/// What one call of `FrameCodec.step` did.
struct FrameStep {
    /// Input bytes used and output bytes written.
    var consumed: Int
    var produced: Int
    /// The frame ended (fully decoded and flushed) within this step.
    var frameEnded: Bool
    /// The library's error text when the frame is corrupt.
    var error: String?
}

/// Skippable frames (magic 0x184D2A50…0x184D2A5F, then a 4-byte little-endian length) are
/// shared by Zstandard and LZ4: they carry metadata, never data, and a reader steps over them.
enum SkippableFrame {
    /// True when `bytes[index..<end]` opens a skippable frame.
    static func starts(_ bytes: [UInt8], at index: Int, end: Int) -> Bool {
        index + 4 <= end && bytes[index] & 0xF0 == 0x50 && bytes[index + 1] == 0x2A && bytes[index + 2] == 0x4D && bytes[index + 3] == 0x18
    }

    /// The payload length of the skippable frame at `index`, when its 8 header bytes are there.
    static func payloadLength(_ bytes: [UInt8], at index: Int, end: Int) -> Int? {
        guard index + 8 <= end else { return nil }
        return Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16 | Int(bytes[index + 7]) << 24
    }
}
