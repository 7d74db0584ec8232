import Foundation
import GRDB
import Testing

@testable import MSNServer

@Suite("Legacy MD5 secrets")
struct LegacyMD5Tests {
    @Test("MD5(salt + password) verifies for --legacy-md5 accounts (protocol test vector)")
    func verifiesKnownVector() async throws {
        try await withTestStore { store, _ in
            let alice = try await store.createAccount(email: "alice@hotmail.com", displayName: nil, password: "abcdefg1234567", legacyMD5: true)
            #expect(alice.hasLegacyMD5)
            #expect(try await store.legacyMD5Password(for: "Alice@Hotmail.com") == "abcdefg1234567")
            let verified = try await store.verifyLegacyMD5(email: "alice@hotmail.com", salt: "1056561624.17795", response: "483eee01d6a1de1b668cac9a0ac75d91")
            #expect(verified == alice)
            #expect(try await store.verifyLegacyMD5(email: "alice@hotmail.com", salt: "1056561624.17795", response: "483EEE01D6A1DE1B668CAC9A0AC75D91") == alice)
            #expect(try await store.verifyLegacyMD5(email: "alice@hotmail.com", salt: "1056561624.17796", response: "483eee01d6a1de1b668cac9a0ac75d91") == nil)
            #expect(try await store.verifyLegacyMD5(email: "alice@hotmail.com", salt: "1056561624.17795", response: "") == nil)
        }
    }

    @Test("accounts without --legacy-md5 keep no recoverable password")
    func noSecretWithoutFlag() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "bob@example.com", displayName: nil, password: "pw", legacyMD5: false)
            #expect(try await store.legacyMD5Password(for: "bob@example.com") == nil)
            #expect(try await store.verifyLegacyMD5(email: "bob@example.com", salt: "1", response: "anything") == nil)
            let secret = try await store.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT legacy_md5_secret FROM account")?["legacy_md5_secret"] as Data?
            }
            #expect(secret == nil)
        }
    }

    @Test("the database does not contain the password in clear")
    func sealedAtRest() async throws {
        try await withTestStore { store, directory in
            _ = try await store.createAccount(email: "carol@example.com", displayName: nil, password: "VeryDistinctivePassword", legacyMD5: true)
            let secret = try await store.pool.read { db in
                try Data.fetchOne(db, sql: "SELECT legacy_md5_secret FROM account")
            }
            let sealed = try #require(secret)
            #expect(!String(decoding: sealed, as: UTF8.self).contains("VeryDistinctivePassword"))
            let keyPath = (directory as NSString).appendingPathComponent(LegacyPasswordCipher.keyFileName)
            let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test("passwd keeps, enables or drops the legacy secret as asked")
    func passwordChangeAndLegacyFlag() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "dave@example.com", displayName: nil, password: "one", legacyMD5: true)
            try await store.setPassword(email: "dave@example.com", password: "two", legacyMD5: nil)
            #expect(try await store.legacyMD5Password(for: "dave@example.com") == "two")
            try await store.setPassword(email: "dave@example.com", password: "three", legacyMD5: false)
            #expect(try await store.legacyMD5Password(for: "dave@example.com") == nil)
            #expect(try await store.account(email: "dave@example.com")?.hasLegacyMD5 == false)
            try await store.setPassword(email: "dave@example.com", password: "four", legacyMD5: true)
            #expect(try await store.legacyMD5Password(for: "dave@example.com") == "four")
        }
    }

    @Test("a sealed secret moved to another account's row does not open")
    func boundToAccount() async throws {
        try await withTestStore { store, _ in
            _ = try await store.createAccount(email: "erin@example.com", displayName: nil, password: "erins", legacyMD5: true)
            _ = try await store.createAccount(email: "frank@example.com", displayName: nil, password: "franks", legacyMD5: true)
            try await store.pool.write { db in
                try db.execute(sql: """
                    UPDATE account SET legacy_md5_secret = (SELECT legacy_md5_secret FROM account WHERE email = 'erin@example.com')
                    WHERE email = 'frank@example.com'
                    """)
            }
            let error = await #expect(throws: StoreError.self) { _ = try await store.legacyMD5Password(for: "frank@example.com") }
            #expect(error?.code == .legacySecretUnavailable)
        }
    }

    @Test("a second store on the same directory reuses the key file")
    func keyFileShared() async throws {
        try await withTestStore { store, directory in
            _ = try await store.createAccount(email: "gina@example.com", displayName: nil, password: "ginas", legacyMD5: true)
            let other = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
            defer { try? other.close() }
            #expect(try await other.legacyMD5Password(for: "gina@example.com") == "ginas")
        }
    }
}
