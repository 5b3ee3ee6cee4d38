/// The budget of one page's parse. A hostile page (a million elements, one element with
/// 100,000 attributes, a 50 MB text node, endless nesting) must cost bounded time and
/// memory and leave the rest of a batch alone; ordinary pages never come near these limits
/// (the defaults change no output on any page of the scrapinghub, dragnet or cleaneval
/// benchmark sets).
///
/// What happens at each limit:
/// - `maximumElements`, `maximumDepth`: the parse stops; the page fails with `too_complex`.
///   The parse has its own clock, but the stages after it do not: their cost grows with the
///   element count, about 8 µs per element for the most expensive shapes (an image, a
///   paragraph with a link, a heading and a paragraph in turn), so 150,000
///   elements keep a page near 1.2 s and under 200 MB in all. The largest page of
///   the benchmark sets has about 10,500.
/// - `maximumParseSeconds`: thread CPU time, checked every `checkInterval` SAX events; the
///   parse stops and the page fails with `timeout`. CPU time, not wall time, so a busy
///   machine does not fail pages that would parse in time on an idle one.
/// - `maximumAttributesPerElement`: attributes past the limit are dropped by a byte pre-scan
///   before libxml2 sees the page (libxml2 2.9.14 checks each attribute against all earlier
///   ones of its element: 40,000 attributes took 35 s), and as a backstop while building.
/// - `maximumTextBytesPerNode`: the text of one node is cut there (at a character boundary).
public struct ParseLimits: Sendable, Equatable {
    public var maximumElements: Int
    public var maximumDepth: Int
    public var maximumAttributesPerElement: Int
    public var maximumTextBytesPerNode: Int
    public var maximumParseSeconds: Double
    /// SAX events between two looks at the CPU clock.
    public var checkInterval: Int

    public init(
        maximumElements: Int = 150_000, maximumDepth: Int = 20_000, maximumAttributesPerElement: Int = 512,
        maximumTextBytesPerNode: Int = 4 * 1024 * 1024, maximumParseSeconds: Double = 1.5, checkInterval: Int = 1024
    ) {
        self.maximumElements = maximumElements
        self.maximumDepth = maximumDepth
        self.maximumAttributesPerElement = maximumAttributesPerElement
        self.maximumTextBytesPerNode = maximumTextBytesPerNode
        self.maximumParseSeconds = maximumParseSeconds
        self.checkInterval = checkInterval
    }

    /// The defaults documented above.
    public static let `default` = ParseLimits()
    /// No limits but the input size: for callers that trust their input.
    public static let unlimited = ParseLimits(
        maximumElements: .max, maximumDepth: .max, maximumAttributesPerElement: .max,
        maximumTextBytesPerNode: .max, maximumParseSeconds: .infinity)
}
