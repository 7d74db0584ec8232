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
    /// Why no cookie was issued.
    enum Refusal: Error, Hashable {
        /// `capacity` cookies are out.
        case full
        /// The account holds `perAccountCapacity` cookies already.
        case accountFull
    }

    private var grants: [String: SwitchboardGrant] = [:]
    /// Outstanding cookies per account key.
    private var perAccount: [String: Int] = [:]
    let capacity: Int
    let perAccountCapacity: Int

    init(capacity: Int, perAccountCapacity: Int) {
        self.capacity = capacity
        self.perAccountCapacity = perAccountCapacity
    }

    /// How many cookies are outstanding.
    var count: Int { grants.count }

    /// A fresh cookie for `grant`, unless `capacity` cookies, or `perAccountCapacity` of the
    /// grant's account, are out and live.
    mutating func issue(_ grant: SwitchboardGrant, now: ContinuousClock.Instant) -> Result<String, Refusal> {
        let account = grant.identity.accountKey
        if grants.count >= capacity || perAccount[account, default: 0] >= perAccountCapacity { sweep(now: now) }
        guard grants.count < capacity else { return .failure(.full) }
        guard perAccount[account, default: 0] < perAccountCapacity else { return .failure(.accountFull) }
        var cookie: String
        repeat { cookie = SecureToken.switchboardCookie() } while grants[cookie] != nil
        grants[cookie] = grant
        perAccount[account, default: 0] += 1
        return .success(cookie)
    }

    /// Takes `cookie` out of the jar (a cookie is presented once, whatever the outcome) and
    /// returns its grant if it had not expired.
    mutating func redeem(_ cookie: String, now: ContinuousClock.Instant) -> SwitchboardGrant? {
        guard let grant = grants.removeValue(forKey: cookie) else { return nil }
        forget(grant)
        return grant.expiry > now ? grant : nil
    }

    /// Forgets every cookie.
    mutating func removeAll() {
        grants = [:]
        perAccount = [:]
    }

    /// Forgets expired cookies.
    mutating func sweep(now: ContinuousClock.Instant) {
        for (cookie, grant) in grants where grant.expiry <= now {
            grants[cookie] = nil
            forget(grant)
        }
    }

    private mutating func forget(_ grant: SwitchboardGrant) {
        let account = grant.identity.accountKey
        let remaining = perAccount[account, default: 1] - 1
        perAccount[account] = remaining > 0 ? remaining : nil
    }
}
