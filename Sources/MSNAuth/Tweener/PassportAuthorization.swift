/// The credentials a Tweener client (MSNP8–MSNP11) sends to the Passport 1.4 login server
/// in its `Authorization` header (auth.md §2.2).
///
/// ```
/// GET /login2.srf HTTP/1.1
/// Authorization: Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40passport.com,pwd=secret,lc=1033,id=507,tw=40
/// ```
///
/// The client builds ``headerValue``; the server reads one with ``init(parsing:)``.
/// ``description`` never shows the password.
public struct PassportAuthorization: Hashable, Sendable, CustomStringConvertible {
    /// The `OrgURL` every MSN Messenger sent, already percent-encoded as it appears on the wire.
    public static let messengerOrgURL = "http%3A%2F%2Fmessenger%2Emsn%2Ecom"

    /// The account's e-mail address (`sign-in`), decoded.
    public var signIn: String
    /// The password (`pwd`), decoded.
    public var password: String
    /// The opaque policy string the NS sent in `USR … TWN S <policy>`, passed through
    /// unchanged, for example `lc=1033,id=507,tw=40,fs=1,ct=1062764229,kpp=1,kv=5`.
    public var policy: String
    /// The `OrgVerb` parameter; `GET` in every known client.
    public var orgVerb: String
    /// The `OrgURL` parameter exactly as on the wire (percent-encoded); it is not decoded.
    public var orgURL: String

    /// Creates the credentials for a login.
    ///
    /// - Parameters:
    ///   - signIn: The e-mail address, as typed.
    ///   - password: The password, as typed.
    ///   - policy: The string from `USR <trid> TWN S <policy>`.
    ///   - orgVerb: Defaults to `GET`.
    ///   - orgURL: Defaults to ``messengerOrgURL``.
    public init(
        signIn: String,
        password: String,
        policy: String,
        orgVerb: String = "GET",
        orgURL: String = PassportAuthorization.messengerOrgURL
    ) {
        self.signIn = signIn
        self.password = password
        self.policy = policy
        self.orgVerb = orgVerb
        self.orgURL = orgURL
    }

    /// The value of the `Authorization` header:
    /// `Passport1.4 OrgVerb=GET,OrgURL=…,sign-in=<encoded>,pwd=<encoded>,<policy>`.
    ///
    /// `sign-in` and `pwd` are percent-encoded (every byte but `A–Z a–z 0–9 - . _ ~`), so a
    /// comma or quote in a password cannot break the list.
    public var headerValue: String {
        var text = "\(PassportHeaderParser.scheme) OrgVerb=\(orgVerb),OrgURL=\(orgURL)"
        text += ",sign-in=\(PassportPercentEncoding.encode(signIn))"
        text += ",pwd=\(PassportPercentEncoding.encode(password))"
        if !policy.isEmpty { text += ",\(policy)" }
        return text
    }

    /// Reads an `Authorization` header on the login server, leniently.
    ///
    /// Accepts the scheme word in any case and repeated, spaces around items, parameters in
    /// any order and names in any case. `sign-in` and `pwd` are percent-decoded; every other
    /// item apart from `OrgVerb` and `OrgURL` is kept, in order and unchanged, as ``policy``.
    ///
    /// - Parameter headerValue: The header's value, starting with `Passport1.4`.
    /// - Throws: ``AuthError/Code/malformedPassportHeader`` when the value is not a Passport
    ///   1.4 list or a credential is not UTF-8 once decoded;
    ///   ``AuthError/Code/missingPassportParameter`` when `sign-in` or `pwd` is absent.
    public init(parsing headerValue: String) throws(AuthError) {
        var signIn: String?
        var password: String?
        var orgVerb = "GET"
        var orgURL = Self.messengerOrgURL
        var policyItems: [Substring] = []
        for item in try PassportHeaderParser.parseSchemeList(headerValue) {
            let name = item.parameter.name.lowercased()
            let value = item.parameter.value ?? ""
            switch name {
            case "sign-in":
                signIn = try Self.decoded(value, name: "sign-in")
            case "pwd":
                password = try Self.decoded(value, name: "pwd")
            case "orgverb":
                orgVerb = value
            case "orgurl":
                orgURL = value
            default:
                policyItems.append(item.raw)
            }
        }
        guard let signIn, !signIn.isEmpty else {
            throw AuthError(.missingPassportParameter, "the Authorization header has no sign-in")
        }
        guard let password else {
            throw AuthError(.missingPassportParameter, "the Authorization header has no pwd")
        }
        self.init(signIn: signIn, password: password, policy: policyItems.joined(separator: ","),
                  orgVerb: orgVerb, orgURL: orgURL)
    }

    /// The sign-in name and policy; the password is replaced by `<redacted>`.
    public var description: String {
        "PassportAuthorization(sign-in: \(signIn), pwd: <redacted>, policy: \(policy))"
    }

    private static func decoded(_ value: String, name: String) throws(AuthError) -> String {
        guard let decoded = PassportPercentEncoding.decode(value[...]) else {
            throw AuthError(.malformedPassportHeader, "\(name) is not UTF-8 once percent-decoded")
        }
        return decoded
    }
}
