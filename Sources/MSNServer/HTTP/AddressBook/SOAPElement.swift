import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small read-only XML tree of a SOAP request: local names (prefixes and namespaces
/// dropped), attributes, children and text. Built by ``parse(_:limits:)`` under limits.
///
/// ```swift
/// let envelope = try SOAPElement.parse(body).get()
/// envelope.first("Header", "ABAuthHeader", "TicketToken")?.text   // "t=…&p=…"
/// envelope.first("Body")?.children.first?.name                    // "ABFindAll"
/// ```
struct SOAPElement: Sendable, Hashable {
    var name: String
    var attributes: [String: String]
    var children: [SOAPElement]
    var text: String

    /// Bounds on a request document.
    struct Limits: Sendable, Hashable {
        var maximumDepth = 32
        var maximumElements = 20_000
        var maximumTextLength = 8192
    }

    /// Why a body is not a usable SOAP document.
    enum Failure: Error, Hashable {
        case malformed
        case tooLarge
    }

    /// The first child named `name`.
    func child(_ name: String) -> SOAPElement? { children.first { $0.name == name } }

    /// Every child named `name`.
    func children(_ name: String) -> [SOAPElement] { children.filter { $0.name == name } }

    /// The first element down a path of child names.
    func first(_ path: String...) -> SOAPElement? {
        var element = self
        for name in path {
            guard let next = element.child(name) else { return nil }
            element = next
        }
        return element
    }

    /// The trimmed text of the first element down `path`, `nil` when absent or empty.
    func value(_ path: String...) -> String? {
        var element = self
        for name in path {
            guard let next = element.child(name) else { return nil }
            element = next
        }
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Every element named `name` anywhere below (depth first, document order).
    func descendants(_ name: String) -> [SOAPElement] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    /// Parses `body`; a DTD, broken XML, or anything beyond `limits` is refused.
    static func parse(_ body: [UInt8], limits: Limits = Limits()) -> Result<SOAPElement, Failure> {
        guard body.contains(UInt8(ascii: "<")), !SecurityTokenRequestParser.containsDTD(body) else {
            return .failure(.malformed)
        }
        let builder = SOAPTreeBuilder(limits: limits)
        let parser = XMLParser(data: Data(body))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let succeeded = parser.parse()
        if let failure = builder.failure { return .failure(failure) }
        guard succeeded, let root = builder.root else { return .failure(.malformed) }
        return .success(root)
    }
}

/// The `XMLParserDelegate` behind ``SOAPElement/parse(_:limits:)``.
private final class SOAPTreeBuilder: NSObject, XMLParserDelegate {
    let limits: SOAPElement.Limits
    var stack: [SOAPElement] = []
    var root: SOAPElement?
    var failure: SOAPElement.Failure?
    var count = 0

    init(limits: SOAPElement.Limits) { self.limits = limits }

    private func fail(_ failure: SOAPElement.Failure, _ parser: XMLParser) {
        if self.failure == nil { self.failure = failure }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        count += 1
        guard stack.count < limits.maximumDepth, count <= limits.maximumElements else { return fail(.tooLarge, parser) }
        let local = name.split(separator: ":").last.map(String.init) ?? name
        stack.append(SOAPElement(name: local, attributes: attributes, children: [], text: ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
        if stack[stack.count - 1].text.utf8.count > limits.maximumTextLength { fail(.tooLarge, parser) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil, let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil { failure = .malformed }
    }
}
