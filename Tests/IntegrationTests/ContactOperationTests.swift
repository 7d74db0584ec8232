import MSNClient
import MSNCore
import MSNTestSupport
import Testing

/// Errors and groups of the contact operations, against the real server.
@Suite("Contact operations against the server", .timeLimit(.minutes(1)))
struct ContactOperationTests {
    static func code(_ error: any Error) -> MessengerClientError.Code? { (error as? MessengerClientError)?.code }

    @Test("Adding an unknown account or a contact twice is a typed error",
          arguments: [Dialect.msnp5, .msnp8, .msnp11, .msnp13, .msnp15, .msnp18])
    func errors(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "bob@example.com", password: ContactPeer.password, legacyMD5: true)
            let alice = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: dialect)
            await #expect { try await alice.client.addContact("nobody@example.com") } throws: { Self.code($0) == .unknownAccount }
            try await alice.client.addContact("bob@example.com")
            await #expect { try await alice.client.addContact("bob@example.com") } throws: { Self.code($0) == .alreadyOnList }
            await #expect { try await alice.client.removeContact("carol@example.com") } throws: { Self.code($0) == .notOnList }
            if dialect.supportsGroups {
                await #expect { try await alice.client.removeGroup(dialect.usesADC ? "00000000-0000-0000-0000-0000000000aa" : "77") }
                    throws: { Self.code($0) == .groupMissing }
            } else {
                await #expect { _ = try await alice.client.addGroup("Friends") } throws: { Self.code($0) == .notSupportedInDialect }
            }
            #expect(await alice.client.contactList["bob@example.com"]?.lists.isSuperset(of: [.forward, .allow]) == true)
            await alice.close()
        }
    }

    @Test("Groups: create, move a contact in, rename; another dialect reads the same groups; delete",
          arguments: [(Dialect.msnp8, Dialect.msnp15), (.msnp11, .msnp9), (.msnp18, .msnp12)])
    func groups(first: Dialect, second: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "bob@example.com", password: ContactPeer.password, legacyMD5: true)
            let alice = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: first)
            try await alice.client.addContact("bob@example.com")
            let group = try await alice.client.addGroup("Friends")
            #expect(group.name == "Friends")
            try await alice.client.moveContact("bob@example.com", from: nil, to: group.id)
            try await alice.client.renameGroup(group.id, to: "Best Friends")
            let list = await alice.client.contactList
            #expect(list.groups.contains(ContactGroup(id: group.id, name: "Best Friends")))
            #expect(list["bob@example.com"]?.groupIDs.contains(group.id) == true)
            await alice.close()

            let again = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: second, create: false)
            let seen = await again.client.contactList
            let renamed = try #require(seen.groups.first { $0.name == "Best Friends" }, "\(seen.groups)")
            #expect(seen["bob@example.com"]?.groupIDs.contains(renamed.id) == true)
            try await again.client.moveContact("bob@example.com", from: renamed.id, to: nil)
            try await again.client.removeGroup(renamed.id)
            let after = await again.client.contactList
            #expect(!after.groups.contains { $0.id == renamed.id })
            #expect(after["bob@example.com"]?.lists.contains(.forward) == true)
            await again.close()
        }
    }

    @Test("Declining a request blocks; unblocking allows again", arguments: [Dialect.msnp8, .msnp11, .msnp16])
    func decline(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            let alice = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: .msnp15)
            let bob = try await ContactPeer.signedIn(network, email: "bob@example.com", dialect: dialect)
            try await alice.client.addContact("bob@example.com")
            await bob.waitFor("alice@example.com", "sees the request") { $0?.isPending == true }
            try await bob.client.declineRequest(from: "alice@example.com")
            await alice.waitFor("bob@example.com", "sees bob offline") { $0 != nil && $0?.status == nil }
            #expect(await bob.client.contactList.pendingRequests.isEmpty)
            try await bob.client.unblock("alice@example.com")
            await alice.waitFor("bob@example.com", "sees bob online again") { $0?.status == .online }
            #expect(await bob.client.contactList["alice@example.com"]?.lists.contains(.allow) == true)
            await alice.close()
            await bob.close()
        }
    }
}
