import Logging
import MSNClient
import MSNCore
import MSNTestSupport
import Testing

/// The real client signing in to the real server over loopback, in every dialect.
@Suite("Client login against the server", .timeLimit(.minutes(2)))
struct LoginTests {
    static let email = "alice@example.com"
    static let password = "test1234"

    static func configuration(_ network: TestNetwork, server: String, dialect: Dialect) throws -> MessengerClient.Configuration {
        let address = try #require(ServerAddress(server))
        var configuration = MessengerClient.Configuration(server: address)
        configuration.httpBaseURL = network.httpBaseURL
        configuration.dialects = [dialect]
        configuration.timeouts.reply = .seconds(10)
        configuration.timeouts.profile = .seconds(5)  // ends as soon as the profile arrives
        return configuration
    }

    static func signIn(_ network: TestNetwork, server: String, dialect: Dialect,
                       email: String = LoginTests.email, password: String = LoginTests.password)
        async throws -> SignedInAccount
    {
        let configuration = try configuration(network, server: server, dialect: dialect)
        return try await MessengerClient.withClient(configuration: configuration) { client in
            let account = try await client.signIn(email: email, password: password)
            await client.signOut()
            return account
        }
    }

    @Test("Every dialect through the dispatch redirect and directly", arguments: Dialect.allCases)
    func everyDialect(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password, legacyMD5: true)
            let notification = try #require(ServerAddress(network.notificationAddress))

            let redirected = try await Self.signIn(network, server: network.dispatchAddress, dialect: dialect)
            #expect(redirected.email == Self.email)
            #expect(redirected.dialect == dialect)
            #expect(redirected.server.port == notification.port)

            let direct = try await Self.signIn(network, server: network.notificationAddress, dialect: dialect)
            #expect(direct.email == Self.email)
            #expect(direct.dialect == dialect)
            if dialect >= .msnp8 { #expect(direct.profile?.mspAuth != nil) }
        }
    }

    @Test("Tweener over both ticket sources", arguments: [Dialect.msnp11, .msnp12, .msnp13, .msnp14])
    func tweenerSources(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password)
            for source in [MessengerClient.TweenerTicketSource.passport14, .rst] {
                var configuration = try Self.configuration(network, server: network.notificationAddress, dialect: dialect)
                configuration.tweenerTicketSource = source
                let account = try await MessengerClient.withClient(configuration: configuration) { client in
                    try await client.signIn(email: Self.email, password: Self.password)
                }
                #expect(account.dialect == dialect)
            }
        }
    }

    @Test("A wrong password is a typed error in every scheme", arguments: [Dialect.msnp7, .msnp8, .msnp13, .msnp15, .msnp18])
    func wrongPassword(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: Self.email, password: Self.password, legacyMD5: true)
            await #expect {
                _ = try await Self.signIn(network, server: network.dispatchAddress, dialect: dialect, password: "WRONG")
            } throws: { ($0 as? MessengerClientError)?.code == .wrongPassword }
        }
    }

    @Test("An unknown account is a typed error", arguments: [Dialect.msnp7, .msnp11, .msnp18])
    func unknownAccount(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            // Passport services and the MD5 salt do not reveal whether an account exists.
            _ = await #expect {
                _ = try await Self.signIn(network, server: network.notificationAddress, dialect: dialect,
                                          email: "nobody@example.com")
            } throws: {
                let code = ($0 as? MessengerClientError)?.code
                return code == .unknownAccount || code == .wrongPassword
            }
        }
    }
}
