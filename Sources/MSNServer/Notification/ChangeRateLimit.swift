/// How often a signed-in session may change what its watchers see — `CHG`, `UUX`, `REA`,
/// `PRP MFN`, each of which fans out to every allowed watcher — before the server answers
/// `800` ("changing too rapidly") and changes nothing.
///
/// ```
/// C: CHG 41 BSY 0    (the 31st change within a second, with the default limit)
/// S: 800 41
/// ```
///
/// A bucket holds ``burst`` changes and refills at ``perSecond``: signing in (`CHG`, `UUX`,
/// `PRP MFN` in a row) and ordinary use never meet it; a client flooding status changes
/// cannot make the server send a thousand watchers a notice per command.
public struct ChangeRateLimit: Sendable, Hashable {
    /// Changes allowed at once.
    public var burst: Int
    /// Changes regained per second.
    public var perSecond: Double

    public init(burst: Int, perSecond: Double) {
        self.burst = max(1, burst)
        self.perSecond = max(0, perSecond)
    }

    /// 30 at once, 5 a second after that.
    public static let `default` = ChangeRateLimit(burst: 30, perSecond: 5)
}

/// The running count of a ``ChangeRateLimit`` for one session.
struct ChangeBucket: Sendable {
    let limit: ChangeRateLimit
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(_ limit: ChangeRateLimit, now: ContinuousClock.Instant = .now) {
        self.limit = limit
        self.tokens = Double(limit.burst)
        self.updated = now
    }

    /// Takes one change; `false` when none is left.
    mutating func take(now: ContinuousClock.Instant = .now) -> Bool {
        let (seconds, attoseconds) = (now - updated).components
        let elapsed = max(0, Double(seconds) + Double(attoseconds) / 1e18)
        tokens = min(Double(limit.burst), tokens + elapsed * limit.perSecond)
        updated = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
