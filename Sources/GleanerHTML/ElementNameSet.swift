import GleanerModel

/// A set of element names compiled for `DOMTree.nameMask`: a `ByteWordTable` of the
/// names' UTF-8.
///
/// Extraction asks for a mask per rule list per page (about nine a page); through a
/// `Set<String>` each mask hashed every distinct name of the page with the standard
/// library's seeded SipHash, about 400 instructions a name, 1.3% of a whole run. Built once
/// per rule list (per extractor), probed with a few instructions per name byte.
public struct ElementNameSet: Sendable {
    private let table: ByteWordTable

    public init<Names: Sequence>(_ names: Names) where Names.Element == String {
        table = ByteWordTable(Set(names).map { Array($0.utf8) })
    }

    /// Byte-for-byte membership (`Set<String>.contains` for the ASCII names of HTML; a name
    /// spelled with other Unicode normalization is not folded).
    public func contains(_ name: String) -> Bool {
        // Borrowed in place: a copy for `withUTF8` retained and released each name
        // (573 K calls a batch of 181 pages).
        if let found = name.utf8.withContiguousStorageIfAvailable({ table.index(of: $0) != nil }) { return found }
        var name = name
        return name.withUTF8 { table.index(of: $0) != nil }
    }
}
