import Foundation
import GleanerTestSupport
@testable import GleanerWARC

/// Reads every item of a file.
func readAll(_ path: String) -> [WARCReader.Item] {
    Array(WARCReader(path: path))
}

func records(_ items: [WARCReader.Item]) -> [WARCRecord] {
    items.compactMap { if case .record(let record) = $0 { record } else { nil } }
}

func failures(_ items: [WARCReader.Item]) -> [WARCFailure] {
    items.compactMap { if case .failure(let failure) = $0 { failure } else { nil } }
}

/// The pages a selector takes from a file, and the failures, in file order.
func selectAll(_ path: String, selector: WARCPageSelector = WARCPageSelector()) -> (pages: [WARCPage], failures: [WARCFailure], skipped: [WARCPageSelector.SkipReason]) {
    var pages: [WARCPage] = []
    var bad: [WARCFailure] = []
    var skipped: [WARCPageSelector.SkipReason] = []
    for item in WARCReader(path: path) {
        switch item {
        case .failure(let failure): bad.append(failure)
        case .record(let record):
            switch selector.select(record, file: path) {
            case .page(let page): pages.append(page)
            case .failure(let failure): bad.append(failure)
            case .skipped(let reason): skipped.append(reason)
            }
        }
    }
    return (pages, bad, skipped)
}

/// Runs `Tests/Support/warc_interop.py` with python3; its stdout.
func interop(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", LoopbackServer.supportDirectory.appendingPathComponent("warc_interop.py").path] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestFailure("warc_interop.py \(arguments.first ?? "") failed (pip install warcio fastwarc brotli): \(String(decoding: errorData, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
}

func exchange(_ url: String, body: String, headers: [String] = ["Content-Type: text/html; charset=utf-8"], status: String = "HTTP/1.1 200 OK") -> HTTPExchange {
    let path = URL(string: url)?.path ?? "/"
    let host = URL(string: url)?.host ?? "localhost"
    let request = "GET \(path.isEmpty ? "/" : path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: Gleaner-test\r\nAccept: */*\r\n\r\n"
    let response = ([status] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    return HTTPExchange(
        targetURI: url, date: WARCWriter.now(), ipAddress: "127.0.0.1",
        requestHead: Array(request.utf8), responseHead: Array(response.utf8), payload: Array(body.utf8))
}
