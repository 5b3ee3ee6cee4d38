import Foundation
import GleanerInput
import GleanerModel
import GleanerTestSupport
import Testing

@testable import GleanerWARC

/// A page the WARC detector opened to sniff is read on from the detector's descriptor: the
/// reader gets the same bytes as from a fresh open, whatever the file's size against the
/// sniffed head, and the size cap still holds.
@Suite(.serialized) struct SniffedInputTests {
    static func page(bytes count: Int) -> Data {
        var text = "<html><body><article><h1>Title</h1>"
        while text.utf8.count < count - 30 { text += "<p>A paragraph of the body.</p>" }
        return Data((text + "</article></body></html>").utf8)
    }

    @Test(arguments: [10, 4095, 4096, 4097, 100_000])
    func sniffedPageReadsWhole(size: Int) throws {
        let dir = try TemporaryDirectory()
        let data = Self.page(bytes: size)
        let path = try dir.write("page.html", data)
        #expect(!WARCDetector.isArchive(path: path))
        let bytes = try InputReader().read(.file(path: path))
        #expect(bytes == Array(data))
        // Taken by the reader: a second read opens the file itself.
        #expect(WARCDetector.takeSniffed(path: path) == nil)
        #expect(try InputReader().read(.file(path: path)) == Array(data))
    }

    @Test func sniffedGzipPageIsUnpacked() throws {
        let dir = try TemporaryDirectory()
        let data = Self.page(bytes: 20_000)
        let plain = try dir.write("page.html", data)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let path = plain + ".gz"
        #expect(!WARCDetector.isArchive(path: path))
        #expect(try InputReader().read(.file(path: path)) == Array(data))
    }

    @Test func sniffedHeadLargerThanTheCapIsTooLarge() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("page.html", Self.page(bytes: 10_000))
        #expect(!WARCDetector.isArchive(path: path))
        // From the sniffed descriptor, then from a fresh open: too large both times.
        for _ in 0..<2 {
            #expect(throws: GleanerError.self) { try InputReader(maximumBytes: 100).read(.file(path: path)) }
        }
    }

    @Test func unreadPagesPastTheLimitAreClosedAndReadTheUsualWay() throws {
        let dir = try TemporaryDirectory()
        let data = Self.page(bytes: 5_000)
        let paths = try (0...WARCDetector.sniffedLimit).map { try dir.write("p\($0).html", data) }
        for path in paths { #expect(!WARCDetector.isArchive(path: path)) }
        // The first one's turn passed: it was closed, and is read by a fresh open.
        #expect(WARCDetector.takeSniffed(path: paths[0]) == nil)
        for path in paths { #expect(try InputReader().read(.file(path: path)) == Array(data)) }
        for path in paths { #expect(WARCDetector.takeSniffed(path: path) == nil) }
    }
}
