/// RST and RST2 request bodies as clients build them (written for these tests).
enum SecurityTokenRequestBodies {
    /// The `RST.srf` request of MSN 7.5–WLM 2009 (WS-Trust 2004): `Passport.NET/tb`,
    /// `messengerclear.live.com` with `MBI_KEY_OLD`, `contacts.msn.com` with `MBI`.
    static func rst(username: String, password: String, addresses: [(String, String?)]? = nil) -> String {
        let tokens = (addresses ?? [("http://Passport.NET/tb", nil), ("messengerclear.live.com", "MBI_KEY_OLD"), ("contacts.msn.com", "MBI")])
            .enumerated().map { index, entry -> String in
                let policy: String = entry.1.map { "<wsse:PolicyReference URI=\"\($0)\"></wsse:PolicyReference>" } ?? ""
                return """
                    <wst:RequestSecurityToken Id="RST\(index)">
                      <wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType>
                      <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>\(entry.0)</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
                      \(policy)
                    </wst:RequestSecurityToken>
                    """
            }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext" \
            xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" xmlns:wsp="http://schemas.xmlsoap.org/ws/2002/12/policy" \
            xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" \
            xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing" xmlns:wssc="http://schemas.xmlsoap.org/ws/2004/04/sc" \
            xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust">
              <Header>
                <ps:AuthInfo xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="PPAuthInfo">
                  <ps:HostingApp>{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}</ps:HostingApp>
                  <ps:BinaryVersion>4</ps:BinaryVersion>
                </ps:AuthInfo>
                <wsse:Security>
                  <wsse:UsernameToken Id="user">
                    <wsse:Username>\(username)</wsse:Username>
                    <wsse:Password>\(password)</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>
              </Header>
              <Body>
                <ps:RequestMultipleSecurityTokens xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="RSTS">
            \(tokens)
                </ps:RequestMultipleSecurityTokens>
              </Body>
            </Envelope>
            """
    }

    /// The `RST2.srf` request of WLM 2009 (SOAP 1.2, WS-Trust 2005/02).
    static func rst2(username: String, password: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
        xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" \
        xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:wsa="http://www.w3.org/2005/08/addressing" \
        xmlns:wst="http://schemas.xmlsoap.org/ws/2005/02/trust" xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL">
          <s:Header>
            <wsa:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/02/trust/RST/Issue</wsa:Action>
            <wsa:To s:mustUnderstand="1">https://login.live.com:443/RST2.srf</wsa:To>
            <wsse:Security><wsse:UsernameToken wsu:Id="user" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">
              <wsse:Username>\(username)</wsse:Username><wsse:Password>\(password)</wsse:Password>
            </wsse:UsernameToken></wsse:Security>
          </s:Header>
          <s:Body>
            <ps:RequestMultipleSecurityTokens Id="RSTS">
              <wst:RequestSecurityToken Id="RST0"><wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>
                <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>http://Passport.NET/tb</wsa:Address></wsa:EndpointReference></wsp:AppliesTo></wst:RequestSecurityToken>
              <wst:RequestSecurityToken Id="RST1"><wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>
                <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
                <wsp:PolicyReference URI="MBI_KEY_OLD"/></wst:RequestSecurityToken>
              <wst:RequestSecurityToken Id="RST2"><wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>
                <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>contacts.msn.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
                <wsp:PolicyReference URI="MBI"/></wst:RequestSecurityToken>
            </ps:RequestMultipleSecurityTokens>
          </s:Body>
        </s:Envelope>
        """
    }
}
