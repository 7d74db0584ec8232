import MSNCore

/// What a notification session says, beyond what the dialect table fixes.
public struct NotificationSessionConfiguration: Sendable, Hashable {
    /// When the server sends its first `CHL 0 <challenge>`.
    public enum ChallengeTiming: Sendable, Hashable {
        /// After the client's first `CHG` (as MSN did).
        case afterFirstStatusChange
        /// Right after the profile message.
        case afterLogin
        /// Never (as Escargot ships).
        case never
    }

    /// `VER`/`CVR`/`INF` answers.
    public var handshake: LoginHandshake.Configuration
    /// The opaque policy string of `USR n TWN S <policy>` that clients pass to Passport.
    public var tweenerPolicy: String
    /// The policy of `USR n SSO S <policy> <nonce>`.
    public var ssoPolicy: String
    /// The XML of `GCF 0 <length>` (MSNP13+, before `USR … S`) and of `GCF n Shields.xml`.
    public var policies: String
    /// The seconds in `QNG 60` (MSNP9+).
    public var pingInterval: Int
    /// When the first challenge is sent.
    public var challengeTiming: ChallengeTiming
    /// How often a session may change its status, personal message or name (`800` beyond);
    /// `nil`: no limit.
    public var changeRateLimit: ChangeRateLimit?

    public init(handshake: LoginHandshake.Configuration = .init(),
                tweenerPolicy: String = "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,kpp=1,kv=5,ver=2.1.0173.1",
                ssoPolicy: String = "MBI_KEY_OLD",
                policies: String = PolicyDocument.default,
                pingInterval: Int = 60,
                challengeTiming: ChallengeTiming = .afterFirstStatusChange,
                changeRateLimit: ChangeRateLimit? = .default) {
        self.handshake = handshake
        self.tweenerPolicy = tweenerPolicy
        self.ssoPolicy = ssoPolicy
        self.policies = policies
        self.pingInterval = pingInterval
        self.challengeTiming = challengeTiming
        self.changeRateLimit = changeRateLimit
    }
}
