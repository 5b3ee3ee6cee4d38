/// The language a detector (CLD2) reads in the page's text, next to the one the page
/// declares: pages often declare their CMS's default (`lang="de"` on an English story) or
/// nothing at all, and a record's `language` must still be right for language filters.
public struct DetectedLanguage: Sendable, Equatable {
    /// BCP 47 code as the detector names it (`en`, `de`, `zh`, `zh-Hant`, `ja`).
    public var code: String
    /// 0…1: the share of the text in that language; halved when the detector itself calls
    /// its verdict unreliable (too little text, a close second language).
    public var confidence: Double
    /// The detector's own reliability verdict.
    public var reliable: Bool

    public init(code: String, confidence: Double, reliable: Bool) {
        self.code = code
        self.confidence = confidence
        self.reliable = reliable
    }
}
