import GleanerHTML
import GleanerModel

/// Rejects inputs that are clearly not HTML before any parsing, with a clear error code.
enum InputScreen {
    /// Inputs above this size are refused (libxml2 would parse them, but no news page is
    /// this large and the memory cost grows with it).
    static let maximumBytes = 64 * 1024 * 1024

    static func check(_ buffer: UnsafeRawBufferPointer, source: String) throws(GleanerError) {
        if buffer.isEmpty {
            throw GleanerError(stage: .read, code: "empty_input", message: "the input is empty (0 bytes)", source: source)
        }
        if buffer.count > maximumBytes {
            throw GleanerError(
                stage: .read, code: "too_large",
                message: "the input is \(buffer.count) bytes; the limit is \(maximumBytes)", source: source)
        }
        if buffer.starts(with: Array("%PDF-".utf8)) {
            throw GleanerError(stage: .decode, code: "not_html", message: "the input is a PDF document", source: source)
        }
        if looksBinary(buffer) {
            throw GleanerError(
                stage: .decode, code: "not_html", message: "the input looks like binary data, not HTML text",
                source: source)
        }
        if buffer.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw GleanerError(stage: .read, code: "empty_input", message: "the input holds only whitespace", source: source)
        }
    }

    /// Binary data has many control bytes that text never has. UTF-16 text has NULs at
    /// alternate positions, so NULs alone don't decide.
    static func looksBinary(_ buffer: UnsafeRawBufferPointer) -> Bool {
        let sample = UnsafeRawBufferPointer(rebasing: buffer.prefix(4096))
        if CharsetDetector.detect(sample, declared: nil).charset.hasPrefix("UTF-16") { return false }
        var control = 0
        for byte in sample where byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B) {
            control += 1
        }
        return control * 20 > sample.count  // more than 5% control bytes
    }
}
