import MSNCore
import MSNServer
import MSNTestSupport
import ServiceLifecycle
import Testing

/// A graceful shutdown of the whole network: the notification server says `OUT SSD`, every
/// conversation hears `BYE … 1`, then everything closes.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardShutdownTests {
    typealias F = SwitchboardFixtures

    @Test func gracefulShutdownSaysBYEInEveryConversation() async throws {
        try await withTestStore { store, directory in
            for email in ["alice@example.com", "bob@example.com"] {
                _ = try await store.createAccount(email: email, displayName: F.name(of: email), password: "test1234", legacyMD5: false)
            }
            var configuration = MessengerNetworkConfiguration.ephemeral
            configuration.dataDirectory = directory
            let network = try await MessengerNetwork.bind(configuration: configuration, store: store,
                                                          authenticator: ScriptedAuthenticator(),
                                                          cryptography: ScriptedCryptography(), logger: quietLogger)
            let group = ServiceGroup(services: network.services, logger: quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                do {
                    let alice = try await F.signIn(notificationAddress: network.notificationAddress, "alice@example.com", .msnp7)
                    let bob = try await F.signIn(notificationAddress: network.notificationAddress, "bob@example.com", .msnp18)
                    let aliceSB = try await alice.openSwitchboard()
                    try await aliceSB.send("CAL 2 bob@example.com")
                    _ = try await aliceSB.readFrame()
                    let (bobSB, _) = try await bob.answer(try await bob.nextRing())
                    _ = try await aliceSB.readFrame()

                    await group.triggerGracefulShutdown()
                    #expect(try await aliceSB.readUntilClosed().map(\.line) == ["BYE bob@example.com 1"])
                    #expect(try await bobSB.readUntilClosed().map(\.line) == ["BYE alice@example.com 1"])
                    #expect(try await alice.ns.readUntilClosed().map(\.line).last == "OUT SSD")
                    #expect(try await bob.ns.readUntilClosed().map(\.line).last == "OUT SSD")
                    try await tasks.waitForAll()
                } catch {
                    await group.triggerGracefulShutdown()
                    try? await tasks.waitForAll()
                    throw error
                }
            }
        }
    }
}
