import Crypto
import _CryptoExtras

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A salted PBKDF2-HMAC-SHA256 password hash in a self-describing text form.
///
/// The stored form names the algorithm, the iteration count, the salt and the derived key, so
/// that the count can be raised later without breaking existing accounts:
///
/// ```
/// pbkdf2-sha256$210000$3q2+7wAAAAAAAAAAAAAAAA==$1kSnKl2n…=
/// ```
///
/// Salt and key are standard base64 with padding. The password is hashed as its UTF-8 bytes,
/// unnormalised: MSN clients send the bytes the user typed.
///
/// ```swift
/// let stored = try PasswordHash.make(password: "hunter2").encoded
/// PasswordHash.verify("hunter2", against: stored)   // true
/// PasswordHash.needsRehash(stored)                  // false
/// ```
///
/// Hashing is deliberately slow (see ``defaultIterations``); call it off latency-sensitive
/// threads.
public struct PasswordHash: Sendable, Hashable {
    /// The scheme word at the start of the encoded form.
    public static let scheme = "pbkdf2-sha256"

    /// The iteration count new hashes get unless told otherwise.
    ///
    /// 210,000 is the lowest count swift-crypto's checked PBKDF2 entry point accepts, and the
    /// figure OWASP gave for PBKDF2 when that check was written. On the project's 2-core
    /// Linux build machine one hash takes about 70 ms in a release build (about 0.1 s in a debug
    /// build); see docs/storage.md for the measurement.
    public static let defaultIterations = 210_000

    /// The largest iteration count a stored hash may claim; anything above is treated as
    /// malformed, so a tampered row cannot make a login burn minutes of CPU.
    public static let maximumIterations = 10_000_000

    /// Length of a freshly generated salt, in bytes.
    public static let saltByteCount = 16

    /// Length of the derived key, in bytes (one SHA-256 block).
    public static let keyByteCount = 32

    /// The PBKDF2 iteration count.
    public let iterations: Int
    /// The random salt.
    public let salt: [UInt8]
    /// The derived key.
    public let key: [UInt8]

    /// The stored text form: `pbkdf2-sha256$<iterations>$<salt b64>$<key b64>`.
    public var encoded: String {
        "\(Self.scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Hashes `password` with a fresh random salt.
    ///
    /// - Parameters:
    ///   - password: The password as typed.
    ///   - iterations: PBKDF2 iterations; at least 1. Use ``defaultIterations`` in production;
    ///     lower counts are for tests and benchmarks.
    /// - Throws: ``PasswordHashError`` with code `invalidIterations` when `iterations` is out of
    ///   range, `derivationFailed` if the KDF fails.
    public static func make(password: String, iterations: Int = defaultIterations) throws(PasswordHashError) -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try make(password: password, salt: salt, iterations: iterations)
    }

    /// Hashes `password` with the given salt (deterministic; for tests and re-derivation).
    public static func make(password: String, salt: [UInt8], iterations: Int) throws(PasswordHashError) -> PasswordHash {
        guard (1...maximumIterations).contains(iterations) else {
            throw PasswordHashError(code: .invalidIterations)
        }
        let key = try derive(password: password, salt: salt, iterations: iterations, byteCount: keyByteCount)
        return PasswordHash(iterations: iterations, salt: salt, key: key)
    }

    /// Parses the stored text form.
    ///
    /// Returns `nil` for anything that is not exactly `pbkdf2-sha256$<n>$<b64>$<b64>` with
    /// `1 ≤ n ≤` ``maximumIterations``, a salt of 8–64 bytes and a key of 16–64 bytes.
    public init?(encoded: some StringProtocol) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme,
              parts[1].utf8.count <= 9, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let iterations = Int(parts[1]), (1...Self.maximumIterations).contains(iterations),
              let salt = Data(base64Encoded: String(parts[2])), (8...64).contains(salt.count),
              let key = Data(base64Encoded: String(parts[3])), (16...64).contains(key.count)
        else { return nil }
        self.init(iterations: iterations, salt: Array(salt), key: Array(key))
    }

    private init(iterations: Int, salt: [UInt8], key: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.key = key
    }

    /// Whether `password` derives this hash's key (constant-time comparison).
    public func verify(_ password: String) -> Bool {
        guard let candidate = try? Self.derive(password: password, salt: salt, iterations: iterations, byteCount: key.count)
        else { return false }
        return Self.constantTimeEquals(candidate, key)
    }

    /// Whether `password` matches the stored form `encoded`.
    ///
    /// A malformed or foreign stored string never matches.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        guard let hash = PasswordHash(encoded: encoded) else { return false }
        return hash.verify(password)
    }

    /// Whether a stored hash should be replaced by a fresh one at the next successful login:
    /// it is malformed, or was made with fewer than `iterations` iterations.
    public static func needsRehash(_ encoded: String, iterations: Int = defaultIterations) -> Bool {
        guard let hash = PasswordHash(encoded: encoded) else { return true }
        return hash.iterations < iterations || hash.key.count != keyByteCount || hash.salt.count < saltByteCount
    }

    /// Compares two byte strings in time that depends only on their lengths.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        AuthBytes.constantTimeEqual(lhs, rhs)
    }

    private static func derive(password: String, salt: [UInt8], iterations: Int, byteCount: Int) throws(PasswordHashError) -> [UInt8] {
        do {
            // The checked entry point refuses fewer than 210,000 rounds; the range is checked by
            // our callers, which allow lower counts on purpose (tests, benchmarks).
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(password.utf8),
                salt: salt,
                using: .sha256,
                outputByteCount: byteCount,
                unsafeUncheckedRounds: iterations
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw PasswordHashError(code: .derivationFailed)
        }
    }
}

/// An error from ``PasswordHash``.
public struct PasswordHashError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidIterations
            case derivationFailed
        }

        private let base: Base

        /// The iteration count is below 1 or above ``PasswordHash/maximumIterations``.
        public static let invalidIterations = Code(base: .invalidIterations)
        /// The key derivation function reported a failure.
        public static let derivationFailed = Code(base: .derivationFailed)

        public var description: String {
            switch base {
            case .invalidIterations: "invalid iteration count"
            case .derivationFailed: "key derivation failed"
            }
        }
    }

    /// What went wrong.
    public var code: Code

    /// Creates an error with the given code.
    public init(code: Code) {
        self.code = code
    }

    public var description: String { "PasswordHashError(\(code))" }
}
