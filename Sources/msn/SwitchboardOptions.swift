import ArgumentParser
import MSNServer

/// `msn serve`'s switchboard timers and limits, each a field of ``SwitchboardConfiguration``
/// (defaults as there).
///
/// ```
/// $ msn serve --sb-idle-timeout 60 --sb-max-participants 10
/// SB C: CAL 9 kate@example.com     S: 712 9    (ten accounts in the conversation already)
/// ```
struct SwitchboardOptions: ParsableArguments {
    static let defaults = SwitchboardConfiguration()

    @Option(name: .customLong("sb-idle-timeout"), help: ArgumentHelp(
        "Seconds a conversation may go without a message before the switchboard ends it with BYE email 1 "
            + "(default: \(defaults.idleTimeout.components.seconds)).", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(name: .customLong("sb-cookie-lifetime"), help: ArgumentHelp(
        "Seconds the cookie of an XFR SB referral or of an RNG invitation stays valid: how long a call rings "
            + "(default: \(defaults.cookieLifetime.components.seconds)).", valueName: "seconds"))
    var cookieLifetime: Double?

    @Option(name: .customLong("sb-max-participants"), help: ArgumentHelp(
        "The most accounts in one conversation, ringing ones included; a CAL beyond it is answered 712 "
            + "(default: \(defaults.maximumParticipants)).", valueName: "n"))
    var maximumParticipants: Int?

    @Option(name: .customLong("sb-max-message-length"), help: ArgumentHelp(
        "The largest MSG payload in bytes; a larger one is answered 285 and the connection closed "
            + "(default: \(defaults.maximumMessageLength)).", valueName: "bytes"))
    var maximumMessageLength: Int?

    @Option(name: .customLong("sb-max-cookies"), help: ArgumentHelp(
        "The most switchboard cookies outstanding at once; beyond it XFR SB is answered 600 "
            + "(default: \(defaults.maximumCookies)).", valueName: "n"))
    var maximumCookies: Int?

    @Option(name: .customLong("sb-max-cookies-per-account"), help: ArgumentHelp(
        "The most switchboard cookies outstanding for one account; beyond it XFR SB is answered 713 "
            + "(default: \(defaults.maximumCookiesPerAccount)).", valueName: "n"))
    var maximumCookiesPerAccount: Int?

    func validate() throws {
        for (name, seconds) in [("--sb-idle-timeout", idleTimeout), ("--sb-cookie-lifetime", cookieLifetime)] {
            if let seconds, !(seconds > 0 && seconds <= 86_400) {
                throw ValidationError("\(name) must be more than 0 and at most 86400 seconds")
            }
        }
        if let maximumParticipants, maximumParticipants < 2 {
            throw ValidationError("--sb-max-participants must be at least 2")
        }
        if let maximumMessageLength, maximumMessageLength < 1 {
            throw ValidationError("--sb-max-message-length must be at least 1")
        }
        for (name, count) in [("--sb-max-cookies", maximumCookies), ("--sb-max-cookies-per-account", maximumCookiesPerAccount)] {
            if let count, count < 1 { throw ValidationError("\(name) must be at least 1") }
        }
    }

    /// The configuration these options describe.
    var configuration: SwitchboardConfiguration {
        var configuration = Self.defaults
        if let idleTimeout { configuration.idleTimeout = .milliseconds(Int64((idleTimeout * 1000).rounded())) }
        if let cookieLifetime { configuration.cookieLifetime = .milliseconds(Int64((cookieLifetime * 1000).rounded())) }
        if let maximumParticipants { configuration.maximumParticipants = maximumParticipants }
        if let maximumMessageLength { configuration.maximumMessageLength = maximumMessageLength }
        if let maximumCookies { configuration.maximumCookies = maximumCookies }
        if let maximumCookiesPerAccount { configuration.maximumCookiesPerAccount = maximumCookiesPerAccount }
        return configuration
    }
}
