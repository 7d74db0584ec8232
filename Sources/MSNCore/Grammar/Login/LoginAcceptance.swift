/// The welcome at the end of a login, `USR trid OK …`, whose tail changed over the dialects
/// (``Dialect/loginOKForm``).
///
/// ```
/// S: USR 7 OK alice@hotmail.com Alice                    (MSNP2–5)
/// S: USR 7 OK alice@hotmail.com Alice 1                  (MSNP6–7: verified)
/// S: USR 7 OK alice@hotmail.com Alice%20Smith 1 0        (MSNP8–9: verified, restricted)
/// S: USR 7 OK alice@hotmail.com 1 0                      (MSNP10+: the name comes in PRP MFN)
/// ```
public struct LoginAcceptance: Hashable, Sendable {
    /// The account signed in.
    public var account: String
    /// The friendly name, in the forms that carry one.
    public var friendlyName: URLEncodedName?
    /// Whether the Passport e-mail address is verified, in the forms that carry it.
    public var verified: Bool?
    /// `1` made MSN Messenger 5 demand MSN Explorer; servers send `0`.
    public var restricted: Bool?
    /// The shape written.
    public var form: LoginOKForm

    /// The welcome of `dialect`, with only the fields its form carries.
    public init(account: String, friendlyName: URLEncodedName, verified: Bool = true, restricted: Bool = false,
                dialect: Dialect) {
        self.init(account: account, friendlyName: friendlyName, verified: verified, restricted: restricted,
                  form: dialect.loginOKForm)
    }

    /// A welcome of the given form; fields the form does not carry are dropped.
    public init(account: String, friendlyName: URLEncodedName?, verified: Bool?, restricted: Bool?, form: LoginOKForm) {
        self.account = account
        self.form = form
        switch form {
        case .friendlyName:
            self.friendlyName = friendlyName ?? URLEncodedName(account)
        case .friendlyNameVerified:
            self.friendlyName = friendlyName ?? URLEncodedName(account)
            self.verified = verified ?? true
        case .friendlyNameVerifiedRestricted:
            self.friendlyName = friendlyName ?? URLEncodedName(account)
            self.verified = verified ?? true
            self.restricted = restricted ?? false
        case .verifiedRestricted:
            self.verified = verified ?? true
            self.restricted = restricted ?? false
        }
    }

    // USR trid OK account (name | name verified | name verified restricted | verified restricted)
    init(frame: Frame, dialect: Dialect?) throws(GrammarError) {
        let account = try frame.required(1, "account")
        let form = dialect?.loginOKForm ?? LoginAcceptance.guessForm(frame)
        switch form {
        case .friendlyName:
            self.init(account: account, friendlyName: try frame.encodedName(2, "friendly name"),
                      verified: nil, restricted: nil, form: form)
        case .friendlyNameVerified:
            self.init(account: account, friendlyName: try frame.encodedName(2, "friendly name"),
                      verified: try frame.flag(3, "verified"), restricted: nil, form: form)
        case .friendlyNameVerifiedRestricted:
            self.init(account: account, friendlyName: try frame.encodedName(2, "friendly name"),
                      verified: try frame.flag(3, "verified"), restricted: try frame.flag(4, "restricted"), form: form)
        case .verifiedRestricted:
            self.init(account: account, friendlyName: nil, verified: try frame.flag(2, "verified"),
                      restricted: try frame.flag(3, "restricted"), form: form)
        }
    }

    /// Without a dialect: three parameters after the account are name, verified, restricted;
    /// two are `verified restricted` when both are flags, else name and verified.
    private static func guessForm(_ frame: Frame) -> LoginOKForm {
        let isFlag = { (index: Int) in frame.argument(index) == "0" || frame.argument(index) == "1" }
        switch frame.arguments.count {
        case ...3: return .friendlyName
        case 4: return isFlag(2) && isFlag(3) ? .verifiedRestricted : .friendlyNameVerified
        default: return .friendlyNameVerifiedRestricted
        }
    }

    /// The parameters after `OK`.
    var arguments: [String] {
        var arguments = [account]
        if let friendlyName, form != .verifiedRestricted { arguments.append(friendlyName.encoded) }
        if let verified, form != .friendlyName { arguments.append(verified.wireFlag) }
        if let restricted, form == .friendlyNameVerifiedRestricted || form == .verifiedRestricted {
            arguments.append(restricted.wireFlag)
        }
        return arguments
    }
}
