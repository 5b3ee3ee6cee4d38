import CLibXML2

/// A libxml2 DOM document, for callers that want libxml2's own tree — chiefly XPath
/// queries (per-site selectors in pipeline files) and the benchmark's parse-only baseline.
///
/// The class owns the `xmlDoc` and frees it in `deinit`; every `HTMLElement` holds a strong
/// reference to its document, so no node pointer can outlive the memory it points into.
/// The bytes are only borrowed during `init` (libxml2 copies what it keeps). Not `Sendable`:
/// keep a document inside one task and pass extracted values across.
public final class HTMLDocument {
    let pointer: htmlDocPtr

    /// Parses `bytes` (in `charset`, as decided by `CharsetDetector`).
    public init(bytes: UnsafeRawBufferPointer, charset: String = "UTF-8", url: String? = nil) throws(HTMLParseError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { throw HTMLParseError(message: "empty input") }
        guard bytes.count <= Int(Int32.max) else { throw HTMLParseError(message: "input larger than 2 GiB") }
        HTMLParser.silenceLibxml2()
        xmlResetLastError()
        guard let document = htmlReadMemory(
            base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), url, charset, HTMLParser.options)
        else {
            throw HTMLParseError(message: HTMLParser.lastErrorMessage() ?? "libxml2 returned no document")
        }
        pointer = document
    }

    /// Parses a byte array, detecting the charset as the extractor does.
    public static func parse(html: [UInt8], declaredCharset: String? = nil) throws(HTMLParseError) -> HTMLDocument {
        let result = html.withUnsafeBytes { buffer in
            Result { () throws(HTMLParseError) -> HTMLDocument in
                let decision = CharsetDetector.detect(buffer, declared: declaredCharset)
                return try HTMLDocument(
                    bytes: UnsafeRawBufferPointer(rebasing: buffer[decision.skipBytes...]), charset: decision.charset)
            }
        }
        return try result.get()
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element (`<html>`), if any.
    public var root: HTMLElement? {
        xmlDocGetRootElement(pointer).map { HTMLElement(document: self, pointer: $0) }
    }

    /// Elements matching an XPath 1.0 expression, in document order.
    /// - Throws: `HTMLParseError` with libxml2's message for an invalid expression.
    public func xpath(_ expression: String, from context: HTMLElement? = nil) throws(HTMLParseError) -> [HTMLElement] {
        guard let xpathContext = xmlXPathNewContext(pointer) else {
            throw HTMLParseError(message: "libxml2 could not create an XPath context")
        }
        defer { xmlXPathFreeContext(xpathContext) }
        if let context { xpathContext.pointee.node = context.pointer }
        xmlResetLastError()
        guard let result = xmlXPathEvalExpression(expression, xpathContext) else {
            throw HTMLParseError(message: "invalid XPath \(expression): \(HTMLParser.lastErrorMessage() ?? "unknown error")")
        }
        defer { xmlXPathFreeObject(result) }
        guard let nodeSet = result.pointee.nodesetval else { return [] }
        var elements: [HTMLElement] = []
        elements.reserveCapacity(Int(nodeSet.pointee.nodeNr))
        for index in 0..<Int(nodeSet.pointee.nodeNr) {
            if let node = nodeSet.pointee.nodeTab[index], node.pointee.type == XML_ELEMENT_NODE {
                elements.append(HTMLElement(document: self, pointer: node))
            }
        }
        return elements
    }
}

/// An element of an `HTMLDocument`. Keeps its document alive.
public struct HTMLElement {
    public let document: HTMLDocument
    let pointer: xmlNodePtr

    /// Lower-case tag name.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    /// The value of an attribute, if present.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { gleaner_xml_free(value) }
        return String(cString: value)
    }

    /// All text below the element, as libxml2 concatenates it (scripts included).
    public var textContent: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { gleaner_xml_free(content) }
        return String(cString: content)
    }

    /// Child elements in order.
    public var children: [HTMLElement] {
        var result: [HTMLElement] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(HTMLElement(document: document, pointer: node)) }
            child = node.pointee.next
        }
        return result
    }
}
