// Fuzz target: the WARC reader and page selector (gzip members, header blocks, lengths,
// resynchronisation, HTTP heads, chunked / gzip / deflate / br / zstd payload decoding,
// zstd and LZ4 frames, ARC records); input that starts like a ZIP file ("PK") is read as a
// WACZ file (the ZIP central directory, ZIP64 fields, stored entries).
import GleanerWARC

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let selector = WARCPageSelector(includeNonHTML: true, maximumPayloadBytes: 1 << 20)
    let name = bytes.starts(with: [0x50, 0x4B]) ? "fuzz.wacz" : "fuzz.warc"
    for item in WARCReader(bytes: bytes, name: name, maximumRecordBytes: 1 << 20) {
        switch item {
        case .record(let record):
            _ = selector.select(record, file: name)
        case .failure:
            break
        }
    }
    return 0
}
