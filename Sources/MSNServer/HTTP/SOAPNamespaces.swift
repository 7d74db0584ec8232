/// The XML namespaces of the two WS-Trust generations MSN clients speak.
///
/// | Prefix | `RST.srf` (2004) | `RST2.srf` (2005) |
/// |---|---|---|
/// | `S` | SOAP 1.1 envelope | SOAP 1.2 envelope |
/// | `wst` | WS-Trust 2004/04 | WS-Trust 2005/02 |
/// | `wsse` | WS-Security 2003/06 secext | OASIS WSS 1.0 secext |
/// | `wsa` | WS-Addressing 2004/03 | WS-Addressing 2005/08 |
/// | `wsp` | WS-Policy 2002/12 | WS-Policy 2004/09 |
struct SOAPNamespaces {
    let envelope: String
    let trust: String
    let security: String
    let addressing: String
    let policy: String

    init(_ flavor: SecurityTokenRequest.Flavor) {
        switch flavor {
        case .wsTrust2004:
            envelope = "http://schemas.xmlsoap.org/soap/envelope/"
            trust = "http://schemas.xmlsoap.org/ws/2004/04/trust"
            security = "http://schemas.xmlsoap.org/ws/2003/06/secext"
            addressing = "http://schemas.xmlsoap.org/ws/2004/03/addressing"
            policy = "http://schemas.xmlsoap.org/ws/2002/12/policy"
        case .wsTrust2005:
            envelope = "http://www.w3.org/2003/05/soap-envelope"
            trust = "http://schemas.xmlsoap.org/ws/2005/02/trust"
            security = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
            addressing = "http://www.w3.org/2005/08/addressing"
            policy = "http://schemas.xmlsoap.org/ws/2004/09/policy"
        }
    }

    /// WS-Security utility (`wsu`), the same in both generations.
    static let utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    /// Passport's own header and fault detail namespace (`psf`).
    static let passportFault = "http://schemas.microsoft.com/Passport/SoapServices/SOAPFault"
}
