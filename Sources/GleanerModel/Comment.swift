/// One user comment, separate from the article body.
public struct Comment: Sendable, Equatable {
    public var author: String?
    /// ISO 8601 with offset when the page shows a parseable date.
    public var published: String?
    public var text: String
    /// Index (in the record's `comments` list) of the comment this one replies to.
    public var parent: Int?

    public init(author: String? = nil, published: String? = nil, text: String, parent: Int? = nil) {
        self.author = author
        self.published = published
        self.text = text
        self.parent = parent
    }
}
