import Foundation
import GleanerExtract
import GleanerFetch
import GleanerModel
import GleanerSinks

/// Turns one source item (and its fetched response, for URLs) into the record the sinks
/// get: extraction, the `fetch` object, extra provenance objects. Pure and thread-safe: the
/// runner calls it on worker threads.
public struct RecordMaker: Sendable {
    public var extractor: ArticleExtractor
    /// Attach the HTTP exchange to records (an archiving sink asked for it).
    public var keepExchange: Bool
    /// `--explain`: each record of a local item gains an `"explain"` object (json), or the
    /// readable tree goes to standard error (text).
    public var explain: ExplainFormat?
    /// Render each record's JSON line on the worker thread (`SinkRecord.prerender`); off
    /// when no sink writes JSON lines (`Sink.usesJSONLine`).
    public var prerendersJSON = true

    /// How `--explain` reports why each block was kept or dropped: a JSON object in the
    /// record, or indented text on stderr.
    public enum ExplainFormat: String, Sendable, CaseIterable {
        case json, text
    }

    public init(extractor: ArticleExtractor = ArticleExtractor(), keepExchange: Bool = false) {
        self.extractor = extractor
        self.keepExchange = keepExchange
    }

    /// The extraction result of an item whose bytes are local (or already failed).
    public func result(for item: SourceItem) -> ExtractionResult {
        let bytes: [UInt8]
        switch item.content {
        case .bytes(let payload): bytes = payload
        case .read(let read):
            do { bytes = try read() } catch { return .failure(error) }
        case .failure(let error): return .failure(error)
        case .fetch:
            return .failure(GleanerError(stage: .read, code: "not_fetched", message: "the item needs a fetch", source: item.name))
        }
        let result = extractor.result(html: bytes, url: item.url, source: item.name, charset: item.charset)
        guard let warc = item.warc else { return result }
        switch result {
        case .article(var article):
            article.warc = warc
            return .article(article)
        case .failure(var error):
            error.warc = warc
            return .failure(error)
        }
    }

    /// The extraction result of a fetched item, with its `fetch` object.
    public func result(for item: SourceItem, response: FetchResponse) -> ExtractionResult {
        if let failure = response.failure {
            var error = GleanerError(stage: .fetch, code: failure.code.name, message: failure.message, source: item.name)
            error.fetch = response.info
            return .failure(error)
        }
        switch extractor.result(html: response.body, url: response.pageURL, source: item.name, charset: response.charset) {
        case .article(var article):
            article.fetch = response.info
            return .article(article)
        case .failure(var error):
            error.fetch = response.info
            return .failure(error)
        }
    }

    public func record(for item: SourceItem) -> SinkRecord {
        if let explain, item.warc == nil {
            switch item.content {
            case .bytes(let bytes):
                return explained(bytes, item: item, format: explain)
            case .read(let read):
                do { return explained(try read(), item: item, format: explain) } catch {
                    return finish(.failure(error), item: item, exchange: nil)
                }
            default:
                break
            }
        }
        return finish(result(for: item), item: item, exchange: nil)
    }

    /// The record with its explanation (`--explain`).
    private func explained(_ bytes: [UInt8], item: SourceItem, format: ExplainFormat) -> SinkRecord {
        do {
            let (article, explanation) = try extractor.explain(html: bytes, url: item.url, source: item.name, charset: item.charset)
            var withExplain = item
            if format == .json {
                withExplain.extras.append(RecordExtra(key: "explain", value: Self.value(explanation)))
            } else {
                FileHandle.standardError.write(Data(explanation.text(source: item.name).utf8))
            }
            return finish(.article(article), item: withExplain, exchange: nil)
        } catch {
            return finish(.failure(error), item: item, exchange: nil)
        }
    }

    static func value(_ explanation: Explanation) -> ExtraValue {
        .object([
            ("fields", .array(explanation.fields.map { field in
                .object([("field", .string(field.field)), ("value", field.value.map(ExtraValue.string) ?? .null), ("source", .string(field.source))])
            })),
            ("blocks", .array(explanation.blocks.map { block in
                .object([("path", .string(block.path)), ("text", .string(block.text)), ("kept", .bool(block.kept)), ("rule", .string(block.rule))])
            })),
        ])
    }

    public func record(for item: SourceItem, response: FetchResponse) -> SinkRecord {
        var exchange: FetchedExchange?
        if keepExchange {
            exchange = FetchedExchange(
                url: response.pageURL, status: response.info.status, body: response.body, fetchedAt: response.info.fetchedAt)
        }
        return finish(result(for: item, response: response), item: item, exchange: exchange)
    }

    private func finish(_ result: ExtractionResult, item: SourceItem, exchange: FetchedExchange?) -> SinkRecord {
        let key: String
        if case .article(let article) = result { key = article.url ?? article.source } else { key = result.source }
        var record = SinkRecord(result: result, key: key, seenAt: Self.now())
        record.extras = item.extras
        record.exchange = exchange
        if prerendersJSON { record.prerender() }
        return record
    }

    /// ISO 8601 UTC with milliseconds, formatted by hand (no shared formatter between threads).
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = time_t(spec.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Digits appended by hand: `String(format:)` went through Foundation's formatter for
        // every page (0.6% of a whole `gleaner extract` run).
        // Bytes, then one String: a scalar appended to a String at a time was 7,500
        // instructions a record.
        var text: [UInt8] = []
        text.reserveCapacity(24)
        func append(_ value: Int, digits: Int, then separator: UInt8) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            if rest >= divisor * 10 { text += Array(String(rest / (divisor * 10)).utf8); rest %= divisor * 10 }
            while divisor > 0 {
                text.append(UInt8(0x30 + rest / divisor % 10))
                divisor /= 10
            }
            text.append(separator)
        }
        append(Int(parts.tm_year) + 1900, digits: 4, then: UInt8(ascii: "-"))
        append(Int(parts.tm_mon) + 1, digits: 2, then: UInt8(ascii: "-"))
        append(Int(parts.tm_mday), digits: 2, then: UInt8(ascii: "T"))
        append(Int(parts.tm_hour), digits: 2, then: UInt8(ascii: ":"))
        append(Int(parts.tm_min), digits: 2, then: UInt8(ascii: ":"))
        append(Int(parts.tm_sec), digits: 2, then: UInt8(ascii: "."))
        append(Int(spec.tv_nsec) / 1_000_000, digits: 3, then: UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
