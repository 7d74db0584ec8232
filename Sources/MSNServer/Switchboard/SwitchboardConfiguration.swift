/// How the switchboard treats cookies, conversations and messages (`msn serve`'s switchboard
/// options; tests shorten the timers).
///
/// ```
/// NS C: XFR 10 SB
/// NS S: XFR 10 SB 127.0.0.1:1864 CKI 4831297305.1770432918.9023441750   ← valid cookieLifetime, once
/// SB C: CAL 7 frank@example.com                                          ← over maximumParticipants: 712 7
/// SB C: MSG 3 A 1700                                                    ← over maximumMessageLength: 285 3, close
/// ```
public struct SwitchboardConfiguration: Sendable, Hashable {
    /// How long a cookie of `XFR … SB` or `RNG` may wait for its `USR`/`ANS`. Default 120 s
    /// (as Escargot). Every cookie is good for one use only.
    public var cookieLifetime: Duration
    /// How long a conversation may go without a `MSG` (or a join) before the switchboard says
    /// `BYE email 1` to everyone and closes it. Default 300 s.
    public var idleTimeout: Duration
    /// The largest `MSG` payload accepted, in bytes. Default 1664, the protocol's cap; a larger
    /// one is answered `285 TrID` and the connection is closed.
    public var maximumMessageLength: Int
    /// The most cookies outstanding at once; beyond it `XFR … SB` is answered `600` (server
    /// busy) and `CAL` `280`. Default 100,000.
    public var maximumCookies: Int
    /// The most cookies outstanding for one account (referrals and invitations); beyond it
    /// `XFR … SB` is answered `713` (user too active) and a `CAL` to that account `280`.
    /// Default 100.
    public var maximumCookiesPerAccount: Int
    /// The most accounts in one conversation, counting those called and still ringing (the
    /// endpoints of one account count once). A `CAL` beyond it is answered `712` (session
    /// overloaded): `C: CAL 9 dave@example.com` → `S: 712 9`. Default 50 (the official
    /// servers' limit was 5 early on, later more than 30); at least 2.
    public var maximumParticipants: Int

    public init(cookieLifetime: Duration = .seconds(120), idleTimeout: Duration = .seconds(300),
                maximumMessageLength: Int = 1664, maximumCookies: Int = 100_000, maximumCookiesPerAccount: Int = 100,
                maximumParticipants: Int = 50) {
        self.cookieLifetime = cookieLifetime
        self.idleTimeout = idleTimeout
        self.maximumMessageLength = maximumMessageLength
        self.maximumCookies = max(1, maximumCookies)
        self.maximumCookiesPerAccount = max(1, maximumCookiesPerAccount)
        self.maximumParticipants = max(2, maximumParticipants)
    }

    /// How often idle conversations and expired cookies are swept: a quarter of the idle
    /// timeout, between 50 ms and 5 s.
    var sweepInterval: Duration {
        min(max(idleTimeout / 4, .milliseconds(50)), .seconds(5))
    }
}
