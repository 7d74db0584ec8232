import MSNCore
import NIOCore

/// The per-connection limits and timers every line-protocol listener applies.
///
/// Each value bounds what one peer can make the server hold or wait for:
///
/// ```
/// C: VER 1 MSNP15 CVR0          ← must arrive, with the rest of the login, within loginTimeout
/// C: PNG                        ← some byte must arrive at least every idleTimeout
/// ```
public struct ConnectionSettings: Sendable, Hashable {
    /// Line, payload, argument and receive-buffer bounds (`FrameLimits`).
    public var limits: FrameLimits
    /// Time allowed from accepting a connection to a successful `USR … OK` (or, on the
    /// dispatch server, to the `XFR` redirect). Default 60 s.
    public var loginTimeout: Duration
    /// Time allowed without a single byte from the peer before the connection is closed.
    /// Default 180 s (clients send `PNG` every 30–50 s).
    public var idleTimeout: Duration
    /// The most sends queued for one connection while its socket is not writable (four times
    /// as many in a burst while it is). When a slow reader lets its outbox fill up, its
    /// connection is closed rather than let memory grow. Default 512.
    public var outboxCapacity: Int
    /// The most connections one IP address may hold open on one listener; `nil`: no limit.
    /// A connection beyond it is closed at once, before a line is read (no protocol error
    /// exists before `VER`). Default 256: a client needs one notification connection and a few
    /// switchboard ones, so this leaves room for many people behind one NAT, while one host
    /// cannot take every file descriptor of the server.
    public var maximumConnectionsPerAddress: Int?
    /// Logs every frame in both directions at `info` level (`msn serve --trace`).
    public var traceFrames: Bool

    public init(limits: FrameLimits = .default, loginTimeout: Duration = .seconds(60),
                idleTimeout: Duration = .seconds(180), outboxCapacity: Int = 512,
                maximumConnectionsPerAddress: Int? = 256, traceFrames: Bool = false) {
        self.limits = limits
        self.loginTimeout = loginTimeout
        self.idleTimeout = idleTimeout
        self.outboxCapacity = max(1, outboxCapacity)
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress.map { max(1, $0) }
        self.traceFrames = traceFrames
    }

    /// The defaults described above.
    public static let `default` = ConnectionSettings()
}

extension Duration {
    /// The duration as NIO's `TimeAmount` (saturating at the largest amount).
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return .nanoseconds(overflow ? .max : nanos &+ attoseconds / 1_000_000_000)
    }
}
