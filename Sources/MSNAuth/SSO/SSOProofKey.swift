#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The proof key of an SSO login: the `<wst:BinarySecret>` the RST service returns with the
/// `messengerclear.live.com` ticket (auth.md §3.3).
///
/// ```
/// <wst:RequestedProofToken><wst:BinarySecret>tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE</wst:BinarySecret></wst:RequestedProofToken>
/// ```
///
/// The client derives the keys of its ``SSOBlob`` from it; the server, which issued it,
/// keeps it with the ticket to verify that blob. ``description`` never shows the key.
public struct SSOProofKey: Hashable, Sendable, CustomStringConvertible {
    /// The size of the keys real servers issue: 24 bytes (32 base64 characters).
    public static let standardByteCount = 24
    /// The largest key accepted, in bytes.
    public static let maximumByteCount = 256

    /// The raw key bytes.
    public let bytes: [UInt8]

    /// Wraps raw key bytes.
    ///
    /// - Parameter bytes: 1 to ``maximumByteCount`` bytes; real keys are 24.
    /// - Throws: ``AuthError/Code/invalidProofKey`` when empty or too long.
    public init(bytes: [UInt8]) throws(AuthError) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumByteCount else {
            throw AuthError(.invalidProofKey, "a proof key must be 1 to \(Self.maximumByteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Wraps bytes whose length the caller has already checked.
    private init(validBytes: [UInt8]) {
        bytes = validBytes
    }

    /// Decodes the text of a `BinarySecret` element.
    ///
    /// ```swift
    /// let key = try SSOProofKey(base64: "tgoPVK67sU36fQKlGLMgWgTXp7oiaQgE")  // 24 bytes
    /// ```
    ///
    /// - Parameter base64: Standard base64 with padding, no whitespace.
    /// - Throws: ``AuthError/Code/invalidBase64`` or ``AuthError/Code/invalidProofKey``.
    public init(base64: String) throws(AuthError) {
        guard base64.utf8.count <= (Self.maximumByteCount / 3 + 1) * 4 else {
            throw AuthError(.invalidProofKey, "the BinarySecret is too long")
        }
        guard let data = Data(base64Encoded: base64) else {
            throw AuthError(.invalidBase64, "the BinarySecret is not valid base64")
        }
        try self.init(bytes: Array(data))
    }

    /// A fresh key for a ticket: 24 random bytes from the system's secure generator.
    public static func random() -> SSOProofKey {
        SSOProofKey(validBytes: AuthBytes.random(count: standardByteCount))
    }

    /// The key as the text of a `BinarySecret` element (32 characters for 24 bytes).
    public var base64: String {
        Data(bytes).base64EncodedString()
    }

    /// A redacted form for logs: `SSOProofKey(<24 bytes>)`.
    public var description: String {
        "SSOProofKey(<\(bytes.count) bytes>)"
    }
}
