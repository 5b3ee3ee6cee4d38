import CLibXML2

/// Converts a libxml2 document into a `DOMTree` with an explicit stack (no recursion, so
/// pathologically deep pages cannot overflow the thread's stack).
enum DOMBuilder {
    static func build(from document: htmlDocPtr) -> DOMTree {
        var nodes: [DOMNode] = []
        nodes.reserveCapacity(2048)
        // The document itself becomes node 0, a synthetic "#document" element.
        nodes.append(DOMNode(kind: .element, name: "#document", text: "", attributes: [], parent: -1, depth: 0))

        // Stack of (libxml node to visit next among siblings, parent index in `nodes`).
        var stack: [(UnsafeMutablePointer<xmlNode>?, Int32)] = [(document.pointee.children, 0)]
        var lastChild: [Int32] = [-1]  // last appended child per open parent, parallel to `openParents`
        var openParents: [Int32] = [0]

        while !stack.isEmpty {
            let top = stack.count - 1
            guard let current = stack[top].0 else {
                // Close this parent: its subtree ends at the last appended node.
                let parentIndex = Int(stack[top].1)
                nodes[parentIndex].subtreeEnd = nodes.count - 1
                stack.removeLast()
                openParents.removeLast()
                lastChild.removeLast()
                continue
            }
            stack[top].0 = current.pointee.next
            let parentIndex = stack[top].1
            let depth = Int32(stack.count)

            var appended: Int32 = -1
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = lowercasedName(current.pointee.name)
                let index = Int32(nodes.count)
                nodes.append(DOMNode(
                    kind: .element, name: name, text: "", attributes: attributes(of: current),
                    parent: parentIndex, depth: depth))
                appended = index
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = current.pointee.content else { break }
                let index = Int32(nodes.count)
                nodes.append(DOMNode(
                    kind: .text, name: "", text: String(cString: content), attributes: [],
                    parent: parentIndex, depth: depth))
                nodes[Int(index)].subtreeEnd = Int(index)
                appended = index
            default:
                break  // comments, processing instructions, DTD nodes carry no content
            }

            if appended >= 0 {
                let previous = lastChild[lastChild.count - 1]
                if previous >= 0 {
                    nodes[Int(previous)].nextSibling = appended
                } else {
                    nodes[Int(parentIndex)].firstChild = appended
                }
                lastChild[lastChild.count - 1] = appended
                if current.pointee.type == XML_ELEMENT_NODE {
                    if current.pointee.children != nil {
                        stack.append((current.pointee.children, appended))
                        openParents.append(appended)
                        lastChild.append(-1)
                    } else {
                        nodes[Int(appended)].subtreeEnd = Int(appended)
                    }
                }
            }
        }
        nodes[0].subtreeEnd = nodes.count - 1
        return DOMTree(nodes: nodes)
    }

    private static func lowercasedName(_ name: UnsafePointer<xmlChar>?) -> String {
        guard let name else { return "" }
        // libxml2's HTML parser already lower-cases known tags; unknown ones may keep case.
        let string = String(cString: name)
        if string.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return string.lowercased() }
        return string
    }

    private static func attributes(of node: UnsafeMutablePointer<xmlNode>) -> [HTMLAttribute] {
        var result: [HTMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = lowercasedName(current.pointee.name)
            var value = ""
            var child = current.pointee.children
            while let valueNode = child {
                if let content = valueNode.pointee.content { value += String(cString: content) }
                child = valueNode.pointee.next
            }
            result.append(HTMLAttribute(name: name, value: value))
            attribute = current.pointee.next
        }
        return result
    }
}
