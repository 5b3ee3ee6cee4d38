import GleanerHTML
import GleanerModel

/// Element names, class tokens and thresholds for the rich parts of blocks: emphasis,
/// code, images and data tables. Data in `Rules/rich_blocks.json` (sources listed there),
/// decoded once.
struct RichBlockRules: Decodable, Sendable {
    var strongElements: Set<String>
    var emphasisElements: Set<String>
    var codeElements: Set<String>
    /// `class` tokens of a `<pre>` (or its `<code>`) that mark program code.
    var codeBlockClassTokens: Set<String>
    /// `class` token prefixes naming a code block's language (`language-swift`).
    var codeLanguageClassPrefixes: [String]
    /// Where lazy-loading scripts keep the real image URL, in order of preference.
    var lazyImageAttributes: [String]
    /// Images declared smaller than this (width or height, CSS pixels) are icons or pixels.
    var minimumImageSize: Int
    /// Containers that act as a figure (WordPress's `wp-caption`).
    var captionContainerClassTokens: Set<String>
    /// Caption elements inside a figure-like container when there is no `<figcaption>`.
    var captionClassTokens: Set<String>
    /// Photo credit elements inside a figure.
    var creditClassTokens: Set<String>
    var dataTableMinimumRows: Int
    var dataTableMinimumColumns: Int
    var dataTableManyRows: Int
    var dataTableManyColumns: Int
    var dataTableMinimumCells: Int
    /// A cell with this much visible text holds running prose: a layout table.
    var layoutCellMinimumText: Int

    /// `strongElements`, `emphasisElements` and `codeElements` compiled for `DOMTree.nameMask`.
    static let strongNames = ElementNameSet(shared.strongElements)
    static let emphasisNames = ElementNameSet(shared.emphasisElements)
    static let codeNames = ElementNameSet(shared.codeElements)

    static let shared: RichBlockRules = RuleFile.decode(
        PackageResources.rich_blocks_json, as: RichBlockRules.self, name: "rich_blocks.json")

    /// The inline mark an element opens, if any.
    func mark(for name: String) -> InlineMark.Kind? {
        if strongElements.contains(name) { return .strong }
        if emphasisElements.contains(name) { return .em }
        if codeElements.contains(name) { return .code }
        return nil
    }
}
