import GleanerModel

/// Where a run's inputs come from: files, folders, `.gz`, standard input, URL lists, an
/// archive. The runner pulls items one at a time on one thread, so a source may stream (a
/// 1 GB WARC file is never held whole) and may block while it reads. A new kind of input is
/// one new type conforming here.
///
/// Exactly one record per item: an input that fails before it has bytes is an item whose
/// content is `.failure`, never a skipped item.
public protocol Source {
    /// The next item in order, or nil when the source is exhausted.
    mutating func next() -> SourceItem?
    /// How many items the source will yield when that is known up front (progress ETA).
    var expectedCount: Int? { get }
}

extension Source {
    public var expectedCount: Int? { nil }
}

/// Turns one input that holds many pages (an archive file) into a source of its records.
/// `FileSource` asks each opener in turn about every input; the first that returns a source
/// is drained in place of the input, so `gleaner extract crawl.warc.gz page.html` mixes both.
public protocol ContainerOpener: Sendable {
    /// A source of the container's items, or nil when `input` is not this kind of container.
    func open(_ input: InputSource) -> (any Source)?
}
