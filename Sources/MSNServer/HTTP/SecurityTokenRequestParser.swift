import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a ``SecurityTokenRequest`` out of an RST/RST2 SOAP body with `XMLParser`.
///
/// Reading is namespace-aware but prefix-agnostic and lenient about layout, as clients
/// differ: the first `Username` and `Password` elements anywhere are the credentials, and
/// every `RequestSecurityToken` element contributes the text of its `Address` element and the
/// `URI` of its `PolicyReference`. The WS-Trust namespace of `RequestSecurityToken` picks the
/// flavor of the answer.
///
/// Hostile input is bounded: documents with a DTD (`<!DOCTYPE`, hence no entity expansion)
/// are refused outright, as SOAP forbids them anyway; nesting deeper than
/// ``Limits/maximumDepth``, more than ``Limits/maximumTokens`` requested tokens or text runs
/// longer than ``Limits/maximumTextLength`` abort the parse. The body size is capped before
/// parsing, by the HTTP layer.
final class SecurityTokenRequestParser: NSObject, XMLParserDelegate {
    /// Bounds on what a request may contain.
    struct Limits: Sendable {
        var maximumDepth = 32
        var maximumTokens = 32
        var maximumTextLength = 4096
    }

    /// Why a body is not a usable token request.
    enum Failure: Error, Hashable {
        /// Not well-formed XML, or a DTD.
        case malformed(String)
        /// Deeper, longer or with more tokens than the limits allow.
        case tooLarge(String)
        /// No `Username` or no `Password`.
        case missingCredentials
        /// No `RequestSecurityToken` with an `Address`.
        case noTokens
    }

    static let trust2004Namespace = "http://schemas.xmlsoap.org/ws/2004/04/trust"
    static let trust2005Namespace = "http://schemas.xmlsoap.org/ws/2005/02/trust"
    static let soap12Namespace = "http://www.w3.org/2003/05/soap-envelope"

    private let limits: Limits
    private var depth = 0
    private var text = ""
    private var capturing: String?
    private var username: String?
    private var password: String?
    private var tokens: [SecurityTokenRequest.Token] = []
    private var currentToken: SecurityTokenRequest.Token?
    private var tokenDepth: Int?
    private var failure: Failure?
    /// The flavor the namespaces point to, as soon as one is seen.
    private(set) var detectedFlavor: SecurityTokenRequest.Flavor?

    private init(limits: Limits) {
        self.limits = limits
    }

    /// Parses `body`.
    ///
    /// - Returns: The request, or why it is unusable together with the flavor the document
    ///   seemed to use (for the flavor of the fault).
    static func parse(_ body: [UInt8], limits: Limits = Limits()) -> Result<SecurityTokenRequest, Failure> {
        parseDetectingFlavor(body, limits: limits).result
    }

    /// Like ``parse(_:limits:)``, also returning the flavor seen even when parsing fails.
    static func parseDetectingFlavor(_ body: [UInt8], limits: Limits = Limits()) -> (result: Result<SecurityTokenRequest, Failure>, flavor: SecurityTokenRequest.Flavor?) {
        guard body.contains(where: { $0 == UInt8(ascii: "<") }) else {
            return (.failure(.malformed("no XML element")), nil)
        }
        if containsDTD(body) {
            return (.failure(.malformed("a DTD is not allowed in SOAP")), nil)
        }
        let delegate = SecurityTokenRequestParser(limits: limits)
        let parser = XMLParser(data: Data(body))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let succeeded = parser.parse()
        if let failure = delegate.failure {
            return (.failure(failure), delegate.detectedFlavor)
        }
        guard succeeded else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            return (.failure(.malformed(reason)), delegate.detectedFlavor)
        }
        guard let username = delegate.username, let password = delegate.password else {
            return (.failure(.missingCredentials), delegate.detectedFlavor)
        }
        guard !delegate.tokens.isEmpty else {
            return (.failure(.noTokens), delegate.detectedFlavor)
        }
        let request = SecurityTokenRequest(flavor: delegate.detectedFlavor ?? .wsTrust2004, username: username, password: password, tokens: delegate.tokens)
        return (.success(request), delegate.detectedFlavor)
    }

    /// Whether the document declares a DTD (`<!DOCTYPE`, any case).
    static func containsDTD(_ body: [UInt8]) -> Bool {
        let marker = Array("<!doctype".utf8)
        guard body.count >= marker.count else { return false }
        for start in 0...(body.count - marker.count) where body[start] == UInt8(ascii: "<") {
            var matches = true
            for offset in 1..<marker.count {
                let byte = body[start + offset]
                let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                if lowered != marker[offset] {
                    matches = false
                    break
                }
            }
            if matches { return true }
        }
        return false
    }

    private func fail(_ failure: Failure, _ parser: XMLParser) {
        if self.failure == nil {
            self.failure = failure
        }
        parser.abortParsing()
    }

    // MARK: - XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        depth += 1
        guard depth <= limits.maximumDepth else {
            return fail(.tooLarge("nesting deeper than \(limits.maximumDepth)"), parser)
        }
        if namespaceURI == Self.soap12Namespace, detectedFlavor == nil {
            detectedFlavor = .wsTrust2005
        }
        switch elementName {
        case "RequestSecurityToken":
            switch namespaceURI {
            case Self.trust2005Namespace: detectedFlavor = .wsTrust2005
            case Self.trust2004Namespace: detectedFlavor = .wsTrust2004
            default: break
            }
            guard tokens.count < limits.maximumTokens else {
                return fail(.tooLarge("more than \(limits.maximumTokens) requested tokens"), parser)
            }
            currentToken = SecurityTokenRequest.Token(id: attributeDict["Id"], address: "", policyReference: nil)
            tokenDepth = depth
        case "PolicyReference":
            currentToken?.policyReference = attributeDict["URI"]
        case "Username" where username == nil, "Password" where password == nil:
            capturing = elementName
            text = ""
        case "Address" where currentToken != nil:
            capturing = elementName
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard capturing != nil, failure == nil else { return }
        text += string
        if text.utf8.count > limits.maximumTextLength {
            fail(.tooLarge("text longer than \(limits.maximumTextLength) bytes"), parser)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        if let capturing, capturing == elementName {
            switch capturing {
            case "Username": username = text
            case "Password": password = text
            case "Address": currentToken?.address = text.trimmingASCIIWhitespace()
            default: break
            }
            self.capturing = nil
        }
        if elementName == "RequestSecurityToken", depth == tokenDepth, let token = currentToken {
            if !token.address.isEmpty {
                tokens.append(token)
            }
            currentToken = nil
            tokenDepth = nil
        }
        depth -= 1
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = .malformed("not well-formed XML")
        }
    }
}
