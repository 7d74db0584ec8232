import MSNClient
import MSNCore
import MSNTestSupport
import Testing
@testable import msn

/// `setFriendlyName` of the real client against the real server: `REA` up to MSNP9, `PRP MFN`
/// from MSNP10 (after `ABContactUpdate` from MSNP13).
@Suite("Setting one's own friendly name", .timeLimit(.minutes(2)))
struct FriendlyNameTests {
    static let dialects: [Dialect] = [.msnp2, .msnp5, .msnp8, .msnp9, .msnp10, .msnp12, .msnp13, .msnp15, .msnp18]

    @Test("The server's confirmation becomes the account's name; it is kept for the next sign-in", arguments: dialects)
    func setAndKeep(_ dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let email = "alice@example.com", name = "Alice ☀ 100% sure"
            let alice = try await ContactPeer.signedIn(network, email: email, dialect: dialect)
            #expect(try await alice.client.setFriendlyName(name) == name)
            #expect(await alice.client.signedInAccount?.friendlyName == name)
            #expect(try await network.store.contactList(owner: email).settings.friendlyName == name)
            await alice.close()

            let again = try await ContactPeer.signedIn(network, email: email, dialect: dialect, create: false)
            #expect(await again.client.signedInAccount?.friendlyName == name)
            await again.close()
        }
    }

    @Test("A name the server refuses is an error (201 on the NS, a SOAP fault from MSNP13); the old name stays",
          arguments: [Dialect.msnp5, .msnp9, .msnp12, .msnp15, .msnp18])
    func refused(_ dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: dialect)
            try await alice.client.setFriendlyName("Alice")
            let tooLong = String(repeating: "x", count: 500)
            await #expect { try await alice.client.setFriendlyName(tooLong) } throws: { error in
                let error = error as? MessengerClientError
                if dialect.contactListMechanism == .addressBookSOAP { return error?.code == .soapFault }
                return error?.code == .serverError && error?.serverErrorCode == .invalidParameter
            }
            #expect(await alice.client.signedInAccount?.friendlyName == "Alice")
            // The session goes on.
            #expect(try await alice.client.setFriendlyName("Alice B") == "Alice B")
            await alice.close()
        }
    }

    @Test("Without a session: notSignedIn")
    func notSignedIn() async throws {
        let client = MessengerClient(configuration: .init(server: ServerAddress(host: "127.0.0.1", port: 1)))
        await #expect { try await client.setFriendlyName("x") } throws: {
            ($0 as? MessengerClientError)?.code == .notSignedIn
        }
    }
}

/// `msn name`, run in-process against a server on port 0.
@Suite("msn name", .timeLimit(.minutes(1)))
struct NameCommandTests {
    @Test("msn name sets the name in each family and prints it as confirmed", arguments: [Dialect.msnp5, .msnp9, .msnp12, .msnp15, .msnp18])
    func name(_ dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: ContactPeer.password, legacyMD5: true)
            let options = ContactCommandTests.options(network, dialect: dialect)
            let command = try NameCommand.parse(["alice@example.com", "Alice & Co 100%"] + options)
            #expect(try await command.perform(password: ContactPeer.password)
                == ["friendly name of alice@example.com is now \"Alice & Co 100%\" (\(dialect))"])
            #expect(try await network.store.contactList(owner: "alice@example.com").settings.friendlyName == "Alice & Co 100%")
        }
    }
}
