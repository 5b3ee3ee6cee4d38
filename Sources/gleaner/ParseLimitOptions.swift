import ArgumentParser
import Gleaner
import GleanerInput


/// The per-page parse budget as options of `extract` and `scrape` (see `ParseLimits` for
/// what each limit does). The defaults leave every page of the benchmark sets untouched.
struct ParseLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-elements"), help: "Elements per page; more fail the page with too_complex.")
    var maxElements = ParseLimits.default.maximumElements

    @Option(name: .customLong("max-depth"), help: "Element nesting per page; deeper fails the page with too_complex.")
    var maxDepth = ParseLimits.default.maximumDepth

    @Option(name: .customLong("max-attributes"), help: "Attributes kept per element; the rest are dropped before parsing.")
    var maxAttributes = ParseLimits.default.maximumAttributesPerElement

    @Option(name: .customLong("max-text-node"), help: ArgumentHelp("Text kept per text node (K, M suffixes); the rest is dropped.", valueName: "SIZE"))
    var maxTextNode = "4MB"

    @Option(name: .customLong("parse-timeout"), help: ArgumentHelp("CPU seconds a page's parse may take; then the page fails with timeout.", valueName: "SECONDS"))
    var parseTimeout = ParseLimits.default.maximumParseSeconds

    func validate() throws {
        if maxElements < 1 { throw ValidationError("--max-elements must be at least 1.") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1.") }
        if maxAttributes < 0 { throw ValidationError("--max-attributes must be at least 0.") }
        if ByteSize.parse(maxTextNode) == nil { throw ValidationError("--max-text-node: cannot read \(maxTextNode) as a size such as 4MB.") }
        if !(parseTimeout > 0) { throw ValidationError("--parse-timeout must be a positive number of seconds.") }
    }

    var limits: ParseLimits {
        ParseLimits(
            maximumElements: maxElements, maximumDepth: maxDepth, maximumAttributesPerElement: maxAttributes,
            maximumTextBytesPerNode: ByteSize.parse(maxTextNode) ?? ParseLimits.default.maximumTextBytesPerNode,
            maximumParseSeconds: parseTimeout)
    }
}
