#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// True when `needle` occurs in the string, compared byte for byte in UTF-8.
    ///
    /// With Foundation imported anywhere in a module, `"…".contains("…")` resolves to
    /// Foundation's `NSString`-based search, which converts both strings to UTF-16 on Linux;
    /// extraction runs such tests for every element, so they use this instead.
    public func containsUTF8(_ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        var haystack = self
        return haystack.withUTF8 { $0.containsBytes(needleBytes) }
    }

    /// Equal when compared case-insensitively (by `lowercased()`), with no allocation when
    /// both strings are ASCII.
    public func equalsIgnoringCase(_ other: String) -> Bool {
        if utf8.count == other.utf8.count, utf8.allSatisfy({ $0 < 0x80 }), other.utf8.allSatisfy({ $0 < 0x80 }) {
            return zip(utf8, other.utf8).allSatisfy { a, b in a.asciiLowercased == b.asciiLowercased }
        }
        return lowercased() == other.lowercased()
    }

    /// The pieces between occurrences of `separator` (empty pieces kept), like Foundation's
    /// `components(separatedBy:)` but matched on UTF-8 bytes.
    public func splitting(separator: String) -> [String] {
        let needle = Array(separator.utf8)
        guard !needle.isEmpty else { return [self] }
        var pieces: [String] = []
        var haystack = self
        haystack.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i + needle.count <= bytes.count {
                var j = 0
                while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count {
                    pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    i += needle.count
                    start = i
                } else {
                    i += 1
                }
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
        return pieces
    }
}

extension UInt8 {
    /// The byte with ASCII `A`–`Z` mapped to `a`–`z`; every other byte unchanged. The one
    /// case fold the byte-level matchers (class names, charset labels) share.
    @inlinable
    public var asciiLowercased: UInt8 {
        self >= 0x41 && self <= 0x5A ? self | 0x20 : self
    }
}

extension Sequence<String> {
    /// The strings in order, each kept at its first occurrence, compared as
    /// `equalsIgnoringCase` compares. One hash lookup per string: the pairwise check it
    /// replaces made a page with a million keywords run for minutes.
    public func uniquedIgnoringCase() -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for value in self where seen.insert(value.lowercased()).inserted {
            result.append(value)
        }
        return result
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when `needle` occurs in these bytes (an empty needle always does): `memchr` for
    /// its first byte, `memcmp` for the rest (Glibc's module has no `memmem`).
    public func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count, let base = baseAddress else { return false }
        return needle.withUnsafeBufferPointer { needle in
            let first = Int32(needle[0])
            let last = count - needle.count
            var at = 0
            while at <= last, let found = memchr(base + at, first, last - at + 1) {
                let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + index, needle.baseAddress!, needle.count) == 0 { return true }
                at = index + 1
            }
            return false
        }
    }
}
