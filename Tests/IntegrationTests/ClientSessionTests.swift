import MSNClient
import MSNCore
import MSNTestSupport
import Synchronization
import Testing

/// The real client's session behaviour against the real server: challenges, keepalive,
/// being signed in elsewhere.
@Suite("Client session against the server", .timeLimit(.minutes(2)))
struct ClientSessionTests {
    static let email = "alice@example.com"
    static let password = "test1234"

    /// Reads a client's events from one task and lets the test wait for one.
    final class Events: Sendable {
        private let seen = Mutex<[MessengerEvent]>([])
        private let task = Mutex<Task<Void, Never>?>(nil)

        init(_ client: MessengerClient) {
            task.withLock { $0 = Task { [weak self] in
                for await event in client.events { self?.seen.withLock { $0.append(event) } }
            } }
        }

        var all: [MessengerEvent] { seen.withLock { $0 } }

        deinit { task.withLock { $0?.cancel() } }

        func first(within timeout: Duration = .seconds(10), where predicate: (MessengerEvent) -> Bool) async -> MessengerEvent? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let event = seen.withLock({ $0.first(where: predicate) }) { return event }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }

    static func configuration(_ network: TestNetwork, dialect: Dialect) throws -> MessengerClient.Configuration {
        var configuration = MessengerClient.Configuration(server: try #require(ServerAddress(network.dispatchAddress)))
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [dialect]
        configuration.timeouts.profile = .seconds(5)  // ends as soon as the profile arrives
        return configuration
    }

    /// The capabilities argument of `CHG` in a dialect.
    static func status(_ dialect: Dialect) -> [String] {
        switch dialect.capabilitiesForm {
        case .none: ["NLN"]
        case .decimal: ["NLN", "0"]
        case .decimalPair: ["NLN", "0:0"]
        }
    }

    @Test("CHL after the first CHG is answered and accepted",
          arguments: [Dialect.msnp6, .msnp8, .msnp10, .msnp11, .msnp13, .msnp15, .msnp18])
    func challenge(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password, legacyMD5: true)
            let client = MessengerClient(configuration: try Self.configuration(network, dialect: dialect))
            let events = Events(client)
            try await client.signIn(email: Self.email, password: Self.password)
            try await client.send(.chg, arguments: Self.status(dialect))
            let answered = await events.first { if case .challengeAnswered = $0 { true } else { false } }
            guard case .challengeAnswered(_, _, let accepted) = answered else {
                Issue.record("no challenge in \(dialect): \(events.all)"); await client.close(); return
            }
            #expect(accepted)
            #expect(await client.signedInAccount != nil)
            await client.close()
        }
    }

    @Test("PNG is answered with QNG", arguments: [Dialect.msnp8, .msnp9, .msnp18])
    func keepalive(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password)
            var configuration = try Self.configuration(network, dialect: dialect)
            configuration.keepaliveInterval = .milliseconds(100)
            let client = MessengerClient(configuration: configuration)
            let events = Events(client)
            try await client.signIn(email: Self.email, password: Self.password)
            let pong = await events.first { if case .keepalive = $0 { true } else { false } }
            guard case .keepalive(let seconds) = pong else { Issue.record("no QNG"); await client.close(); return }
            #expect((seconds != nil) == dialect.qngCarriesSeconds)
            await client.close()
        }
    }

    static func isDisconnection(_ event: MessengerEvent) -> Bool {
        if case .disconnected = event { return true }
        return false
    }

    @Test("Signing in again elsewhere gives OUT OTH to the first session")
    func signedInElsewhere() async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password)
            let configuration = try Self.configuration(network, dialect: .msnp11)
            let first = MessengerClient(configuration: configuration)
            let events = Events(first)
            try await first.signIn(email: Self.email, password: Self.password)
            let second = MessengerClient(configuration: configuration)
            try await second.signIn(email: Self.email, password: Self.password)
            #expect(await events.first { if case .signedOutElsewhere = $0 { true } else { false } } != nil)
            let gone = await events.first(where: Self.isDisconnection)
            guard case .disconnected(let error) = gone else {
                Issue.record("no disconnection: \(events.all)")
                await first.close(); await second.close(); return
            }
            #expect(error?.code == .signedInElsewhere)
            await first.close()
            await second.close()
        }
    }
}
