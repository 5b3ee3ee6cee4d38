/// What one input produced: an article or an error. Exactly one per input.
public enum ExtractionResult: Sendable, Equatable {
    case article(Article)
    case failure(GleanerError)

    public var source: String {
        switch self {
        case .article(let article): article.source
        case .failure(let error): error.source
        }
    }

    public var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
