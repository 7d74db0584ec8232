import Foundation
import MSNAuth
import Testing

@Suite("PasswordHash")
struct PasswordHashTests {
    @Test("verify accepts the right password and refuses others")
    func verify() throws {
        let hash = try PasswordHash.make(password: "correct horse", iterations: 1_000)
        #expect(hash.verify("correct horse"))
        #expect(!hash.verify("correct horse "))
        #expect(!hash.verify(""))
        #expect(PasswordHash.verify("correct horse", against: hash.encoded))
        #expect(!PasswordHash.verify("Correct horse", against: hash.encoded))
    }

    @Test("two hashes of one password differ by salt")
    func distinctSalts() throws {
        let first = try PasswordHash.make(password: "pw", iterations: 100)
        let second = try PasswordHash.make(password: "pw", iterations: 100)
        #expect(first.salt.count == PasswordHash.saltByteCount)
        #expect(first.salt != second.salt)
        #expect(first.key != second.key)
        #expect(first.encoded != second.encoded)
    }

    @Test("the encoded form round-trips")
    func format() throws {
        let hash = try PasswordHash.make(password: "pw", iterations: 1234)
        let parts = hash.encoded.split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1234")
        #expect(Data(base64Encoded: String(parts[2]))?.count == 16)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        #expect(PasswordHash(encoded: hash.encoded) == hash)
    }

    @Test("PBKDF2-HMAC-SHA256 matches a published vector (RFC 7914 §11)")
    func knownVector() throws {
        // P = "passwd", S = "salt", c = 1, dkLen = 64 in the RFC; the first 32 bytes here.
        let hash = try PasswordHash.make(password: "passwd", salt: Array("salt".utf8), iterations: 1)
        let hex = hash.key.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test("malformed stored strings never verify", arguments: [
        "", "pbkdf2-sha256", "pbkdf2-sha256$1000$c2FsdHNhbHQ=", "md5$1000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAA==", "pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha256$99999999999$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAA==", "pbkdf2-sha256$1000$!!!$AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$", "pbkdf2-sha256$1000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAA==$extra", "pbkdf2-sha256$+100$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAA==",
    ])
    func malformed(stored: String) {
        #expect(!PasswordHash.verify("", against: stored))
        #expect(!PasswordHash.verify("pw", against: stored))
        #expect(PasswordHash.needsRehash(stored))
    }

    @Test("needsRehash when the stored count is below the wanted one")
    func rehash() throws {
        let weak = try PasswordHash.make(password: "pw", iterations: 100).encoded
        #expect(PasswordHash.needsRehash(weak, iterations: 101))
        #expect(!PasswordHash.needsRehash(weak, iterations: 100))
        #expect(PasswordHash.needsRehash(weak))
    }

    @Test("out-of-range iteration counts are refused")
    func invalidIterations() {
        #expect(throws: PasswordHashError(code: .invalidIterations)) { try PasswordHash.make(password: "pw", iterations: 0) }
        #expect(throws: PasswordHashError(code: .invalidIterations)) {
            try PasswordHash.make(password: "pw", iterations: PasswordHash.maximumIterations + 1)
        }
    }

    @Test("constant-time comparison")
    func constantTimeEquals() {
        #expect(PasswordHash.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHash.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHash.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(PasswordHash.constantTimeEquals([], []))
    }

    /// What one hash costs is measured by `msn bench login` (docs/benchmarks.md), not here.
    @Test("the default cost is what the docs say")
    func defaultCost() throws {
        #expect(PasswordHash.defaultIterations == 210_000)
    }
}
