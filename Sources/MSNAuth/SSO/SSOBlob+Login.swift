// Making and verifying the SSO blob: the client's and the server's side of
// `USR … SSO S MBI_KEY_OLD <nonce>`.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SSOBlob {
    /// The client's blob for `USR <trid> SSO S <ticket> <blob>`, in base64.
    ///
    /// ```swift
    /// let key = try SSOProofKey(base64: "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE")
    /// let blob = try SSOBlob.make(nonce: "8CLhG/xfgYZ7TyRQ/jIAWyDmd/w4R4GF2yKLS6tYrnjzi4cFag/Nr+hxsfg5zlCf",
    ///                             proofKey: key)
    /// // "HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAA…" (172 characters)
    /// ```
    ///
    /// - Parameters:
    ///   - nonce: The text after `MBI_KEY_OLD` (or `MBI_KEY`), used as its UTF-8 bytes and
    ///     never base64-decoded.
    ///   - proofKey: The `BinarySecret` of the `messengerclear.live.com` token.
    ///   - iv: Exactly 8 bytes, for tests; `nil` (the default) draws a random IV.
    /// - Returns: The base64 blob.
    /// - Throws: ``AuthError/Code/invalidIV`` when `iv` is not 8 bytes.
    public static func make(nonce: String, proofKey: SSOProofKey, iv: [UInt8]? = nil) throws(AuthError) -> String {
        try compute(nonce: Array(nonce.utf8), proofKey: proofKey, iv: iv ?? AuthBytes.random(count: 8)).base64
    }

    /// The client's blob, with the proof key given as the base64 text of `BinarySecret`.
    ///
    /// - Parameters:
    ///   - nonce: The text after `MBI_KEY_OLD`.
    ///   - proofKey: The `BinarySecret` text, for example `tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE`.
    ///   - iv: Exactly 8 bytes, or `nil` for a random IV.
    /// - Returns: The base64 blob.
    /// - Throws: ``AuthError/Code/invalidBase64`` or ``AuthError/Code/invalidProofKey`` for a
    ///   bad key, ``AuthError/Code/invalidIV`` for a bad IV.
    public static func make(nonce: String, proofKey: String, iv: [UInt8]? = nil) throws(AuthError) -> String {
        try make(nonce: nonce, proofKey: SSOProofKey(base64: proofKey), iv: iv)
    }

    /// The server's check of a client's blob.
    ///
    /// Decodes the blob, checks its header as Escargot does, recomputes the hash and the
    /// ciphertext from the nonce this server sent and the proof key it issued (with the IV
    /// from the blob), and compares both in constant time.
    ///
    /// - Parameters:
    ///   - blob: The base64 blob from `USR <trid> SSO S <ticket> <blob>`.
    ///   - nonce: The nonce this server sent in `USR … SSO S MBI_KEY_OLD <nonce>`.
    ///   - proofKey: The `BinarySecret` issued with the ticket.
    /// - Returns: `true` only when both the hash and the ciphertext match; `false` for any
    ///   malformed, truncated or tampered blob and for a wrong key or nonce.
    public static func verify(blob: String, nonce: String, proofKey: SSOProofKey) -> Bool {
        guard let received = try? SSOBlob(base64: blob),
            let expected = try? compute(nonce: Array(nonce.utf8), proofKey: proofKey, iv: received.iv)
        else { return false }
        let hashMatches = AuthBytes.constantTimeEqual(received.hash, expected.hash)
        let cipherMatches = AuthBytes.constantTimeEqual(received.cipher, expected.cipher)
        return hashMatches && cipherMatches
    }

    /// The server's check, with the proof key given as `BinarySecret` text.
    ///
    /// - Parameters:
    ///   - blob: The base64 blob from the client.
    ///   - nonce: The nonce this server sent.
    ///   - proofKey: The `BinarySecret` text issued with the ticket.
    /// - Returns: `false` also when `proofKey` is not a valid key.
    public static func verify(blob: String, nonce: String, proofKey: String) -> Bool {
        guard let key = try? SSOProofKey(base64: proofKey) else { return false }
        return verify(blob: blob, nonce: nonce, proofKey: key)
    }

    /// A fresh nonce for `USR <trid> SSO S MBI_KEY_OLD <nonce>`: 48 random bytes in base64,
    /// 64 characters, as Escargot sends
    /// (`KZz0KT99OGglPk4ltDQhN1jgskAjKWInvhSCCr3zyhb/sSFE9HaUs8Vk1vtfmPrD`).
    public static func makeNonce() -> String {
        Data(AuthBytes.random(count: 48)).base64EncodedString()
    }
}
