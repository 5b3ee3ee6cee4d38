import GleanerModel

/// URLs to fetch (`gleaner scrape`): each item names its URL and asks the runner to fetch
/// it; the URL as given is the record's `source`.
public struct URLListSource: Source {
    private let urls: [String]
    private var index = 0

    public init(urls: [String]) {
        self.urls = urls
    }

    public var expectedCount: Int? { urls.count }

    public mutating func next() -> SourceItem? {
        guard index < urls.count else { return nil }
        let url = urls[index]
        index += 1
        return SourceItem(name: url, content: .fetch, url: url)
    }
}
