import Foundation
import Gleaner
import GleanerInput
import GleanerHTML

/// `gleaner-bench DIR…`: times libxml2 parse-only against full extraction on the same
/// pages, single-threaded, after a warm-up, in one process — so the ratio is measured under
/// the same machine load. Inputs are read (and un-gzipped) into memory first; only parsing
/// and extraction are timed.
@main
struct BenchmarkMain {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var rounds = 7
        if let index = arguments.firstIndex(of: "--rounds"), index + 1 < arguments.count {
            rounds = Int(arguments[index + 1]) ?? rounds
            arguments.removeSubrange(index...index + 1)
        }
        // `--profile-extraction`: run only full extraction, untimed, for a profiler to sample.
        let profileOnly = arguments.contains("--profile-extraction")
        arguments.removeAll { $0 == "--profile-extraction" }
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: gleaner-bench [--rounds N] [--profile-extraction] PATH…\n".utf8))
            exit(2)
        }
        let reader = InputReader()
        let pages: [[UInt8]] = InputCollector().collect(arguments).compactMap { try? reader.read($0) }
        let totalBytes = pages.reduce(0) { $0 + $1.count }
        let megabytes = Double(totalBytes) / 1_000_000
        print("pages: \(pages.count), \(String(format: "%.1f", megabytes)) MB, one thread, rounds: \(rounds) (best round of each, thread CPU time)")

        let extractor = ArticleExtractor()
        var sink = 0
        if profileOnly {
            for _ in 0..<rounds {
                for page in pages { sink &+= (try? extractor.extract(html: page, source: "bench"))?.blocks.count ?? 0 }
            }
            print("extracted \(pages.count) pages \(rounds) times (\(sink))")
            return
        }
        // Warm-up: one pass of each, untimed.
        for page in pages {
            sink &+= parseOnly(page) ? 1 : 0
            sink &+= (try? extractor.extract(html: page, source: "bench"))?.blocks.count ?? 0
        }
        var tokenizeBest = Double.infinity
        var parseBest = Double.infinity
        var extractBest = Double.infinity
        for _ in 0..<rounds {
            parseBest = min(parseBest, time { for page in pages { sink &+= parseOnly(page) ? 1 : 0 } })
            tokenizeBest = min(tokenizeBest, time { for page in pages { sink &+= tokenizeOnly(page) ? 1 : 0 } })
            extractBest = min(extractBest, time {
                for page in pages { sink &+= (try? extractor.extract(html: page, source: "bench"))?.blocks.count ?? 0 }
            })
        }
        let parseRate = Double(pages.count) / parseBest
        let extractRate = Double(pages.count) / extractBest
        let tokenizeRate = Double(pages.count) / tokenizeBest
        print(String(format: "parse-only (libxml2 DOM, htmlReadMemory):  %8.1f pages/s  %7.1f MB/s", parseRate, megabytes / parseBest))
        print(String(format: "tokenize-only (libxml2 SAX, no handlers):  %8.1f pages/s  %7.1f MB/s", tokenizeRate, megabytes / tokenizeBest))
        print(String(format: "full extraction (gleaner):                 %8.1f pages/s  %7.1f MB/s", extractRate, megabytes / extractBest))
        print(String(format: "ratio full extraction / parse-only:        %.3f", extractRate / parseRate))
        print(String(format: "ratio full extraction / tokenize-only:     %.3f", extractRate / tokenizeRate))
        if sink == 42 { print("") }  // keeps the work observable to the optimizer
    }

    /// Charset detection plus libxml2's parse and free: the floor any libxml2-based
    /// extractor pays.
    static func parseOnly(_ page: [UInt8]) -> Bool {
        page.withUnsafeBytes { buffer in
            let decision = CharsetDetector.detect(buffer, declared: nil)
            // An HTMLDocument is a libxml2 DOM: htmlReadMemory now, xmlFreeDoc when released.
            let document = try? HTMLDocument(bytes: UnsafeRawBufferPointer(rebasing: buffer[decision.skipBytes...]), charset: decision.charset)
            return document != nil
        }
    }

    static func tokenizeOnly(_ page: [UInt8]) -> Bool {
        page.withUnsafeBytes { buffer in
            let decision = CharsetDetector.detect(buffer, declared: nil)
            return HTMLParser.tokenizeOnly(UnsafeRawBufferPointer(rebasing: buffer[decision.skipBytes...]), charset: decision.charset)
        }
    }

    /// CPU time of this thread spent in `body`, in seconds. Thread CPU time, not wall
    /// time: on a shared machine, time the thread spends descheduled is not the code's cost.
    static func time(_ body: () -> Void) -> Double {
        let start = threadCPUTime()
        body()
        return threadCPUTime() - start
    }

    static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
