/// A parsed WS-Trust token request: the body of `POST /RST.srf` or `POST /RST2.srf`.
///
/// ```xml
/// <wsse:UsernameToken Id="user">
///   <wsse:Username>alice@example.com</wsse:Username><wsse:Password>secret</wsse:Password>
/// </wsse:UsernameToken>
/// …
/// <wst:RequestSecurityToken Id="RST1">
///   <wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType>
///   <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
///   <wsse:PolicyReference URI="MBI_KEY_OLD"></wsse:PolicyReference>
/// </wst:RequestSecurityToken>
/// ```
///
/// See ``SecurityTokenRequestParser`` for how it is read.
struct SecurityTokenRequest: Sendable, Hashable {
    /// Which generation of WS-Trust the client speaks; the answer uses the same one.
    enum Flavor: Sendable, Hashable {
        /// `RST.srf`: SOAP 1.1, WS-Trust 2004/04, WS-Security 2003/06 (MSN 7.5, WLM 8).
        case wsTrust2004
        /// `RST2.srf`: SOAP 1.2, WS-Trust 2005/02, OASIS WS-Security 1.0 (WLM 2009).
        case wsTrust2005
    }

    /// One `wst:RequestSecurityToken`.
    struct Token: Sendable, Hashable {
        /// The `Id` attribute (`RST1`), if any.
        var id: String?
        /// The `wsa:Address` inside `wsp:AppliesTo`, as sent.
        var address: String
        /// The `URI` of `wsse:PolicyReference` (`MBI_KEY_OLD`, `MBI`, `?id=507`…), if any.
        var policyReference: String?

        /// The service the token is for.
        var service: PassportService { PassportService(address) }
    }

    /// The WS-Trust generation, from the namespace of `RequestSecurityToken`.
    var flavor: Flavor
    /// `wsse:Username`.
    var username: String
    /// `wsse:Password`.
    var password: String
    /// The requested tokens, in request order.
    var tokens: [Token]
}
