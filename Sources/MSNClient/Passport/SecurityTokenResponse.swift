import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a client needs from an `RST.srf` / `RST2.srf` answer: per requested address, the
/// `BinarySecurityToken` (the compact ticket, XML-unescaped) and the `BinarySecret` (the proof
/// key); or the fault that refused the request.
///
/// ```xml
/// <wst:RequestSecurityTokenResponse>
///   <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address>…
///   <wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact1">t=…&amp;p=…</wsse:BinarySecurityToken>…
///   <wst:RequestedProofToken><wst:BinarySecret>tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE</wst:BinarySecret>…
/// ```
///
/// Elements are matched by local name, whatever their prefix or namespace (both WS-Trust
/// generations, and servers that differ in prefixes, read the same).
struct SecurityTokenResponse: Sendable, Hashable {
    /// One token.
    struct Token: Sendable, Hashable {
        var address: String
        var ticket: String?
        var proofKey: String?
    }

    /// The tokens in document order.
    var tokens: [Token]
    /// The fault code or subcode (`wsse:FailedAuthentication`), when the answer is a fault.
    var faultCode: String?
    /// The fault text, when the answer is a fault.
    var faultString: String?

    /// The token for an address (`messengerclear.live.com`), compared case-insensitively.
    func token(for address: String) -> Token? {
        tokens.first { $0.address.lowercased() == address.lowercased() }
    }

    /// `true` when the fault means "wrong credentials".
    var isAuthenticationFailure: Bool {
        guard let faultCode else { return false }
        return faultCode.hasSuffix("FailedAuthentication")
    }

    /// Parses a response body.
    ///
    /// - Throws: ``MessengerClientError/Code/httpFailure`` when the body is not XML, is deeper
    ///   than `maximumDepth`, or is neither a token collection nor a fault.
    static func parse(_ body: String, maximumDepth: Int = 64) throws(MessengerClientError) -> SecurityTokenResponse {
        let reader = Reader(maximumDepth: maximumDepth)
        let parser = XMLParser(data: Data(body.utf8))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        if reader.tooDeep {
            throw MessengerClientError(.httpFailure, "the token response nests deeper than \(maximumDepth) elements")
        }
        guard parsed else {
            throw MessengerClientError(.httpFailure, "the token response is not XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        let response = SecurityTokenResponse(tokens: reader.tokens, faultCode: reader.faultCode, faultString: reader.faultString)
        guard !response.tokens.isEmpty || response.faultCode != nil else {
            throw MessengerClientError(.httpFailure, "the token response holds neither tokens nor a fault")
        }
        return response
    }

    /// The `XMLParser` delegate; one per parse, never shared.
    private final class Reader: NSObject, XMLParserDelegate {
        let maximumDepth: Int
        var tokens: [Token] = []
        var faultCode: String?
        var faultString: String?
        var tooDeep = false

        private var path: [String] = []
        private var text = ""
        private var current: Token?

        init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

        private static func local(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let name = Self.local(elementName)
            path.append(name)
            if path.count > maximumDepth {
                tooDeep = true
                parser.abortParsing()
                return
            }
            text = ""
            if name == "RequestSecurityTokenResponse" { current = Token(address: "") }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            let name = Self.local(elementName)
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let inFault = path.contains("Fault")
            switch name {
            case "Address" where current != nil: current?.address = value
            case "BinarySecurityToken" where current != nil: current?.ticket = value
            case "BinarySecret" where current != nil: current?.proofKey = value
            case "RequestSecurityTokenResponse":
                if let current { tokens.append(current) }
                current = nil
            case "faultcode" where inFault: faultCode = value
            case "Value" where inFault && path.contains("Subcode"): faultCode = value
            case "Value" where inFault && faultCode == nil: faultCode = value
            case "faultstring" where inFault, "Text" where inFault: faultString = value
            default: break
            }
            if !path.isEmpty { path.removeLast() }
            text = ""
        }
    }
}
