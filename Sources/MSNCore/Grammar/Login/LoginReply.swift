/// The notification server's `USR`: the challenge of the dialect's scheme, then the welcome.
///
/// ```
/// S: USR 6 MD5 S 1056561624.17795                        (MSNP2–7: the salt)
/// S: USR 6 TWN S lc=1033,id=507,tw=40,fs=1,ru=…          (MSNP8–14: the Passport policy)
/// S: USR 3 SSO S MBI_KEY_OLD <nonce>                     (MSNP15+)
/// S: USR 7 OK alice@hotmail.com 1 0                      (see LoginAcceptance)
/// ```
public enum LoginReply: FrameRepresentable {
    /// `USR trid MD5 S salt`.
    case md5Challenge(TransactionID, salt: String)
    /// `USR trid TWN S policy`.
    case tweenerChallenge(TransactionID, policy: String)
    /// `USR trid SSO S policy nonce`.
    case ssoChallenge(TransactionID, policy: String, nonce: String)
    /// `USR trid OK account …`.
    case accepted(TransactionID, LoginAcceptance)

    public static let verb = Verb.usr

    public var transactionID: TransactionID {
        switch self {
        case .md5Challenge(let id, _), .tweenerChallenge(let id, _), .ssoChallenge(let id, _, _), .accepted(let id, _): id
        }
    }

    // USR trid MD5 S salt | USR trid TWN S policy | USR trid SSO S policy nonce | USR trid OK account …
    /// - Parameter dialect: decides the shape of `USR … OK` (``Dialect/loginOKForm``); without
    ///   it the shape is guessed from the parameters.
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        let id = try frame.requiredTransactionID()
        let first = try frame.required(0, "scheme or OK")
        if first == "OK" {
            self = .accepted(id, try LoginAcceptance(frame: frame, dialect: dialect))
            return
        }
        guard let scheme = AuthenticationScheme(rawValue: first) else {
            throw frame.invalid("\(first.prefix(24)) is not OK, MD5, TWN or SSO")
        }
        let step = try frame.required(1, "step")
        guard step == "S" else { throw frame.invalid("a server challenge is USR … S, not \(step.prefix(8))") }
        switch scheme {
        case .md5: self = .md5Challenge(id, salt: try frame.required(2, "salt"))
        case .tweener: self = .tweenerChallenge(id, policy: try frame.required(2, "policy"))
        case .sso: self = .ssoChallenge(id, policy: try frame.required(2, "policy"), nonce: try frame.required(3, "nonce"))
        }
    }

    public var frame: Frame {
        let arguments: [String] = switch self {
        case .md5Challenge(_, let salt): ["MD5", "S", salt]
        case .tweenerChallenge(_, let policy): ["TWN", "S", policy]
        case .ssoChallenge(_, let policy, let nonce): ["SSO", "S", policy, nonce]
        case .accepted(_, let acceptance): ["OK"] + acceptance.arguments
        }
        return Frame(verb: Self.verb, transactionID: transactionID, arguments: arguments)
    }
}
