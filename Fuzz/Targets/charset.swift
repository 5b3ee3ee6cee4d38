// Fuzz target: the charset detector (BOM, <meta> prescan, UTF-8 validity, fallbacks),
// with and without a transport charset taken from the input's first line.
import GleanerHTML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharset(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    _ = CharsetDetector.detect(buffer, declared: nil)
    if let newline = buffer.firstIndex(of: 0x0A) {
        let declared = String(decoding: buffer[..<newline], as: UTF8.self)
        _ = CharsetDetector.detect(UnsafeRawBufferPointer(rebasing: buffer[(newline + 1)...]), declared: declared)
    }
    return 0
}
