/// The server's `XFR`: go to another notification server, or to a switchboard.
///
/// ```
/// S: XFR 3 NS 207.46.110.94:1863 U D                              (NotificationReferral)
/// S: XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308   (SwitchboardReferral)
/// ```
/// The shape of each form is read from the line itself (the forms of all dialects can be told
/// apart), so `dialect` is not needed to read; building one for a dialect goes through the
/// initializers of ``NotificationReferral`` and ``SwitchboardReferral``.
public enum Referral: FrameRepresentable {
    /// `XFR trid NS host:port …`.
    case notification(NotificationReferral)
    /// `XFR trid SB host:port CKI cookie …`.
    case switchboard(SwitchboardReferral)

    public static let verb = Verb.xfr

    public var transactionID: TransactionID {
        switch self {
        case .notification(let referral): referral.transactionID
        case .switchboard(let referral): referral.transactionID
        }
    }

    // XFR trid NS address … | XFR trid SB address CKI cookie …
    public init(frame: Frame, dialect: Dialect? = nil) throws(GrammarError) {
        try frame.expect(Self.verb)
        try frame.expectNoPayload()
        switch try frame.required(0, "server kind") {
        case "NS": self = .notification(try NotificationReferral(frame: frame))
        case "SB": self = .switchboard(try SwitchboardReferral(frame: frame))
        case let other: throw frame.invalid("\(other.prefix(8)) is not NS or SB")
        }
    }

    public var frame: Frame {
        switch self {
        case .notification(let referral): referral.frame
        case .switchboard(let referral): referral.frame
        }
    }
}
