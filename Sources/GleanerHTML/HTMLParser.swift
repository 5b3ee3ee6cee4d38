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

    /// Parses `bytes` in the given encoding (a label from `CharsetDetector`).
    /// - Throws: `HTMLParseError` carrying libxml2's own message.
    /// - Parameter scriptText: which `script`/`style` texts the tree keeps (all by default).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, charset: String, url: String? = nil, scriptText: ScriptTextPolicy = .all
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
                Result { () throws(HTMLParseError) in try parse(converted, charset: "UTF-8", url: url, scriptText: scriptText) }
            }
            return try result.get()
        }
        silenceLibxml2()
        xmlResetLastError()
        let builder = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: SAXTreeBuilder(estimatedBytes: bytes.count, scriptText: scriptText))
        defer { builder.deinitialize(count: 1).deallocate() }
        let status = gleaner_html_sax_parse(
            base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), charset, options, builder,
            { user, name, attributes in
                user!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.startElement(name, attributes)
            },
            { user, _ in
                user!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.endElement()
            },
            { user, characters, length in
                user!.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.characters(characters, length)
            })
        switch status {
        case 0:
            return builder.pointee.finish()
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
            nil, nil, nil) == 0
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

/// libxml2 could not produce a document; `message` is libxml2's own text.
public struct HTMLParseError: Error, Sendable, Equatable {
    public var message: String
}

