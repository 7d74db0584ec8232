import Foundation
import GRDB
import MSNAuth
import Testing

@testable import MSNServer

@Suite("SQLiteMessengerStore")
struct SQLiteMessengerStoreTests {
    @Test("migrations create the schema in an empty, not yet existing directory")
    func migrationsOnEmptyDirectory() async throws {
        try await withTemporaryDirectory { root in
            let directory = (root as NSString).appendingPathComponent("nested/data")
            let store = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
            defer { try? store.close() }
            #expect(FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("messenger.sqlite")))
            let tables = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            #expect(tables.contains("account"))
            let applied = try await store.pool.read { db in try SQLiteMessengerStore.migrator.appliedMigrations(db) }
            #expect(applied == ["v1-accounts", "v2-contacts"])
            #expect(try await store.allAccounts().isEmpty)
        }
    }

    @Test("the database is in WAL mode with synchronous = FULL")
    func durabilitySettings() async throws {
        try await withTestStore { store, _ in
            let (mode, synchronous) = try await store.pool.writeWithoutTransaction { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(mode == "wal")
            #expect(synchronous == 2)
        }
    }

    @Test("create, find by name and id, list")
    func createFindList() async throws {
        try await withTestStore { store, _ in
            let alice = try await store.createAccount(email: " Alice@Example.COM ", displayName: "Alice", password: "pw1", legacyMD5: false)
            #expect(alice.email == "alice@example.com")
            #expect(alice.displayName == "Alice")
            #expect(alice.puid != 0 && alice.cid != 0)
            #expect(!alice.hasLegacyMD5)
            let bob = try await store.createAccount(email: "bob@example.com", displayName: nil, password: "pw2", legacyMD5: false)
            #expect(bob.displayName == "bob@example.com")
            #expect(bob.id != alice.id && bob.puid != alice.puid && bob.cid != alice.cid)

            #expect(try await store.account(email: "ALICE@example.com") == alice)
            #expect(try await store.account(id: bob.id) == bob)
            #expect(try await store.account(email: "carol@example.com") == nil)
            #expect(try await store.account(email: "not an address") == nil)
            #expect(try await store.allAccounts().map(\.email) == ["alice@example.com", "bob@example.com"])
        }
    }

    @Test("a second account with the same name, in any case, is refused")
    func duplicateEmail() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.createAccount(email: "ALICE@Example.com", displayName: nil, password: "other", legacyMD5: false)
            }
            #expect(error?.code == .accountExists)
            #expect(try await store.allAccounts().count == 1)
        }
    }

    @Test("bad input is refused with the matching code", arguments: [
        ("not-an-email", "Name", "pw", StoreError.Code.invalidEmail),
        ("alice@example.com", "   ", "pw", .invalidDisplayName),
        ("alice@example.com", "Bad\u{7}Name", "pw", .invalidDisplayName),
        ("alice@example.com", "Alice", "", .invalidPassword),
    ])
    func badInput(email: String, name: String, password: String, code: StoreError.Code) async throws {
        try await withTestStore { store, _ async throws in
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.createAccount(email: email, displayName: name, password: password, legacyMD5: false)
            }
            #expect(error?.code == code)
            #expect(try await store.allAccounts().isEmpty)
        }
    }

    @Test("remove deletes the account; removing an unknown one fails")
    func remove() async throws {
        try await withTestStore { store, _ in
            let alice = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)
            try await store.removeAccount(email: "Alice@example.com")
            #expect(try await store.account(id: alice.id) == nil)
            let error = await #expect(throws: StoreError.self) { try await store.removeAccount(email: "alice@example.com") }
            #expect(error?.code == .accountNotFound)
            // Ids are never reused.
            let again = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)
            #expect(again.id > alice.id)
        }
    }

    @Test("authenticate accepts the right password only")
    func authenticate() async throws {
        try await withTestStore { store, _ in
            let alice = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "right", legacyMD5: false)
            #expect(try await store.authenticate(email: "ALICE@example.com", password: "right") == alice)
            #expect(try await store.authenticate(email: "alice@example.com", password: "wrong") == nil)
            #expect(try await store.authenticate(email: "alice@example.com", password: "") == nil)
            #expect(try await store.authenticate(email: "nobody@example.com", password: "right") == nil)
            #expect(try await store.authenticate(email: "garbage", password: "right") == nil)
        }
    }

    @Test("setPassword replaces the password")
    func changePassword() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "old", legacyMD5: false)
            try await store.setPassword(email: "alice@example.com", password: "new", legacyMD5: nil)
            #expect(try await store.authenticate(email: "alice@example.com", password: "old") == nil)
            #expect(try await store.authenticate(email: "alice@example.com", password: "new") != nil)
            let missing = await #expect(throws: StoreError.self) {
                try await store.setPassword(email: "bob@example.com", password: "x", legacyMD5: nil)
            }
            #expect(missing?.code == .accountNotFound)
            let empty = await #expect(throws: StoreError.self) {
                try await store.setPassword(email: "alice@example.com", password: "", legacyMD5: nil)
            }
            #expect(empty?.code == .invalidPassword)
        }
    }

    @Test("setDisplayName updates and returns the account")
    func displayName() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)
            let renamed = try await store.setDisplayName(email: "alice@example.com", displayName: "Alice ☀︎")
            #expect(renamed.displayName == "Alice ☀︎")
            #expect(try await store.account(email: "alice@example.com")?.displayName == "Alice ☀︎")
        }
    }

    @Test("a weaker stored hash is upgraded at the next successful sign-in")
    func rehashOnLogin() async throws {
        try await withTemporaryDirectory { directory in
            let weak = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: 10), logger: quietLogger)
            _ = try await weak.createAccount(email: "alice@example.com", displayName: nil, password: "pw", legacyMD5: false)
            try weak.close()

            let strong = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: 20), logger: quietLogger)
            defer { try? strong.close() }
            let storedHash: @Sendable () async throws -> String? = {
                try await strong.pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM account") }
            }
            #expect(try await storedHash()?.hasPrefix("pbkdf2-sha256$10$") == true)
            #expect(try await strong.authenticate(email: "alice@example.com", password: "wrong") == nil)
            #expect(try await storedHash()?.hasPrefix("pbkdf2-sha256$10$") == true)
            #expect(try await strong.authenticate(email: "alice@example.com", password: "pw") != nil)
            #expect(try await storedHash()?.hasPrefix("pbkdf2-sha256$20$") == true)
            #expect(try await strong.authenticate(email: "alice@example.com", password: "pw") != nil)
        }
    }

    @Test("data survives closing and reopening the database")
    func durability() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = SQLiteMessengerStore.Configuration(directory: directory, passwordIterations: testIterations)
            let first = try SQLiteMessengerStore(configuration: configuration, logger: quietLogger)
            let alice = try await first.createAccount(email: "alice@example.com", displayName: "Alice", password: "pw", legacyMD5: true)
            _ = try await first.createAccount(email: "bob@example.com", displayName: nil, password: "pw", legacyMD5: false)
            try await first.removeAccount(email: "bob@example.com")
            try first.close()

            let second = try SQLiteMessengerStore(configuration: configuration, logger: quietLogger)
            defer { try? second.close() }
            #expect(try await second.allAccounts() == [alice])
            #expect(try await second.authenticate(email: "alice@example.com", password: "pw") == alice)
            #expect(try await second.legacyMD5Password(for: "alice@example.com") == "pw")
        }
    }

    @Test("two stores on one directory see each other's writes (CLI next to a running server)")
    func twoProcessesShareTheDirectory() async throws {
        try await withTestStore { server, directory in
            let cli = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
            defer { try? cli.close() }
            _ = try await cli.createAccount(email: "carol@example.com", displayName: nil, password: "pw", legacyMD5: true)
            #expect(try await server.authenticate(email: "carol@example.com", password: "pw") != nil)
            #expect(try await server.legacyMD5Password(for: "carol@example.com") == "pw")
            try await server.removeAccount(email: "carol@example.com")
            #expect(try await cli.account(email: "carol@example.com") == nil)
        }
    }
}
