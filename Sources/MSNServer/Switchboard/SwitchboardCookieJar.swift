import MSNAuth

/// What a switchboard cookie lets its holder do, for whom, until when.
struct SwitchboardGrant: Sendable, Hashable {
    enum Purpose: Sendable, Hashable {
        /// `XFR … SB`: open a new conversation with `USR`.
        case start
        /// `RNG`: join the conversation `sessionID` with `ANS`.
        case invitation(sessionID: String)
    }

    var purpose: Purpose
    /// The account (and endpoint) the cookie was issued to.
    var identity: SwitchboardIdentity
    var expiry: ContinuousClock.Instant
}

/// The outstanding switchboard cookies: random, single-use, expiring, bounded in number.
///
/// ```
/// NS S: XFR 10 SB 127.0.0.1:1864 CKI 4831297305.1770432918.9023441750   ← issue
/// SB C: USR 1 alice@example.com 4831297305.1770432918.9023441750        ← redeem (removed, valid or not)
/// ```
struct SwitchboardCookieJar: Sendable {
    private var grants: [String: SwitchboardGrant] = [:]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// How many cookies are outstanding.
    var count: Int { grants.count }

    /// A fresh cookie for `grant`; `nil` when `capacity` live cookies are already out.
    mutating func issue(_ grant: SwitchboardGrant, now: ContinuousClock.Instant) -> String? {
        if grants.count >= capacity { sweep(now: now) }
        guard grants.count < capacity else { return nil }
        var cookie: String
        repeat { cookie = SecureToken.switchboardCookie() } while grants[cookie] != nil
        grants[cookie] = grant
        return cookie
    }

    /// Takes `cookie` out of the jar (a cookie is presented once, whatever the outcome) and
    /// returns its grant if it had not expired.
    mutating func redeem(_ cookie: String, now: ContinuousClock.Instant) -> SwitchboardGrant? {
        guard let grant = grants.removeValue(forKey: cookie), grant.expiry > now else { return nil }
        return grant
    }

    /// Forgets every cookie.
    mutating func removeAll() {
        grants = [:]
    }

    /// Forgets expired cookies.
    mutating func sweep(now: ContinuousClock.Instant) {
        grants = grants.filter { $0.value.expiry > now }
    }
}
