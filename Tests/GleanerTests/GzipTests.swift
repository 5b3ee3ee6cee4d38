import Foundation
@testable import GleanerInput
import Testing

/// `Gzip.decompress`: the libdeflate fast path for one-member files and the zlib fallback for
/// everything else give the same bytes, and broken data is an error, never a crash.
struct GzipTests {
    static let page = Array((0..<400).map { "<p>Paragraph \($0) of a page that compresses well.</p>\n" }.joined().utf8)

    /// gzip-compresses with the system `gzip` (`BadInputTests.gzip`), as bytes.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try BadInputTests.gzip(Data(bytes)))
    }

    static func failure(_ input: [UInt8], limit: Int = 1 << 24) -> String? {
        do {
            _ = try Gzip.decompress(input, limit: limit)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func singleMemberTakesTheFastPath() throws {
        let compressed = try Self.gzip(Self.page)
        #expect(Gzip.singleMember(compressed, limit: 1 << 24) == Self.page)
        #expect(try Gzip.decompress(compressed, limit: 1 << 24) == Self.page)
        #expect(try Gzip.streaming(compressed, limit: 1 << 24) == Self.page)
    }

    @Test func emptyMemberExpandsToNothing() throws {
        let compressed = try Self.gzip([])
        #expect(try Gzip.decompress(compressed, limit: 100) == [])
    }

    /// Concatenated members (`cat a.gz b.gz`): libdeflate reads one, so zlib takes the file.
    @Test func multiMemberFallsBackToZlibAndKeepsEveryMember() throws {
        let second = Array("<p>The second member.</p>".utf8)
        let joined = try Self.gzip(Self.page) + Self.gzip(second)
        #expect(Gzip.singleMember(joined, limit: 1 << 24) == nil)
        #expect(try Gzip.decompress(joined, limit: 1 << 24) == Self.page + second)
    }

    @Test func truncatedDataIsAnError() throws {
        let compressed = try Self.gzip(Self.page)
        for cut in [12, compressed.count / 2, compressed.count - 3] {
            let message = Self.failure(Array(compressed.prefix(cut)))
            #expect(message != nil, "cut at \(cut)")
        }
    }

    @Test func corruptDataIsAnError() throws {
        let compressed = try Self.gzip(Self.page)
        // A flipped bit in the deflate data, then in the CRC-32 of the trailer.
        for position in [compressed.count / 2, compressed.count - 6] {
            var broken = compressed
            broken[position] ^= 0x10
            #expect(Gzip.singleMember(broken, limit: 1 << 24) == nil)
            let message = Self.failure(broken)
            #expect(message?.contains("corrupt") == true, "flipped byte \(position): \(message ?? "no error")")
        }
    }

    /// A trailer that states the wrong size sends the file to zlib, which rejects it.
    @Test func wrongTrailerSizeIsAnError() throws {
        var compressed = try Self.gzip(Self.page)
        compressed[compressed.count - 4] &+= 1
        #expect(Gzip.singleMember(compressed, limit: 1 << 24) == nil)
        #expect(Self.failure(compressed) != nil)
    }

    @Test func outputOverTheBudgetIsAnError() throws {
        let compressed = try Self.gzip(Self.page)
        let message = Self.failure(compressed, limit: Self.page.count - 1)
        #expect(message?.contains("exceeds") == true)
    }
}
