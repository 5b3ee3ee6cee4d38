// Fuzz target: the WARC reader and page selector (gzip members, header blocks, lengths,
// resynchronisation, HTTP heads, chunked / gzip / deflate / br payload decoding).
import GleanerWARC

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let selector = WARCPageSelector(includeNonHTML: true, maximumPayloadBytes: 1 << 20)
    for item in WARCReader(bytes: bytes, name: "fuzz.warc", maximumRecordBytes: 1 << 20) {
        switch item {
        case .record(let record):
            _ = selector.select(record, file: "fuzz.warc")
        case .failure:
            break
        }
    }
    return 0
}
