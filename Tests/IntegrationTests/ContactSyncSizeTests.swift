import MSNClient
import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// A list larger than one `ADL` line (150 contacts) and than a handful of `LST` lines.
@Suite("Contact-list sync of a large list", .timeLimit(.minutes(2)))
struct ContactSyncSizeTests {
    @Test("320 contacts arrive complete over SYN and over the address book + chunked ADL",
          arguments: [Dialect.msnp5, .msnp8, .msnp11, .msnp15, .msnp18])
    func largeList(dialect: Dialect) async throws {
        try await TestNetwork.withRunning { network in
            try await network.createAccount(email: "alice@example.com", password: ContactPeer.password, legacyMD5: true)
            for index in 0..<320 {
                let email = "friend\(index)@example.com"
                try await network.createAccount(email: email, password: "x", displayName: "Friend \(index)")
                _ = try await network.store.addContact(owner: "alice@example.com", contact: email, to: .forward)
                if index % 2 == 0 { _ = try await network.store.addContact(owner: "alice@example.com", contact: email, to: .allow) }
            }
            let alice = try await ContactPeer.signedIn(network, email: "alice@example.com", dialect: dialect, create: false)
            let list = await alice.client.contactList
            #expect(list.contacts.count == 320)
            #expect(list.forwardList.count == 320)
            #expect(list["friend7@example.com"]?.displayName == "Friend 7")
            #expect(list["friend8@example.com"]?.lists == [.forward, .allow])
            await alice.waitForChange("reads the whole list from contactChanges") {
                if case .synchronized(let snapshot) = $0 { snapshot.contacts.count == 320 } else { false }
            }
            // The session is usable after the sync: a list command still gets its reply.
            try await alice.client.setStatus(.away)
            await alice.close()
        }
    }
}
