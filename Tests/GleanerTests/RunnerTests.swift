import Foundation
import GleanerInput
import GleanerModel
@testable import GleanerRunner
import GleanerSinks
import Testing

/// The shared runner and its pieces, in process: order, streaming, stop, sinks, progress.
@Suite struct RunnerTests {
    /// Collects records in memory (the test double for a sink).
    final class MemorySink: Sink, @unchecked Sendable {
        var lines: [String] = []
        var flushes = 0
        var failAfter: Int?
        func write(_ record: SinkRecord) throws {
            if let failAfter, lines.count >= failAfter { throw SinkError("cannot write memory: No space left on device") }
            lines.append(record.jsonLine)
        }
        func flush() throws { flushes += 1 }
    }

    /// Items from memory: `.bytes` content, with an extra object on each.
    struct ArraySource: Source {
        var pages: [(String, String)]
        var index = 0
        var expectedCount: Int? { pages.count }
        mutating func next() -> SourceItem? {
            guard index < pages.count else { return nil }
            defer { index += 1 }
            let (name, html) = pages[index]
            return SourceItem(
                name: name, content: .bytes(Array(html.utf8)),
                extras: [RecordExtra(key: "test", value: .object([("n", .int(index)), ("ok", .bool(true))]))])
        }
    }

    @Test func emitsInInputOrderWhateverTheFinishingOrder() throws {
        let runner = OrderedRunner<Int>(jobs: 4, window: 16)
        var next = 0
        var seen: [Int] = []
        let ending = try runner.run(
            next: {
                guard next < 200 else { return nil }
                let value = next
                next += 1
                return .local {
                    usleep(UInt32((value * 7919) % 5) * 200)
                    return value
                }
            },
            emit: { index, value in
                #expect(index == value)
                seen.append(value)
            })
        #expect(ending == .finished)
        #expect(seen == Array(0..<200))
    }

    /// Workers that catch up with the reading do not stall it: when everything pulled is
    /// emitted, the next item is pulled at once. (The runner used to wait its 0.25 s
    /// timeout for an item not yet pulled: 40 instant items in a window of 2 took 5 s.)
    @Test func caughtUpWorkersDoNotStallTheReading() throws {
        let runner = OrderedRunner<Int>(jobs: 1, window: 2)
        var next = 0
        var seen = 0
        let started = Date()
        let ending = try runner.run(
            next: {
                guard next < 40 else { return nil }
                defer { next += 1 }
                let value = next
                return .local { value }
            },
            emit: { _, _ in seen += 1 })
        #expect(ending == .finished)
        #expect(seen == 40)
        #expect(Date().timeIntervalSince(started) < 1.5)
    }

    @Test func aStopEmitsWhatFinishedInOrderAndAbandonsTheRest() throws {
        let runner = OrderedRunner<Int>(jobs: 2, window: 8, stopGrace: 0.1)
        var next = 0
        var seen: [Int] = []
        let started = Date()
        let ending = try runner.run(
            next: {
                let value = next
                next += 1
                // Item 3 never finishes in time; the others are quick.
                return .local {
                    if value == 3 { sleep(3) }
                    return value
                }
            },
            emit: { _, value in seen.append(value) },
            shouldStop: { Date().timeIntervalSince(started) > 0.3 })
        #expect(Date().timeIntervalSince(started) < 2)
        guard case .stopped(let abandoned) = ending else { Issue.record("not stopped: \(ending)"); return }
        #expect(abandoned >= 1)
        #expect(Array(seen.prefix(4)) == [0, 1, 2, 4])
        #expect(!seen.contains(3))
        #expect(seen == seen.sorted())
    }

    @Test func batchRunWritesOneRecordPerItemWithExtras() throws {
        let html = "<html><head><title>T</title></head><body><article><h1>Title</h1><p>Some words here.</p></article></body></html>"
        let sink = MemorySink()
        let source = ArraySource(pages: [("a", html), ("b", ""), ("c", html)])
        let summary = try BatchRun(jobs: 2, progress: .off).run(source: source, sinks: [sink])
        #expect(sink.lines.count == 3)
        #expect(summary.articles == 2 && summary.errorCount == 1)
        #expect(sink.lines[0].contains("\"source\":\"a\""))
        #expect(sink.lines[0].hasSuffix(",\"test\":{\"n\":0,\"ok\":true}}"))
        #expect(sink.lines[1].contains("\"source\":\"b\""))
        #expect(sink.flushes >= 1)
    }

    @Test func aFailedWriteStopsTheRunAndIsReported() throws {
        let sink = MemorySink()
        sink.failAfter = 2
        let pages = (0..<50).map { ("p\($0)", "<html><body><p>page \($0)</p></body></html>") }
        let summary = try BatchRun(jobs: 2, progress: .off).run(source: ArraySource(pages: pages), sinks: [sink])
        #expect(sink.lines.count == 2)
        #expect(summary.writeFailure?.description.contains("No space left") == true)
    }

    @Test func fileSourceYieldsOneItemPerInputAndAsksOpeners() throws {
        struct TwoPages: ContainerOpener {
            func open(_ input: InputSource) -> (any Source)? {
                guard input.name.hasSuffix(".pack") else { return nil }
                return ArraySource(pages: [(input.name + "#0", "<p>x</p>"), (input.name + "#1", "<p>y</p>")])
            }
        }
        var source = FileSource(inputs: [.file(path: "/nonexistent/a.html"), .file(path: "b.pack")], openers: [TwoPages()])
        var names: [String] = []
        while let item = source.next() { names.append(item.name) }
        #expect(names == ["/nonexistent/a.html", "b.pack#0", "b.pack#1"])
    }

    @Test func progressLineFitsTheWidth() {
        for width in [10, 20, 50, 80, 200] {
            let status = ProgressReporter.status(done: 1234, total: 99999, errors: 12, elapsed: 3)
            let line = ProgressReporter.barLine(done: 1234, total: 99999, status: status, width: width)
            #expect(line.count < width, "\(width): \(line)")
        }
        let status = ProgressReporter.status(done: 5, total: 10, errors: 1, elapsed: 1)
        #expect(status == "5/10 5.0/s 1 error ETA 0:01")
        #expect(ProgressReporter.barLine(done: 5, total: 10, status: status, width: 80).hasPrefix("[###############               ] "))
    }

    @Test func jsonLinesModes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gleaner-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.jsonl").path
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        let record = SinkRecord(result: .failure(GleanerError(stage: .read, code: "x", message: "m", source: "s")), key: "s", seenAt: "t")
        try JSONLSink(path: path, mode: .append).write(record)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("old\n{"))
        let fresh = try JSONLSink(path: path, mode: .newFile)
        #expect(fresh.path != path && fresh.path.hasPrefix(directory.path + "/out-") && fresh.path.hasSuffix("Z.jsonl"))
        try JSONLSink(path: path, mode: .overwrite).write(record)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
    }
}
