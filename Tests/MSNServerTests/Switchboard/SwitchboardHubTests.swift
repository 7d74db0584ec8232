import Logging
import MSNCore
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import MSNServer

/// Cookie lifetimes, bounds and the idle sweep, on a hand-driven clock and without sockets.
@Suite struct SwitchboardHubTests {
    final class ManualClock: Sendable {
        private let current = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { current.withLock { $0 } }
        func advance(_ duration: Duration) { current.withLock { $0 += duration } }
    }

    static func outbox() -> (Outbox, EmbeddedChannel) {
        let channel = EmbeddedChannel()
        return (Outbox(channel: channel, capacity: 16, logger: quietLogger, trace: false), channel)
    }

    /// A signed-in, online notification session of alice over MSNP`dialect`.
    static func aliceSession(_ dialect: Dialect = .msnp12) -> NotificationSessionHandle {
        let session = SignedInSession(account: AuthenticatedAccount(email: "alice@example.com", friendlyName: "Alice", puid: 1),
                                      dialect: dialect)
        let handle = NotificationSessionHandle(id: 1, session: session, outbox: outbox().0)
        handle.setPresence(PresenceState(status: .online, friendlyName: "Alice"))
        return handle
    }

    static func withHub(_ configuration: SwitchboardConfiguration,
                        _ body: (SwitchboardHub, ManualClock) async throws -> Void) async throws {
        try await withTestStore { store, _ in
            let clock = ManualClock()
            let hub = SwitchboardHub(configuration: configuration, registry: SessionRegistry(), store: store,
                                     logger: quietLogger, now: { clock.now })
            hub.setAddress("10.0.0.9:1864")
            try await body(hub, clock)
        }
    }

    static func cookie(_ referral: Frame) -> String { String(referral.argument(3) ?? "") }

    @Test func cookiesLiveForTheirLifetimeOnly() async throws {
        try await Self.withHub(.init(cookieLifetime: .seconds(120))) { hub, clock in
            let alice = Self.aliceSession()
            let early = Self.cookie(hub.referral(for: alice, transactionID: 5))
            let late = Self.cookie(hub.referral(for: alice, transactionID: 6))
            #expect(hub.outstandingCookies == 2)
            clock.advance(.seconds(119))
            let request = { (cookie: String) in SwitchboardLoginRequest(handle: EndpointHandle("alice@example.com"), cookie: cookie) }
            #expect(hub.start(request(early), connectionID: 7, outbox: Self.outbox().0) != nil)
            clock.advance(.seconds(2))
            #expect(hub.start(request(late), connectionID: 8, outbox: Self.outbox().0) == nil)
            _ = hub.referral(for: alice, transactionID: 7)
            clock.advance(.seconds(121))
            hub.sweep()
            #expect(hub.outstandingCookies == 0)
        }
    }

    @Test func tooManyCookiesIs600() async throws {
        try await Self.withHub(.init(maximumCookies: 2)) { hub, clock in
            let alice = Self.aliceSession()
            #expect(hub.referral(for: alice, transactionID: 1).verb == .xfr)
            #expect(hub.referral(for: alice, transactionID: 2).line.hasPrefix("XFR 2 SB 10.0.0.9:1864 CKI "))
            #expect(hub.referral(for: alice, transactionID: 3).line == "600 3")
            clock.advance(.seconds(200))   // expired cookies make room again
            #expect(hub.referral(for: alice, transactionID: 4).verb == .xfr)
        }
    }

    @Test func oneAccountHoldsAFewCookiesAtMost() async throws {
        try await Self.withHub(.init(maximumCookiesPerAccount: 2)) { hub, clock in
            let alice = Self.aliceSession()
            let first = Self.cookie(hub.referral(for: alice, transactionID: 1))
            _ = hub.referral(for: alice, transactionID: 2)
            #expect(hub.referral(for: alice, transactionID: 3).line == "713 3")
            // Using one (or its expiry) frees a place.
            _ = hub.start(SwitchboardLoginRequest(handle: EndpointHandle("alice@example.com"), cookie: first),
                          connectionID: 9, outbox: Self.outbox().0)
            #expect(hub.referral(for: alice, transactionID: 4).verb == .xfr)
            #expect(hub.referral(for: alice, transactionID: 5).line == "713 5")
            clock.advance(.seconds(121))
            #expect(hub.referral(for: alice, transactionID: 6).verb == .xfr)
        }
    }

    @Test func idleConversationsAreSweptAndClosed() async throws {
        try await Self.withHub(.init(idleTimeout: .seconds(300))) { hub, clock in
            let alice = Self.aliceSession(.msnp18)
            let (outbox, channel) = Self.outbox()
            let cookie = Self.cookie(hub.referral(for: alice, transactionID: 1))
            let participant = try #require(hub.start(SwitchboardLoginRequest(handle: EndpointHandle("alice@example.com"), cookie: cookie),
                                                     connectionID: 3, outbox: outbox))
            #expect(!hub.relay(ByteBuffer(string: "x"), from: participant), "nobody to deliver to")
            clock.advance(.seconds(299))
            #expect(hub.sweep() == 0)
            clock.advance(.seconds(1))
            #expect(hub.sweep() == 1 && hub.conversationCount == 0)
            #expect(outbox.isFinished)
            channel.embeddedEventLoop.run()
            #expect(try channel.readOutbound(as: ByteBuffer.self) == nil, "alone: nobody to say BYE about")
            hub.leave(participant)   // the connection's own close afterwards changes nothing
        }
    }
}
