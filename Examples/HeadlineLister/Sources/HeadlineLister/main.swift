import Foundation
import Gleaner

/// Lists the headline, date and word count of saved pages and of URLs, using the three parts
/// of the library an application needs most: the extractor, the fetcher and the JSON line.
///
///     swift run HeadlineLister page.html https://example.org/news/1
///     swift run HeadlineLister --discover https://example.org/
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty {
    print("usage: HeadlineLister [--json] [--discover SITE] FILE|URL…")
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

var inputs: [String] = []
var index = 0
while index < arguments.count {
    let argument = arguments[index]
    if argument == "--discover", index + 1 < arguments.count {
        let found = SiteDiscoverer(fetcher: fetcher).discover(arguments[index + 1])
        print("# \(found.site): \(found.summary)")
        inputs += found.pages.map(\.url) + found.crawled
        index += 2
        continue
    }
    if argument != "--json" { inputs.append(argument) }
    index += 1
}

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
