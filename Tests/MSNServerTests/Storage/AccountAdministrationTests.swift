import Testing

@testable import MSNServer

/// The logic `msn account add|list|remove|passwd` runs, including its error lines.
@Suite("AccountAdministration")
struct AccountAdministrationTests {
    @Test("add, list, passwd, remove")
    func lifecycle() async throws {
        try await withTestStore { store, _ in
            let admin = AccountAdministration(store: store)
            try await admin.checkCanAdd(email: "Alice@Example.com", displayName: "Alice")
            #expect(try await admin.add(email: "Alice@Example.com", displayName: "Alice", password: "pw", legacyMD5: false)
                == "created alice@example.com (Alice)")
            #expect(try await admin.add(email: "carol@example.com", displayName: nil, password: "pw", legacyMD5: true)
                == "created carol@example.com (carol@example.com), MD5 sign-in enabled")

            let lines = try await admin.list()
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("alice@example.com\tAlice\t"))
            #expect(lines[1].hasPrefix("carol@example.com\tcarol@example.com\t"))
            #expect(lines[1].hasSuffix("\tlegacy-md5"))

            try await admin.checkExists(email: "ALICE@example.com")
            #expect(try await admin.changePassword(email: "ALICE@example.com", password: "new", legacyMD5: nil)
                == "changed the password of alice@example.com")
            #expect(try await store.authenticate(email: "alice@example.com", password: "new") != nil)

            #expect(try await admin.remove(email: "alice@example.com") == "removed alice@example.com")
            #expect(try await admin.list().count == 1)
        }
    }

    @Test("bad input gives one clear line")
    func badInput() async throws {
        try await withTestStore { store, _ in
            let admin = AccountAdministration(store: store)
            _ = try await admin.add(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)

            let cases: [(String, () async throws -> Void)] = [
                ("'bad address' is not a valid e-mail address", { try await admin.checkCanAdd(email: "bad address", displayName: nil) }),
                ("an account named alice@example.com already exists", { try await admin.checkCanAdd(email: "ALICE@example.com", displayName: nil) }),
                ("an account named alice@example.com already exists", { _ = try await admin.add(email: "alice@example.com", displayName: nil, password: "x", legacyMD5: false) }),
                ("the password must not be empty", { _ = try await admin.add(email: "bob@example.com", displayName: nil, password: "", legacyMD5: false) }),
                ("the display name must not be empty", { _ = try await admin.add(email: "bob@example.com", displayName: " ", password: "x", legacyMD5: false) }),
                ("no account named nobody@example.com", { try await admin.checkExists(email: "nobody@example.com") }),
                ("no account named nobody@example.com", { _ = try await admin.remove(email: "nobody@example.com") }),
                ("no account named nobody@example.com", { _ = try await admin.changePassword(email: "nobody@example.com", password: "x", legacyMD5: nil) }),
                ("the password must not be empty", { _ = try await admin.changePassword(email: "alice@example.com", password: "", legacyMD5: nil) }),
            ]
            for (message, action) in cases {
                let error = await #expect(throws: StoreError.self) { try await action() }
                #expect(error?.description == message)
                #expect(error?.description.contains("\n") == false)
            }
            #expect(try await admin.list().count == 1)
        }
    }
}
