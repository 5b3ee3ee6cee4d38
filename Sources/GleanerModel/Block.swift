/// One unit of the article body in reading order.
public struct Block: Sendable, Equatable {
    /// The block types of the record's `blocks`, written as their raw value (docs/schema.md).
    public enum Kind: String, Sendable, Equatable {
        case paragraph
        case heading
        case listItem = "list_item"
        case quote
        case preformatted
    }

    public var type: Kind
    public var text: String
    /// Heading level 1–6 for `.heading`, nil otherwise.
    public var level: Int?

    public init(type: Kind, text: String, level: Int? = nil) {
        self.type = type
        self.text = text
        self.level = level
    }
}
