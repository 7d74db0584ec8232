/// One of the five contact lists of an account.
///
/// ```
/// ADD 12 FL bob@example.com Bob      (MSNP2–9)
/// LST N=bob@example.com F=Bob C=… 11  (11 = FL + AL + RL)
/// ```
public enum ListKind: String, Sendable, Hashable, CaseIterable {
    /// FL: people whose presence I want; kept by the client.
    case forward = "FL"
    /// AL: people allowed to see me; kept by the client.
    case allow = "AL"
    /// BL: people who may not see or contact me; kept by the client.
    case block = "BL"
    /// RL: people who have me on their FL; kept by the server.
    case reverse = "RL"
    /// PL: people who added me and whom I have neither allowed nor blocked (MSNP10+); kept
    /// by the server.
    case pending = "PL"

    /// The list's bit in ``ContactLists``.
    public var lists: ContactLists {
        switch self {
        case .forward: .forward
        case .allow: .allow
        case .block: .block
        case .reverse: .reverse
        case .pending: .pending
        }
    }

    /// Whether clients may change this list (`ADD`/`ADC`/`REM`/`ADL`); RL and PL are the
    /// server's.
    public var isClientEditable: Bool { self == .forward || self == .allow || self == .block }
}

/// A set of lists as the protocol's bit mask: FL = 1, AL = 2, BL = 4, RL = 8, PL = 16.
///
/// `LST bob@example.com Bob 11 0` says bob is on FL, AL and RL.
public struct ContactLists: OptionSet, Sendable, Hashable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let forward = ContactLists(rawValue: 1)
    public static let allow = ContactLists(rawValue: 2)
    public static let block = ContactLists(rawValue: 4)
    public static let reverse = ContactLists(rawValue: 8)
    public static let pending = ContactLists(rawValue: 16)
    /// Every bit the protocol defines.
    public static let all: ContactLists = [.forward, .allow, .block, .reverse, .pending]
}

/// `BLP AL|BL`: what happens to people on neither AL nor BL.
public enum PrivacyMode: String, Sendable, Hashable {
    /// `BLP 5 AL`: they may see me.
    case allowUnlisted = "AL"
    /// `BLP 5 BL`: they may not.
    case blockUnlisted = "BL"

    /// Whether someone on `lists` of mine may see my presence: on BL → no; on AL → yes;
    /// otherwise this mode decides.
    public func allows(_ lists: ContactLists) -> Bool {
        if lists.contains(.block) { return false }
        if lists.contains(.allow) { return true }
        return self == .allowUnlisted
    }
}
