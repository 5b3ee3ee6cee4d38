import GleanerDigest
import GleanerModel

/// Serialises records as schema `gleaner.article/1` JSON, one object per line.
/// The key order here is the documented order (docs/schema.md).
public enum ArticleJSON {
    /// SHA-256 of the UTF-8 `text`, lower-case hex.
    public static func contentHash(of text: String) -> String {
        // Hashed in place: no copy of the text into an array.
        Digest.sha256Hex(text.utf8)
    }

    /// One JSON line (without the trailing newline) for a result.
    public static func line(for result: ExtractionResult) -> String {
        String(decoding: lineBytes(for: result), as: UTF8.self)
    }

    public static func line(for article: Article) -> String {
        String(decoding: lineBytes(for: article), as: UTF8.self)
    }

    public static func line(for error: GleanerError) -> String {
        String(decoding: lineBytes(for: error), as: UTF8.self)
    }

    /// The line of `line(for:)` as UTF-8 bytes, which is what a file sink writes: making a
    /// `String` of it validated every byte again (0.6% of a whole `gleaner extract` run).
    public static func lineBytes(for result: ExtractionResult) -> [UInt8] {
        switch result {
        case .article(let article): lineBytes(for: article)
        case .failure(let error): lineBytes(for: error)
        }
    }

    public static func lineBytes(for article: Article) -> [UInt8] {
        let text = article.text
        var json = JSONWriter(capacity: text.utf8.count * 2 + 1024)
        json.beginObject()
        json.key("schema"); json.string(Article.schema)
        json.key("source"); json.string(article.source)
        json.key("url"); json.string(article.url)
        json.key("page_type"); json.string(article.pageType.rawValue)
        json.key("headline"); json.string(article.headline)
        json.key("lead"); json.string(article.lead)
        json.key("site_name"); json.string(article.siteName)
        json.key("language"); json.string(article.language)
        json.key("language_detected")
        if let detected = article.languageDetected {
            json.beginObject()
            json.key("code"); json.string(detected.code)
            json.key("confidence"); json.double((detected.confidence * 100).rounded() / 100)
            json.endObject()
        } else {
            json.string(nil)
        }
        json.key("authors"); json.strings(article.authors)
        json.key("agency"); json.string(article.agency)
        json.key("published"); json.string(article.published)
        json.key("modified"); json.string(article.modified)
        json.key("tags"); json.strings(article.tags)
        json.key("image"); json.string(article.image)
        json.key("blocks")
        json.beginArray()
        for block in article.blocks {
            json.beginObject()
            json.key("type"); json.string(block.type.rawValue)
            if let level = block.level {
                json.key("level"); json.int(level)
            }
            json.key("text"); json.string(block.text)
            json.richFields(of: block)
            json.endObject()
        }
        json.endArray()
        json.key("subheadings"); json.strings(article.subheadings)
        json.key("text"); json.string(text)
        json.key("comments")
        json.beginArray()
        for comment in article.comments {
            json.beginObject()
            json.key("author"); json.string(comment.author)
            json.key("published"); json.string(comment.published)
            json.key("text"); json.string(comment.text)
            json.key("parent"); json.int(comment.parent)
            json.endObject()
        }
        json.endArray()
        json.key("word_count"); json.int(Article.countWords(text))
        json.key("char_count"); json.int(UnicodeWords.characters(text))
        json.key("content_hash"); json.string(contentHash(of: text))
        if let fetch = article.fetch { json.fetch(fetch) }
        if let warc = article.warc { json.warc(warc) }
        json.endObject()
        return json.finish()
    }

    public static func lineBytes(for error: GleanerError) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.beginObject()
        json.key("schema"); json.string(Article.schema)
        json.key("source"); json.string(error.source)
        json.key("error")
        json.beginObject()
        json.key("stage"); json.string(error.stage.rawValue)
        json.key("code"); json.string(error.code)
        json.key("message"); json.string(error.message)
        json.endObject()
        if let fetch = error.fetch { json.fetch(fetch) }
        if let warc = error.warc { json.warc(warc) }
        json.endObject()
        return json.finish()
    }
}

extension JSONWriter {
    /// The additive block fields (docs/schema.md): written only when they apply, so a
    /// plain paragraph stays `{"type","text"}`.
    mutating func richFields(of block: Block) {
        if !block.links.isEmpty {
            key("links")
            beginArray()
            for link in block.links {
                beginObject()
                key("text"); string(link.text)
                key("href"); string(link.href)
                key("start"); int(link.start)
                key("end"); int(link.end)
                endObject()
            }
            endArray()
        }
        if !block.marks.isEmpty {
            key("marks")
            beginArray()
            for mark in block.marks {
                beginObject()
                key("type"); string(mark.type.rawValue)
                key("start"); int(mark.start)
                key("end"); int(mark.end)
                endObject()
            }
            endArray()
        }
        if block.isVerbatim {
            key("verbatim"); string(block.verbatim ?? block.text)
        }
        if block.type == .code {
            key("language"); string(block.language)
        }
        if block.type == .table {
            key("caption"); string(block.caption)
            key("rows")
            beginArray()
            for row in block.rows {
                beginObject()
                key("header"); bool(row.header)
                key("cells"); strings(row.cells)
                endObject()
            }
            endArray()
        }
        if block.type == .image {
            key("src"); string(block.src)
            key("alt"); string(block.alt)
            key("caption"); string(block.caption)
            key("credit"); string(block.credit)
        }
    }
}
