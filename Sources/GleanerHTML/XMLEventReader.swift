import CLibXML2

/// One attribute of an XML element, as written: local name, prefix (`rdf` in `rdf:about`),
/// value with entities and character references decoded.
public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var prefix: String?
    public var value: String

    /// `prefix:name`, or `name` without a prefix.
    public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

/// Receives a streaming XML read. Element names come without their prefix; `namespace` is
/// the namespace URI the prefix (or a default namespace) stands for.
public protocol XMLEventHandler: AnyObject {
    /// Returns false to end the read here (a root element that is not wanted).
    func startElement(_ name: String, namespace: String?, attributes: [XMLAttribute]) -> Bool
    func endElement(_ name: String, namespace: String?)
    /// Character data and CDATA sections, in pieces (one text node may arrive in several).
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// How a read ended.
public struct XMLReadOutcome: Sendable, Equatable {
    /// No well-formedness error up to where the read stopped.
    public var wellFormed: Bool
    /// The handler ended the read.
    public var stoppedByHandler: Bool
    /// libxml2's message for the error that ended the read.
    public var error: String?
    /// Where that error is (1-based; 0 when there is none).
    public var line: Int
    public var column: Int
}

/// Streams an XML document through libxml2's SAX2 interface, namespace-aware, without
/// building a tree: feeds and sitemaps, which can be tens of megabytes, are read in one pass.
///
/// Why not FoundationXML's `XMLParser`: it sits on the same libxml2 but its callbacks trap or
/// read through NULL on input a feed URL can serve (a processing instruction without data, a
/// notation or unparsed entity declaration, an element name that is not UTF-8 — each found by
/// the `discovery` fuzzer or while fixing its finding), and it builds an `NSString` and a
/// dictionary per callback. Here only the callbacks a listing needs are set; DTD
/// declarations are parsed and dropped, so no entity other than XML's five and character
/// references is ever expanded, and nothing is loaded from the network or the disk.
public enum XMLEventReader {
    static let options = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Reads `bytes` (any encoding libxml2 detects from a byte-order mark or the XML
    /// declaration; UTF-8 otherwise) into `handler`.
    public static func read(_ bytes: [UInt8], into handler: any XMLEventHandler) -> XMLReadOutcome {
        guard !bytes.isEmpty else {
            return XMLReadOutcome(wellFormed: false, stoppedByHandler: false, error: "Document is empty", line: 1, column: 1)
        }
        gleaner_silence_libxml2()
        let state = ReadState(handler)
        let user = Unmanaged.passUnretained(state).toOpaque()
        var sax = Self.handlers()
        // The first four bytes go in with the context: libxml2 detects the encoding from them.
        let head = min(4, bytes.count)
        let created: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: head) { start in
                xmlCreatePushParserCtxt(&sax, user, start, Int32(head), nil)
            }
        }
        guard let context = created else {
            return XMLReadOutcome(wellFormed: false, stoppedByHandler: false, error: "libxml2 could not create a parser", line: 0, column: 0)
        }
        defer { xmlFreeParserCtxt(context) }
        _ = xmlCtxtUseOptions(context, options)
        state.context = context
        var status: Int32 = 0
        var offset = head
        // Chunks of at most 1 GiB: xmlParseChunk takes an Int32 length.
        repeat {
            let count = min(bytes.count - offset, 1 << 30)
            let last = offset + count == bytes.count
            status = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { start in
                    xmlParseChunk(context, start, Int32(count), last ? 1 : 0)
                }
            }
            offset += count
        } while offset < bytes.count && status == 0 && !state.stopped
        let wellFormed = context.pointee.wellFormed != 0 && (status == 0 || state.stopped)
        var outcome = XMLReadOutcome(wellFormed: wellFormed, stoppedByHandler: state.stopped, error: nil, line: 0, column: 0)
        if !wellFormed, let error = xmlCtxtGetLastError(context) {
            outcome.error = error.pointee.message.map { String(cString: $0).trimmedWhitespace() }
            outcome.line = Int(error.pointee.line)
            outcome.column = Int(error.pointee.int2)
        }
        return outcome
    }

    /// The SAX2 callbacks; none captures anything (they are C function pointers), each finds
    /// its `ReadState` through the user pointer.
    static func handlers() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        // XML_SAX2_MAGIC (0xDEEDBEAF): use the namespace-aware element callbacks.
        sax.initialized = 0xDEED_BEAF
        sax.startElementNs = { user, name, _, uri, _, _, count, _, attributes in
            guard let user, let name else { return }
            let state = Unmanaged<ReadState>.fromOpaque(user).takeUnretainedValue()
            guard !state.stopped else { return }
            var list: [XMLAttribute] = []
            if let attributes, count > 0 {
                list.reserveCapacity(Int(count))
                for index in 0..<Int(count) {
                    // Five pointers per attribute: local name, prefix, URI, value start, value end.
                    let base = index * 5
                    guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                    list.append(XMLAttribute(
                        name: String(cString: local), prefix: attributes[base + 1].map { String(cString: $0) },
                        value: String(decoding: UnsafeBufferPointer(start: start, count: max(0, end - start)), as: UTF8.self)))
                }
            }
            if !state.handler.startElement(String(cString: name), namespace: uri.map { String(cString: $0) }, attributes: list) {
                state.stopped = true
                if let context = state.context { xmlStopParser(context) }
            }
        }
        sax.endElementNs = { user, name, _, uri in
            guard let user, let name else { return }
            let state = Unmanaged<ReadState>.fromOpaque(user).takeUnretainedValue()
            guard !state.stopped else { return }
            state.handler.endElement(String(cString: name), namespace: uri.map { String(cString: $0) })
        }
        sax.characters = { user, characters, length in
            guard let user, let characters, length > 0 else { return }
            let state = Unmanaged<ReadState>.fromOpaque(user).takeUnretainedValue()
            guard !state.stopped else { return }
            state.handler.text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        return sax
    }

    /// What the callbacks share for one read.
    final class ReadState {
        let handler: any XMLEventHandler
        var context: xmlParserCtxtPtr?
        var stopped = false

        init(_ handler: any XMLEventHandler) { self.handler = handler }
    }
}
