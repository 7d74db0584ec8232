/// A client's `USR` on the notification (or dispatch) server: the start of a login and the
/// proof that answers the server's challenge, in the dialect's scheme
/// (``Dialect/authenticationScheme``).
///
/// ```
/// C: USR 3 MD5 I alice@hotmail.com                       (MSNP2–7)
/// C: USR 4 MD5 S 64c724ef15470fd14d7857dc08a4bd0c
/// C: USR 3 TWN I alice@hotmail.com                       (MSNP8–14)
/// C: USR 4 TWN S t=<ticket>&p=<profile>
/// C: USR 3 SSO I alice@hotmail.com                       (MSNP15+)
/// C: USR 4 SSO S t=<ticket>&p=<profile> <MBI blob> [{MACHINE-GUID}]   (GUID: MSNP16+)
/// ```
public enum LoginRequest: FrameRepresentable {
    /// `USR trid scheme I account`.
    case initial(TransactionID, scheme: AuthenticationScheme, account: String)
    /// `USR trid MD5 S digest`: the MD5 hex of salt + password.
    case md5(TransactionID, digest: String)
    /// `USR trid TWN S ticket`.
    case tweener(TransactionID, ticket: String)
    /// `USR trid SSO S ticket response [machine-guid]`.
    case sso(TransactionID, ticket: String, response: String, machineGUID: String?)

    public static let verb = Verb.usr

    /// Starts a login in the scheme of `dialect`: `USR 3 TWN I alice@hotmail.com` for MSNP8.
    public static func signIn(_ transactionID: TransactionID, account: String, dialect: Dialect) -> LoginRequest {
        .initial(transactionID, scheme: dialect.authenticationScheme, account: account)
    }

    /// The SSO proof; the machine GUID is written only where ``Dialect/usrCarriesMachineGUID``.
    public static func ssoResponse(_ transactionID: TransactionID, ticket: String, response: String,
                                   machineGUID: String, dialect: Dialect) -> LoginRequest {
        .sso(transactionID, ticket: ticket, response: response,
             machineGUID: dialect.usrCarriesMachineGUID ? machineGUID : nil)
    }

    public var transactionID: TransactionID {
        switch self {
        case .initial(let id, _, _), .md5(let id, _), .tweener(let id, _), .sso(let id, _, _, _): id
        }
    }

    /// The scheme of the request.
    public var scheme: AuthenticationScheme {
        switch self {
        case .initial(_, let scheme, _): scheme
        case .md5: .md5
        case .tweener: .tweener
        case .sso: .sso
        }
    }

    // USR trid (MD5|TWN|SSO) I account
    // USR trid MD5 S digest | USR trid TWN S ticket | USR trid SSO S ticket response [guid]
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        let id = try frame.requiredTransactionID()
        let schemeToken = try frame.required(0, "scheme")
        guard let scheme = AuthenticationScheme(rawValue: schemeToken) else {
            throw frame.invalid("\(schemeToken.prefix(24)) is not MD5, TWN or SSO")
        }
        switch try frame.required(1, "step") {
        case "I":
            self = .initial(id, scheme: scheme, account: try frame.required(2, "account"))
        case "S":
            switch scheme {
            case .md5: self = .md5(id, digest: try frame.required(2, "digest"))
            case .tweener: self = .tweener(id, ticket: try frame.required(2, "ticket"))
            case .sso:
                self = .sso(id, ticket: try frame.required(2, "ticket"), response: try frame.required(3, "response"),
                            machineGUID: frame.optional(4))
            }
        case let step:
            throw frame.invalid("\(step.prefix(8)) is not I or S")
        }
    }

    public var frame: Frame {
        let arguments: [String] = switch self {
        case .initial(_, let scheme, let account): [scheme.rawValue, "I", account]
        case .md5(_, let digest): ["MD5", "S", digest]
        case .tweener(_, let ticket): ["TWN", "S", ticket]
        case .sso(_, let ticket, let response, let guid): ["SSO", "S", ticket, response] + (guid.map { [$0] } ?? [])
        }
        return Frame(verb: Self.verb, transactionID: transactionID, arguments: arguments)
    }
}
