import MSNCore

/// The SOAP body a client posts to `RST.srf` / `RST2.srf` (`RequestMultipleSecurityTokens`).
///
/// ```xml
/// <wst:RequestSecurityToken Id="RST1">
///   <wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType>
///   <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
///   <wsse:PolicyReference URI="MBI_KEY_OLD"></wsse:PolicyReference>
/// </wst:RequestSecurityToken>
/// ```
///
/// `RST0` is always the legacy `http://Passport.NET/tb` token, as every client sent it.
struct SecurityTokenRequest: Sendable, Hashable {
    /// The WS-Trust generation.
    enum Flavor: Sendable, Hashable {
        /// WS-Trust 2004/04, WS-Security 2003/06, WS-Addressing 2004/03 (`RST.srf`).
        case wsTrust2004
        /// WS-Trust 2005/02, WS-Security 1.0 (OASIS), WS-Addressing 2005/08 (`RST2.srf`).
        case wsTrust2005
    }

    /// One requested token.
    struct Token: Sendable, Hashable {
        var address: String
        var policy: String?
    }

    var flavor: Flavor
    var username: String
    var password: String
    var tokens: [Token]

    /// The envelope, with the credentials XML-escaped.
    var xml: String {
        let ns = Namespaces(flavor)
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="\(ns.security)" \
            xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" xmlns:wsp="\(ns.policy)" \
            xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" \
            xmlns:wsa="\(ns.addressing)" xmlns:wssc="\(ns.secureConversation)" xmlns:wst="\(ns.trust)">
            <Header>
            <ps:AuthInfo xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="PPAuthInfo">
            <ps:HostingApp>{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}</ps:HostingApp>
            <ps:BinaryVersion>4</ps:BinaryVersion>
            <ps:UIVersion>1</ps:UIVersion>
            <ps:Cookies></ps:Cookies>
            <ps:RequestParams>AQAAAAIAAABsYwQAAAAxMDMz</ps:RequestParams>
            </ps:AuthInfo>
            <wsse:Security>
            <wsse:UsernameToken Id="user">
            <wsse:Username>\(username.xmlEscaped)</wsse:Username>
            <wsse:Password>\(password.xmlEscaped)</wsse:Password>
            </wsse:UsernameToken>
            </wsse:Security>
            </Header>
            <Body>
            <ps:RequestMultipleSecurityTokens xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="RSTS">

            """
        let all = [Token(address: "http://Passport.NET/tb", policy: nil)] + tokens
        for (index, token) in all.enumerated() {
            text += "<wst:RequestSecurityToken Id=\"RST\(index)\">\n"
            text += "<wst:RequestType>\(ns.issue)</wst:RequestType>\n"
            text += "<wsp:AppliesTo><wsa:EndpointReference><wsa:Address>\(token.address.xmlEscaped)"
            text += "</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>\n"
            if let policy = token.policy {
                text += "<wsse:PolicyReference URI=\"\(policy.xmlEscaped)\"></wsse:PolicyReference>\n"
            }
            text += "</wst:RequestSecurityToken>\n"
        }
        text += "</ps:RequestMultipleSecurityTokens>\n</Body>\n</Envelope>"
        return text
    }

    /// The `SOAPAction` header value.
    var soapAction: String {
        switch flavor {
        case .wsTrust2004: "http://schemas.xmlsoap.org/ws/2004/04/security/trust/RST/Issue"
        case .wsTrust2005: "http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue"
        }
    }

    private struct Namespaces {
        var security, policy, addressing, secureConversation, trust, issue: String
        init(_ flavor: Flavor) {
            switch flavor {
            case .wsTrust2004:
                security = "http://schemas.xmlsoap.org/ws/2003/06/secext"
                policy = "http://schemas.xmlsoap.org/ws/2002/12/policy"
                addressing = "http://schemas.xmlsoap.org/ws/2004/03/addressing"
                secureConversation = "http://schemas.xmlsoap.org/ws/2004/04/sc"
                trust = "http://schemas.xmlsoap.org/ws/2004/04/trust"
                issue = "http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue"
            case .wsTrust2005:
                security = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
                policy = "http://schemas.xmlsoap.org/ws/2004/09/policy"
                addressing = "http://www.w3.org/2005/08/addressing"
                secureConversation = "http://schemas.xmlsoap.org/ws/2005/02/sc"
                trust = "http://schemas.xmlsoap.org/ws/2005/02/trust"
                issue = "http://schemas.xmlsoap.org/ws/2005/02/trust/Issue"
            }
        }
    }
}
