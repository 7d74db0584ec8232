import MSNCore
import Foundation

/// Writes the SOAP fault that refuses an RST/RST2 request.
///
/// A wrong password is answered the way Passport did, with the fault code clients look for
/// (papyon and libpurple treat any fault as "wrong password"):
///
/// ```xml
/// <S:Fault><faultcode>wsse:FailedAuthentication</faultcode><faultstring>Authentication Failure</faultstring></S:Fault>
/// ```
///
/// and for RST2, in SOAP 1.2 form, with `wst:FailedAuthentication` as the subcode and Passport's
/// error `0x80048821` ("the entered and stored passwords do not match") in the detail.
/// Requests that cannot be understood get `wst:InvalidRequest` with a short reason.
struct SecurityTokenFault {
    /// Why the request is refused.
    enum Kind: Hashable {
        /// Unknown account or wrong password.
        case failedAuthentication
        /// Malformed, oversized or incomplete request; the text says which.
        case invalidRequest(String)
        /// The server cannot check passwords right now (storage failure).
        case unavailable
    }

    var flavor: SecurityTokenRequest.Flavor
    var kind: Kind
    var now: Date

    /// The whole SOAP envelope.
    func xml() -> String {
        let ns = SOAPNamespaces(flavor)
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <S:Envelope xmlns:S="\(ns.envelope)" xmlns:wsse="\(ns.security)" xmlns:wst="\(ns.trust)" xmlns:psf="\(SOAPNamespaces.passportFault)">
            <S:Header>
            <psf:pp xmlns:psf="\(SOAPNamespaces.passportFault)">
            <psf:serverVersion>1</psf:serverVersion>
            <psf:authstate>0x80048800</psf:authstate>
            <psf:reqstatus>\(requestStatus)</psf:reqstatus>
            <psf:serverInfo Path="Live1" RollingUpgradeState="ExclusiveNew" LocVersion="0" ServerTime="\(SecurityTokenResponse.timestamp(now))">swift-msn</psf:serverInfo>
            <psf:cookies/>
            <psf:response/>
            </psf:pp>
            </S:Header>
            <S:Body>
            \(fault)
            </S:Body>
            </S:Envelope>
            """
    }

    private var requestStatus: String {
        switch (kind, flavor) {
        case (.failedAuthentication, .wsTrust2004): "0x80048823"
        case (.failedAuthentication, .wsTrust2005): "0x80048821"
        case (.invalidRequest, _), (.unavailable, _): "0x80048800"
        }
    }

    private var fault: String {
        switch (kind, flavor) {
        case (.failedAuthentication, .wsTrust2004):
            return "<S:Fault><faultcode>wsse:FailedAuthentication</faultcode><faultstring>Authentication Failure</faultstring></S:Fault>"
        case (.invalidRequest(let reason), .wsTrust2004):
            return "<S:Fault><faultcode>wst:InvalidRequest</faultcode><faultstring>Invalid Request: \(reason.xmlEscaped)</faultstring></S:Fault>"
        case (.unavailable, .wsTrust2004):
            return "<S:Fault><faultcode>S:Server</faultcode><faultstring>Service Unavailable</faultstring></S:Fault>"
        case (.unavailable, .wsTrust2005):
            return """
                <S:Fault><S:Code><S:Value>S:Receiver</S:Value></S:Code>\
                <S:Reason><S:Text xml:lang="en-US">Service Unavailable</S:Text></S:Reason></S:Fault>
                """
        case (.failedAuthentication, .wsTrust2005):
            return """
                <S:Fault><S:Code><S:Value>S:Sender</S:Value><S:Subcode><S:Value>wst:FailedAuthentication</S:Value></S:Subcode></S:Code>\
                <S:Reason><S:Text xml:lang="en-US">Authentication Failure</S:Text></S:Reason>\
                <S:Detail><psf:error><psf:value>0x80048821</psf:value><psf:internalerror><psf:code>0x80041012</psf:code>\
                <psf:text>The entered and stored passwords do not match.</psf:text></psf:internalerror></psf:error></S:Detail></S:Fault>
                """
        case (.invalidRequest(let reason), .wsTrust2005):
            return """
                <S:Fault><S:Code><S:Value>S:Sender</S:Value><S:Subcode><S:Value>wst:InvalidRequest</S:Value></S:Subcode></S:Code>\
                <S:Reason><S:Text xml:lang="en-US">Invalid Request: \(reason.xmlEscaped)</S:Text></S:Reason></S:Fault>
                """
        }
    }
}
