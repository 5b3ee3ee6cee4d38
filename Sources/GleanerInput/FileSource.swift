import GleanerModel

/// Files, folders (walked in sorted order), `.gz` files and standard input, as
/// `gleaner extract` and pipeline `files:`/`directories:` name them. Listing is eager (names
/// only); each page is read on a worker thread, so reading runs in parallel.
public struct FileSource: Source {
    private let inputs: [InputSource]
    private let reader: InputReader
    private let baseURL: String?
    private let openers: [any ContainerOpener]
    private var index = 0
    /// The container being drained, when an opener claimed the current input.
    private var container: (any Source)?

    /// `baseURL` is the page URL of every item (`--base-url`, a single input).
    public init(paths: [String], reader: InputReader = InputReader(), baseURL: String? = nil, openers: [any ContainerOpener] = []) {
        self.init(inputs: InputCollector().collect(paths), reader: reader, baseURL: baseURL, openers: openers)
    }

    public init(inputs: [InputSource], reader: InputReader = InputReader(), baseURL: String? = nil, openers: [any ContainerOpener] = []) {
        self.inputs = inputs
        self.reader = reader
        self.baseURL = baseURL
        self.openers = openers
    }

    /// Inputs listed (a container counts once).
    public var inputCount: Int { inputs.count }

    public var expectedCount: Int? { openers.isEmpty ? inputs.count : nil }

    public mutating func next() -> SourceItem? {
        while true {
            if container != nil {
                if let item = container!.next() { return item }
                container = nil
            }
            guard index < inputs.count else { return nil }
            let input = inputs[index]
            index += 1
            if let opened = openers.lazy.compactMap({ $0.open(input) }).first {
                container = opened
                continue
            }
            let reader = self.reader
            return SourceItem(name: input.name, content: .read { () throws(GleanerError) -> [UInt8] in try reader.read(input) }, url: baseURL)
        }
    }
}
