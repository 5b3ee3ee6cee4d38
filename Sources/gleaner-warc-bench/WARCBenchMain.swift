import Foundation
import GleanerWARC

/// `gleaner-warc-bench FILE…`: reads WARC files without extracting — every record iterated,
/// qualifying pages selected and their decoded payload bytes touched — to compare the reader
/// alone with FastWARC on the same files (scripts/bench-warc.sh).
@main
struct WARCBenchMain {
    static func main() {
        let files = Array(CommandLine.arguments.dropFirst())
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("usage: gleaner-warc-bench FILE…\n".utf8))
            exit(2)
        }
        let selector = WARCPageSelector()
        var records = 0, pages = 0, failures = 0, payloadBytes = 0
        var checksum: UInt64 = 0
        let start = Date()
        for file in files {
            for item in WARCReader(path: file) {
                switch item {
                case .failure: failures += 1
                case .record(let record):
                    records += 1
                    if case .page(let page) = selector.select(record, file: file) {
                        pages += 1
                        payloadBytes += page.body.count
                        for byte in page.body { checksum &+= UInt64(byte) }
                    }
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "gleaner reader: %d records, %d pages, %d errors, %.1f MB payload in %.2f s = %.0f records/s (checksum %llu)",
                     records, pages, failures, Double(payloadBytes) / 1e6, seconds, Double(records) / seconds, checksum))
    }
}
