extension String {
    /// The string without leading and trailing white space; see `Substring.trimmedWhitespace()`.
    public func trimmedWhitespace() -> String { self[...].trimmedWhitespace() }

    /// The string without the leading and trailing scalars for which `shouldTrim` holds.
    public func trimming(where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        self[...].trimming(where: shouldTrim)
    }
}

extension Substring {
    /// The string without leading and trailing white space (the Unicode `White_Space`
    /// property: ASCII spaces, tabs and line breaks, no-break and other Unicode spaces).
    ///
    /// Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` goes through
    /// `NSString` and UTF-16 on Linux and cost about 5% of extraction time; this stays in
    /// UTF-8 and returns the string as it is when nothing needs trimming.
    public func trimmedWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return String(self) }
        return trimming { $0.properties.isWhitespace }
    }

    /// The string without the leading and trailing scalars for which `shouldTrim` holds.
    public func trimming(where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, shouldTrim(scalars[start]) { start = scalars.index(after: start) }
        while end > start, shouldTrim(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    /// White space (`White_Space` property), as `trimmedWhitespace()` uses it.
    public var isWhiteSpace: Bool { properties.isWhitespace }

    /// Punctuation (general category P*), what Foundation's `punctuationCharacters` holds.
    public var isPunctuation: Bool {
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
