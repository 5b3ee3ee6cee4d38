import Foundation
import GleanerModel

/// Everything known about a page apart from its body and comments. Filled by
/// `MetadataExtractor` and copied into the `Article`.
struct Metadata: Sendable, Equatable {
    var url: String?
    var headline: String?
    var lead: String?
    var siteName: String?
    var language: String?
    var authors: [String] = []
    var agency: String?
    var published: String?
    var modified: String?
    var tags: [String] = []
    var image: String?
    /// Node index of the element the headline was read from (h1), so the body leaves it out.
    var headlineNode: Int?
    /// Node index of the lead element, so the body doesn't repeat it.
    var leadNode: Int?
    /// A single story, or an index page listing stories (see `PageTypeClassifier`).
    var pageType: PageType = .article
    /// Base for relative URLs in the body (page URL / `<base href>` / canonical).
    var base: URL?
}
