import CLibXML2
import GleanerModel

/// Parses HTML bytes with libxml2's forgiving HTML parser and converts the result into a
/// `DOMTree`. The libxml2 document never leaves this type: it is created, walked and freed
/// inside `parse`, so no non-Sendable pointer escapes.
public enum HTMLParser {
    /// libxml2 options: recover from broken markup, stay silent, never touch the network,
    /// and lift the hard-coded limits (depth, text node size) real pages exceed.
    static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
            | UInt32(XML_PARSE_HUGE.rawValue))

    /// The libxml2 library loaded at run time (`xmlParserVersion`, e.g. `20914`).
    static var libxml2Version: String { gleaner_libxml2_version().map { String(cString: $0) } ?? "" }

    /// Whether libxml2 skips script and style text the tree drops anyway
    /// (`gleaner_skip_raw_text`): only on the libxml2 version that code was written for.
    static var skipsDroppedRawText: Bool { gleaner_raw_text_skip_supported() != 0 }

    /// Parses `bytes` in the given encoding (a label from `CharsetDetector`).
    /// - Throws: `HTMLParseError` carrying libxml2's own message, or the budget that ran out
    ///   (`code` `too_complex` or `timeout`).
    /// - Parameters:
    ///   - scriptText: which `script`/`style` texts the tree keeps (all by default).
    ///   - limits: the page's budget (see `ParseLimits`).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, charset: String, url: String? = nil, scriptText: ScriptTextPolicy = .all,
        limits: ParseLimits = .default
    ) throws(HTMLParseError) -> DOMTree {
        try parse(bytes, charset: charset, url: url, scriptText: scriptText, limits: limits, skippingDroppedText: true)
    }

    /// `parse`, where `skippingDroppedText: false` makes libxml2 read everything itself:
    /// script and style text the policy drops (`gleaner_skip_raw_text`), text after tags
    /// (`gleaner_skip_text`), start tags' attributes (`gleaner_take_attributes`) and kept
    /// script text (`gleaner_report_raw_text`), which the C shim otherwise reads for it. The
    /// trees must be equal, which the tests check (`RawTextSkipTests`, `TextSkipTests`).
    static func parse(
        _ bytes: UnsafeRawBufferPointer, charset: String, url: String?, scriptText: ScriptTextPolicy,
        limits: ParseLimits, skippingDroppedText: Bool, prescanned: Bool = false, stashing: Bool = true,
        stash: AttributeStash? = nil, counts: (startTags: Int, attributes: Int, textRuns: Int)? = nil
    ) throws(HTMLParseError) -> DOMTree {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw HTMLParseError(message: "empty input")
        }
        guard bytes.count <= Int(Int32.max) else {
            throw HTMLParseError(message: "input larger than 2 GiB")
        }
        if charset == "windows-1252" {
            // Transcoded here, not by iconv (see `Windows1252`).
            let utf8 = Windows1252.utf8(from: bytes)
            let result = utf8.withUnsafeBytes { converted in
                Result { () throws(HTMLParseError) in
                    try parse(
                        converted, charset: "UTF-8", url: url, scriptText: scriptText, limits: limits,
                        skippingDroppedText: skippingDroppedText, prescanned: prescanned, stashing: stashing)
                }
            }
            return try result.get()
        }
        if !prescanned, !charset.uppercased().hasPrefix("UTF-16"), !charset.uppercased().hasPrefix("UTF-32"),
            let prescan = AttributeLimiter.prescan(
                bytes, maximum: limits.maximumAttributesPerElement, emptyingDrawings: scriptText == .dataOnly,
                stashingValues: stashing && charset.uppercased() == "UTF-8")
        {
            // Keep libxml2's quadratic attribute check away from a tag with too many, and
            // its character-by-character reading away from long attribute values.
            let stash = prescan.values.isEmpty ? nil : AttributeStash(source: bytes, values: prescan.values)
            let result = prescan.bytes.withUnsafeBytes { trimmed in
                Result { () throws(HTMLParseError) in
                    try parse(
                        trimmed, charset: charset, url: url, scriptText: scriptText, limits: limits,
                        skippingDroppedText: skippingDroppedText, prescanned: true, stash: stash,
                        counts: (prescan.startTags, prescan.attributes, prescan.textRuns))
                }
            }
            if case .failure(let error) = result, error.code == AttributeStash.leakedCode {
                // A placeholder reached the text: this page's markup is one the pre-scan
                // reads otherwise than libxml2. Parse it again with the values in place.
                return try parse(
                    bytes, charset: charset, url: url, scriptText: scriptText, limits: limits,
                    skippingDroppedText: skippingDroppedText, stashing: false)
            }
            return try result.get()
        }
        silenceLibxml2()
        xmlResetLastError()
        let builder = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: SAXTreeBuilder(
            estimatedBytes: bytes.count, counts: counts, scriptText: scriptText, limits: limits, skipsDroppedText: skippingDroppedText,
            stash: stash))
        defer { builder.deinitialize(count: 1).deallocate() }
        let status = gleaner_html_sax_parse(
            base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), charset, options, builder,
            { user, name, attributes in
                // 2: go on, and let libxml2 skip the raw text of this script/style, dropped anyway.
                let builder = user!.assumingMemoryBound(to: SAXTreeBuilder.self)
                guard builder.pointee.startElement(name, attributes) else { return 1 }
                return builder.pointee.isDroppingText && builder.pointee.skipsDroppedText ? 2 : 0
            },
            { user, _ in
                user!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.endElement() ? 0 : 1
            },
            { user, characters, length in
                user!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.characters(characters, length) ? 0 : 1
            }, skippingDroppedText ? 1 : 0)
        switch status {
        case 0, 1:
            switch builder.pointee.stop {
            case .tooComplex(let reason):
                throw HTMLParseError(code: "too_complex", message: "the page is too complex: \(reason)")
            case .timeout(let seconds):
                throw HTMLParseError(
                    code: "timeout",
                    message: "parsing took more than \(limits.maximumParseSeconds) s of CPU time (stopped at \((seconds * 100).rounded() / 100) s)")
            case nil:
                if builder.pointee.stashLeaked {
                    throw HTMLParseError(code: AttributeStash.leakedCode, message: "an attribute placeholder reached the text")
                }
                return builder.pointee.finish()
            }
        case -2:
            throw HTMLParseError(message: "unsupported encoding \(charset)")
        default:
            throw HTMLParseError(message: lastErrorMessage() ?? "libxml2 could not create a parser")
        }
    }

    /// Tokenizes with SAX and no handlers: libxml2's bare parsing cost, for the benchmark.
    public static func tokenizeOnly(_ bytes: UnsafeRawBufferPointer, charset: String) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        silenceLibxml2()
        return gleaner_html_sax_parse(
            base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), charset, options, nil,
            nil, nil, nil, 0) == 0
    }

    /// libxml2 prints some errors (encoding, I/O) straight to stderr through its generic
    /// error handler even with NOERROR; stdout/stderr belong to the CLI, so install a no-op
    /// handler on the calling thread (the handler is thread-local in libxml2).
    static func silenceLibxml2() {
        gleaner_silence_libxml2()
    }

    static func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        let text = String(cString: message)
        return text.trimmedWhitespace()
    }
}

/// libxml2 could not produce a document (`message` is libxml2's own text), or the page's
/// budget ran out.
public struct HTMLParseError: Error, Sendable, Equatable {
    /// `parse_failed`, or `too_complex` / `timeout` when a `ParseLimits` budget ran out.
    public var code: String
    public var message: String

    public init(code: String = "parse_failed", message: String) {
        self.code = code
        self.message = message
    }
}

/// Where the values `AttributeLimiter` lifted out of the bytes libxml2 parses are: in the
/// input, which outlives the parse.
struct AttributeStash {
    /// Internal: the code of the error that makes `HTMLParser` parse again without stashing.
    static let leakedCode = "attribute_stash_leaked"
    let source: UnsafeRawBufferPointer
    let values: [Range<Int>]

    /// The bytes of value `number`, or nil when there is no such value.
    @inline(__always)
    func value(_ number: Int) -> UnsafeBufferPointer<UInt8>? {
        guard number < values.count else { return nil }
        let range = values[number]
        return UnsafeBufferPointer(start: source.baseAddress!.assumingMemoryBound(to: UInt8.self) + range.lowerBound, count: range.count)
    }
}
