import Gleaner
import Testing

/// File names of `--output-dir` and pipeline `files` sinks: readable, safe, apart.
@Suite struct DocumentFileNamerTests {
    @Test(arguments: [
        ("Samples/baseljetzt-kim-putin.html", "baseljetzt-kim-putin"),
        ("/data/pages/Story.HTML.gz", "Story"),
        ("page.xhtml", "page"),
        ("-", "stdin"),
        ("crawl/CC-2024.warc.gz#123456", "CC-2024-123456"),
        ("notes#draft.html", "notes_draft"),
        ("https://www.example.org/news/2024/05/a-story/", "www.example.org_news_2024_05_a-story"),
        ("http://127.0.0.1:8080/a?id=5&x=%20#top", "127.0.0.1_8080_a_id_5_x_20"),
        ("https://ru.example.org/новости/статья", "ru.example.org"),
        ("../.hidden.html", "hidden"),
        ("---.html", "record"),
        ("dir/.html", "html"),
    ])
    func stems(source: String, stem: String) {
        #expect(DocumentFileNamer.stem(for: source) == stem)
    }

    @Test func longSourcesAreCut() {
        let stem = DocumentFileNamer.stem(for: "https://e.org/" + String(repeating: "a", count: 400))
        #expect(stem.utf8.count == 120)
    }

    @Test func inputOrderNumbersRepeatsIgnoringCase() {
        var namer = DocumentFileNamer(scheme: .inputOrder, fileExtension: "md")
        let names = ["a/x.html", "b/x.html", "X.htm", "x-2.html", "https://e.org/x"].map { namer.name(for: $0) }
        #expect(names == ["x.md", "x-2.md", "X-3.md", "x-2-2.md", "e.org_x.md"])
    }

    @Test func keyedNamesAreStableAndApart() {
        var first = DocumentFileNamer(scheme: .keyed, fileExtension: "txt")
        var second = DocumentFileNamer(scheme: .keyed, fileExtension: "txt")
        let a = first.name(for: "https://e.org/a/b")
        let b = first.name(for: "https://e.org/a_b")
        #expect(a != b)
        #expect(a.hasPrefix("e.org_a_b-") && a.hasSuffix(".txt"))
        #expect(a.count == "e.org_a_b-".count + 10 + ".txt".count)
        // Another run (or a resumed one) gives the same source the same name.
        #expect(second.name(for: "https://e.org/a_b") == b)
        #expect(second.name(for: "https://e.org/a/b") == a)
    }
}
