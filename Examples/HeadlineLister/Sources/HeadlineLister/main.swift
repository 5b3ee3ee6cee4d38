import Foundation
import Gleaner

/// Lists the headline, date and word count of saved pages and of URLs, using the three parts
/// of the library an application needs most: the extractor, the fetcher and the JSON line.
///
///     swift run HeadlineLister page.html https://example.org/news/1
///     swift run HeadlineLister --json page.html
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty {
    print("usage: HeadlineLister [--json] FILE|URL…")
    exit(2)
}
let json = arguments.contains("--json")
let extractor = ArticleExtractor()

func show(_ result: ExtractionResult) {
    if json {
        print(ArticleJSON.line(for: result))
        return
    }
    switch result {
    case .article(let article):
        print("\(article.published ?? "undated")\t\(article.wordCount) words\t\(article.headline ?? "(no headline)")")
    case .failure(let error):
        print("error\t\(error.code)\t\(error.source): \(error.message)")
    }
}

let fetcher = try Fetcher(configuration: FetchConfiguration())
defer { fetcher.close() }

let inputs = arguments.filter { $0 != "--json" }

for input in inputs {
    if input.hasPrefix("http://") || input.hasPrefix("https://") {
        let response = await fetcher.fetch(input)
        if let failure = response.failure {
            show(.failure(GleanerError(stage: .fetch, code: failure.code.name, message: failure.message, source: input)))
        } else {
            show(extractor.result(html: response.body, url: response.pageURL, source: input, charset: response.charset))
        }
    } else {
        do {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: input)))
            show(extractor.result(html: bytes, url: nil, source: input))
        } catch {
            print("error\tread\t\(input): \(error.localizedDescription)")
        }
    }
}
