/// Why a server closes the session, the parameter of its `OUT`.
///
/// ```
/// S: OUT OTH        S: OUT SSD        S: OUT MIG        S: OUT TOU        S: OUT RCT 6
/// ```
public enum SignOutReason: Hashable, Sendable {
    /// `OTH`: signed in from another place.
    case otherLocation
    /// `SSD`: the server is shutting down; reconnect through the dispatch server.
    case serverShutdown
    /// `MIG`: the contact list moved to the address book (MSNP10).
    case migrated
    /// `TOU`: new terms of use must be accepted (MSNP10+).
    case termsOfUse
    /// `RCT n`: closed for a while; reconnect after `n` minutes (MSNP11+).
    case reconnect(afterMinutes: Int)
    /// A code this library does not know, kept as written.
    case other([String])

    /// The parameters after `OUT`.
    public var arguments: [String] {
        switch self {
        case .otherLocation: ["OTH"]
        case .serverShutdown: ["SSD"]
        case .migrated: ["MIG"]
        case .termsOfUse: ["TOU"]
        case .reconnect(let minutes): ["RCT", String(minutes)]
        case .other(let arguments): arguments
        }
    }

    /// Whether servers of `dialect` send this reason.
    public func isSent(in dialect: Dialect) -> Bool {
        switch self {
        case .otherLocation, .serverShutdown, .other: true
        case .migrated: dialect.signsOutForMigration
        case .termsOfUse: dialect.signsOutForTermsOfUse
        case .reconnect: dialect.signsOutWithReconnectDelay
        }
    }

    // OTH | SSD | MIG | TOU | RCT minutes | other…
    init(frame: Frame) throws(GrammarError) {
        switch try frame.required(0, "reason") {
        case "OTH": self = .otherLocation
        case "SSD": self = .serverShutdown
        case "MIG": self = .migrated
        case "TOU": self = .termsOfUse
        case "RCT": self = .reconnect(afterMinutes: try frame.number(1, "minutes"))
        default: self = .other(frame.arguments.map(String.init))
        }
    }
}
