import MSNCore
import Foundation
import MSNAuth

/// Writes the answer to a successful RST/RST2 request: a
/// `wst:RequestSecurityTokenResponseCollection` with one `wst:RequestSecurityTokenResponse`
/// per requested token, in request order.
///
/// ```xml
/// <wst:RequestSecurityTokenResponse>
///   <wst:TokenType>urn:passport:compact</wst:TokenType>
///   <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
///   <wst:Lifetime><wsu:Created>2026-01-01T00:00:00Z</wsu:Created><wsu:Expires>2026-01-02T00:00:00Z</wsu:Expires></wst:Lifetime>
///   <wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact1">t=…&amp;p=…</wsse:BinarySecurityToken></wst:RequestedSecurityToken>
///   <wst:RequestedProofToken><wst:BinarySecret>tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE</wst:BinarySecret></wst:RequestedProofToken>
/// </wst:RequestSecurityTokenResponse>
/// ```
///
/// `http://Passport.NET/tb` is answered with an opaque `EncryptedData` blob (`urn:passport:legacy`)
/// that clients ignore; every other address gets a compact ticket from the ``TicketStore``,
/// bound to that address. The `messengerclear.live.com` answer carries the ticket's proof key.
struct SecurityTokenResponse {
    /// One answered token.
    enum Answer {
        /// The legacy `Passport.NET/tb` blob.
        case legacy(address: String, created: Date, expires: Date)
        /// A compact ticket.
        case compact(address: String, ticket: IssuedTicket, includesProofKey: Bool)
    }

    var flavor: SecurityTokenRequest.Flavor
    var account: Account
    var answers: [Answer]
    var now: Date

    /// The whole SOAP envelope.
    func xml() -> String {
        let ns = SOAPNamespaces(flavor)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <S:Envelope xmlns:S="\(ns.envelope)" xmlns:wsse="\(ns.security)" xmlns:wsu="\(SOAPNamespaces.utility)" xmlns:wsa="\(ns.addressing)">
            <S:Header>

            """
        if flavor == .wsTrust2005 {
            xml += """
                <wsa:Action S:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue</wsa:Action>
                <wsa:To S:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>
                <wsse:Security S:mustUnderstand="1"><wsu:Timestamp wsu:Id="TS"><wsu:Created>\(Self.timestamp(now))</wsu:Created><wsu:Expires>\(Self.timestamp(now.addingTimeInterval(300)))</wsu:Expires></wsu:Timestamp></wsse:Security>

                """
        }
        xml += passportHeader()
        xml += """
            </S:Header>
            <S:Body>
            <wst:RequestSecurityTokenResponseCollection xmlns:wst="\(ns.trust)" xmlns:wsp="\(ns.policy)" xmlns:psf="\(SOAPNamespaces.passportFault)" xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion">

            """
        for (index, answer) in answers.enumerated() {
            xml += tokenResponse(answer, index: index)
        }
        xml += """
            </wst:RequestSecurityTokenResponseCollection>
            </S:Body>
            </S:Envelope>
            """
        return xml
    }

    /// The `psf:pp` header: who signed in (PUID, CID, member name) and a success status.
    private func passportHeader() -> String {
        """
        <psf:pp xmlns:psf="\(SOAPNamespaces.passportFault)">
        <psf:serverVersion>1</psf:serverVersion>
        <psf:PUID>\(account.puidHex)</psf:PUID>
        <psf:configVersion>16.000.26889.00</psf:configVersion>
        <psf:uiVersion>3.100.2179.0</psf:uiVersion>
        <psf:authstate>0x48803</psf:authstate>
        <psf:reqstatus>0x0</psf:reqstatus>
        <psf:serverInfo Path="Live1" RollingUpgradeState="ExclusiveNew" LocVersion="0" ServerTime="\(Self.timestamp(now))">swift-msn</psf:serverInfo>
        <psf:cookies/>
        <psf:credProperties>
        <psf:credProperty Name="MainBrandID">MSFT</psf:credProperty>
        <psf:credProperty Name="BrandIDList"></psf:credProperty>
        <psf:credProperty Name="IsWinLiveUser">true</psf:credProperty>
        <psf:credProperty Name="CID">\(account.cidHex)</psf:credProperty>
        <psf:credProperty Name="AuthMembername">\(account.email.xmlEscaped)</psf:credProperty>
        <psf:credProperty Name="Country">US</psf:credProperty>
        <psf:credProperty Name="Language">1033</psf:credProperty>
        </psf:credProperties>
        <psf:extProperties>
        <psf:extProperty Name="CID">\(account.cidHex)</psf:extProperty>
        </psf:extProperties>
        <psf:response/>
        </psf:pp>

        """
    }

    private func tokenResponse(_ answer: Answer, index: Int) -> String {
        switch answer {
        case .legacy(let address, let created, let expires):
            let cipher = Data(SecureToken.randomBytes(96)).base64EncodedString()
            return """
                <wst:RequestSecurityTokenResponse>
                <wst:TokenType>urn:passport:legacy</wst:TokenType>
                \(appliesTo(address))
                \(lifetime(created: created, expires: expires))
                <wst:RequestedSecurityToken><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Id="BinaryDAToken\(index)" Type="http://www.w3.org/2001/04/xmlenc#Element"><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#tripledes-cbc"></EncryptionMethod><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:KeyName>http://Passport.NET/STS</ds:KeyName></ds:KeyInfo><CipherData><CipherValue>\(cipher)</CipherValue></CipherData></EncryptedData></wst:RequestedSecurityToken>
                \(reference(uri: "#BinaryDAToken\(index)", valueType: "urn:passport"))
                <wst:RequestedProofToken><wst:BinarySecret>\(SecureToken.proofKey())</wst:BinarySecret></wst:RequestedProofToken>
                </wst:RequestSecurityTokenResponse>

                """
        case .compact(let address, let ticket, let includesProofKey):
            let proof = includesProofKey
                ? "<wst:RequestedProofToken><wst:BinarySecret>\(ticket.proofKey.xmlEscaped)</wst:BinarySecret></wst:RequestedProofToken>\n"
                : ""
            return """
                <wst:RequestSecurityTokenResponse>
                <wst:TokenType>urn:passport:compact</wst:TokenType>
                \(appliesTo(address))
                \(lifetime(created: ticket.issuedAt, expires: ticket.expiresAt))
                <wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact\(index)">\(ticket.ticket.xmlEscaped)</wsse:BinarySecurityToken></wst:RequestedSecurityToken>
                \(reference(uri: "#Compact\(index)", valueType: "urn:passport:compact"))
                \(proof)</wst:RequestSecurityTokenResponse>

                """
        }
    }

    private func appliesTo(_ address: String) -> String {
        "<wsp:AppliesTo><wsa:EndpointReference><wsa:Address>\(address.xmlEscaped)</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>"
    }

    private func lifetime(created: Date, expires: Date) -> String {
        "<wst:Lifetime><wsu:Created>\(Self.timestamp(created))</wsu:Created><wsu:Expires>\(Self.timestamp(expires))</wsu:Expires></wst:Lifetime>"
    }

    /// WS-Trust 2004 refers to the token with `RequestedTokenReference`; 2005 with the
    /// attached/unattached pair.
    private func reference(uri: String, valueType: String) -> String {
        switch flavor {
        case .wsTrust2004:
            return "<wst:RequestedTokenReference><wsse:KeyIdentifier ValueType=\"\(valueType)\"></wsse:KeyIdentifier><wsse:Reference URI=\"\(uri)\"></wsse:Reference></wst:RequestedTokenReference>"
        case .wsTrust2005:
            let reference = "<wsse:SecurityTokenReference><wsse:Reference URI=\"\(uri)\"></wsse:Reference></wsse:SecurityTokenReference>"
            return "<wst:RequestedAttachedReference>\(reference)</wst:RequestedAttachedReference><wst:RequestedUnattachedReference>\(reference)</wst:RequestedUnattachedReference>"
        }
    }

    /// `2026-01-02T03:04:05Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
