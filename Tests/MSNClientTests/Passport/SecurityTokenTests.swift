import Testing
@testable import MSNClient

@Suite("RST / RST2 bodies")
struct SecurityTokenTests {
    /// The token collection of msnp18.txt (cipher data and headers shortened).
    static let response = """
        <?xml version="1.0" encoding="utf-8"?>
        <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
        <S:Header><psf:pp xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"><psf:PUID>60D9E1FD22B49C14</psf:PUID></psf:pp></S:Header>
        <S:Body>
        <wst:RequestSecurityTokenResponseCollection xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext" xmlns:wsp="http://schemas.xmlsoap.org/ws/2002/12/policy">
        <wst:RequestSecurityTokenResponse>
        <wst:TokenType>urn:passport:legacy</wst:TokenType>
        <wsp:AppliesTo xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing"><wsa:EndpointReference><wsa:Address>http://Passport.NET/tb</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
        <wst:RequestedSecurityToken><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#" Id="BinaryDAToken0"><CipherData><CipherValue>Cap26AQZ</CipherValue></CipherData></EncryptedData></wst:RequestedSecurityToken>
        <wst:RequestedProofToken><wst:BinarySecret>tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE</wst:BinarySecret></wst:RequestedProofToken>
        </wst:RequestSecurityTokenResponse>
        <wst:RequestSecurityTokenResponse>
        <wst:TokenType>urn:passport:compact</wst:TokenType>
        <wsp:AppliesTo xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing"><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
        <wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact2">t=feec9fc796ea393fbe2aY6+H31s&amp;p=</wsse:BinarySecurityToken></wst:RequestedSecurityToken>
        <wst:RequestedTokenReference><wsse:KeyIdentifier ValueType="urn:passport:compact"></wsse:KeyIdentifier><wsse:Reference URI="#Compact2"></wsse:Reference></wst:RequestedTokenReference><wst:RequestedProofToken>
        <wst:BinarySecret>RUFKXE68Q8AgwG/27dnAs6TNYUZ34l7U</wst:BinarySecret>
        </wst:RequestedProofToken></wst:RequestSecurityTokenResponse>			<wst:RequestSecurityTokenResponse>
        <wst:TokenType>urn:passport:compact</wst:TokenType>
        <wsp:AppliesTo xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing"><wsa:EndpointReference><wsa:Address>contacts.msn.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
        <wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact3">t=feec9fc796ea393fbe2a&amp;p=</wsse:BinarySecurityToken></wst:RequestedSecurityToken>
        </wst:RequestSecurityTokenResponse>
        </wst:RequestSecurityTokenResponseCollection>
        </S:Body>
        </S:Envelope>
        """

    @Test("Tickets and proof keys per address, XML-unescaped")
    func parseTokens() throws {
        let parsed = try SecurityTokenResponse.parse(Self.response)
        #expect(parsed.tokens.count == 3)
        let messenger = try #require(parsed.token(for: "messengerclear.live.com"))
        #expect(messenger.ticket == "t=feec9fc796ea393fbe2aY6+H31s&p=")
        #expect(messenger.proofKey == "RUFKXE68Q8AgwG/27dnAs6TNYUZ34l7U")
        #expect(parsed.token(for: "contacts.msn.com")?.ticket == "t=feec9fc796ea393fbe2a&p=")
        #expect(parsed.token(for: "contacts.msn.com")?.proofKey == nil)
        #expect(parsed.faultCode == nil)
    }

    @Test("The WS-Trust 2004 fault of negative.txt is an authentication failure")
    func fault2004() throws {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext">
            <S:Header><psf:pp xmlns:psf="http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"><psf:reqstatus>0x80048823</psf:reqstatus></psf:pp></S:Header>
            <S:Fault>
            <faultcode>wsse:FailedAuthentication</faultcode>
            <faultstring>Authentication Failure</faultstring>
            </S:Fault>
            </S:Envelope>
            """
        let parsed = try SecurityTokenResponse.parse(body)
        #expect(parsed.isAuthenticationFailure)
        #expect(parsed.faultString == "Authentication Failure")
    }

    @Test("The SOAP 1.2 fault of RST2 is an authentication failure")
    func fault2005() throws {
        let body = """
            <S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Body><S:Fault><S:Code><S:Value>S:Sender</S:Value>\
            <S:Subcode><S:Value>wst:FailedAuthentication</S:Value></S:Subcode></S:Code>\
            <S:Reason><S:Text xml:lang="en-US">Authentication Failure</S:Text></S:Reason></S:Fault></S:Body></S:Envelope>
            """
        let parsed = try SecurityTokenResponse.parse(body)
        #expect(parsed.isAuthenticationFailure)
    }

    @Test("Not XML, too deep, or empty is an HTTP failure")
    func malformed() {
        #expect(throws: MessengerClientError.self) { try SecurityTokenResponse.parse("200: OK") }
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect { try SecurityTokenResponse.parse(deep) } throws: { ($0 as? MessengerClientError)?.code == .httpFailure }
        #expect { try SecurityTokenResponse.parse("<a></a>") } throws: { ($0 as? MessengerClientError)?.code == .httpFailure }
    }

    @Test("The request names every address with its policy and escapes the credentials")
    func request() {
        let request = SecurityTokenRequest(
            flavor: .wsTrust2004, username: "alice@example.com", password: "a<b&c",
            tokens: [.init(address: "messengerclear.live.com", policy: "MBI_KEY_OLD"),
                     .init(address: "contacts.msn.com", policy: "MBI")])
        let xml = request.xml
        #expect(xml.contains("<wsse:Username>alice@example.com</wsse:Username>"))
        #expect(xml.contains("<wsse:Password>a&lt;b&amp;c</wsse:Password>"))
        #expect(xml.contains("<wsa:Address>http://Passport.NET/tb</wsa:Address>"))
        #expect(xml.contains("<wst:RequestSecurityToken Id=\"RST1\">"))
        #expect(xml.contains("<wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>\n<wsse:PolicyReference URI=\"MBI_KEY_OLD\"></wsse:PolicyReference>"))
        #expect(xml.contains("<wsse:PolicyReference URI=\"MBI\"></wsse:PolicyReference>"))
        #expect(xml.contains("xmlns:wst=\"http://schemas.xmlsoap.org/ws/2004/04/trust\""))
        let rst2 = SecurityTokenRequest(flavor: .wsTrust2005, username: "a", password: "b", tokens: []).xml
        #expect(rst2.contains("xmlns:wst=\"http://schemas.xmlsoap.org/ws/2005/02/trust\""))
        #expect(rst2.contains("http://schemas.xmlsoap.org/ws/2005/02/trust/Issue"))
    }
}
