/// An element's attributes, in source order: a range of one array that holds every
/// attribute of the page.
///
/// The parser appends all attributes of a page to one array and gives each element its
/// range: an array per element cost an allocation and a free for every element with
/// attributes, most of the cost of building and freeing a tree after the strings
/// themselves. Sixteen bytes (the shared array and two 32-bit bounds), half the size of an
/// `ArraySlice`: a page's node array holds one per node, and the larger node raised the peak
/// memory of a batch by about 2 MB.
public struct HTMLAttributes: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    @usableFromInline let store: [HTMLAttribute]
    @usableFromInline let lower: Int32
    @usableFromInline let upper: Int32

    /// Attributes held on their own (hand-built nodes, tests).
    public init(_ attributes: [HTMLAttribute]) {
        store = attributes
        lower = 0
        upper = Int32(truncatingIfNeeded: attributes.count)
    }

    public init(arrayLiteral elements: HTMLAttribute...) {
        self.init(elements)
    }

    /// The attributes at `range` of a page's shared array.
    init(store: [HTMLAttribute], range: Range<Int>) {
        self.store = store
        lower = Int32(truncatingIfNeeded: range.lowerBound)
        upper = Int32(truncatingIfNeeded: range.upperBound)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { Int(upper &- lower) }

    @inlinable
    public subscript(position: Int) -> HTMLAttribute {
        _read { yield store[Int(lower) + position] }
    }

    /// Walks the shared array directly: the default iterator went through `subscript`,
    /// rebasing and bounds-checking each position.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let store: [HTMLAttribute]
        @usableFromInline var position: Int
        @usableFromInline let end: Int

        @inlinable
        init(store: [HTMLAttribute], position: Int, end: Int) {
            self.store = store
            self.position = position
            self.end = end
        }

        @inlinable
        public mutating func next() -> HTMLAttribute? {
            guard position < end else { return nil }
            position += 1
            return store[position - 1]
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(store: store, position: Int(lower), end: Int(upper))
    }

    /// The attributes as one contiguous buffer, for loops that read them in place.
    @inlinable
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<HTMLAttribute>) throws -> Result) rethrows -> Result {
        try store.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(lower)..<Int(upper)]))
        }
    }
}
