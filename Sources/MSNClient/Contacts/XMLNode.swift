import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small read-only XML tree for the address-book answers and `<ml>` payloads. Element
/// names are local names (prefixes dropped); text is unescaped by the parser.
///
/// ```xml
/// <ml><d n="example.com"><c n="bob" l="8" t="1" f="Bob"/></d></ml>
/// ```
struct XMLNode: Sendable, Hashable {
    var name: String
    var attributes: [String: String]
    var children: [XMLNode]
    var text: String

    /// The first child named `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child named `name`.
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The trimmed text of the element at `path` below this one.
    func value(_ path: String...) -> String? {
        var node = self
        for name in path {
            guard let next = node.child(name) else { return nil }
            node = next
        }
        return node.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first element named `name` anywhere below (depth first), or `nil`.
    func descendant(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }

    /// Parses `text`; `nil` when it is not well-formed XML or nests deeper than `maximumDepth`.
    static func parse(_ text: String, maximumDepth: Int = 64) -> XMLNode? {
        let builder = Builder(maximumDepth: maximumDepth)
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), !builder.failed else { return nil }
        return builder.root
    }

    /// The `XMLParser` delegate; one per parse.
    private final class Builder: NSObject, XMLParserDelegate {
        let maximumDepth: Int
        var stack: [XMLNode] = []
        var root: XMLNode?
        var failed = false

        init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard stack.count < maximumDepth else {
                failed = true
                parser.abortParsing()
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(XMLNode(name: local, attributes: attributeDict, children: [], text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            guard let node = stack.popLast() else { return }
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }
    }
}
