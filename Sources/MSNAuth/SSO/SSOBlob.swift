#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `MBI_KEY`/`MBI_KEY_OLD` response blob of the SSO login, MSNP15 and later (auth.md §3.4).
///
/// ```
/// S: USR 3 SSO S MBI_KEY_OLD 8CLhG/xfgYZ7TyRQ/jIAWyDmd/w4R4GF2yKLS6tYrnjzi4cFag/Nr+hxsfg5zlCf
/// C: USR 4 SSO S t=<ticket>&p=<prof> HAAAAAEAAAADZgAABIAAAAgAAAAUAAAASAAAAAECAwQF…
/// ```
///
/// The blob proves that the client holds the proof key (``SSOProofKey``) that came with its
/// ticket. From the key, two 24-byte keys are derived; the server's nonce (used as ASCII
/// text) is signed with HMAC-SHA1 under the first and encrypted with 3DES-CBC under the
/// second. The result is a 28-byte Windows CryptoAPI-style header, the IV, the hash and the
/// ciphertext, in base64:
///
/// | Bytes | Content |
/// |---|---|
/// | 0–27 | seven little-endian words: 28, 1 (CBC), `0x6603` (3DES), `0x8004` (SHA-1), 8, 20, cipher length |
/// | 28–35 | IV |
/// | 36–55 | HMAC-SHA1 of the nonce |
/// | 56… | 3DES-CBC of the nonce with PKCS#5 padding (72 bytes for a 64-byte nonce) |
///
/// The client calls `make(nonce:proofKey:iv:)`; the server calls
/// ``makeNonce()`` and later `verify(blob:nonce:proofKey:)`.
public struct SSOBlob: Hashable, Sendable {
    /// The size of the header, in bytes (its first word).
    public static let headerSize = 28
    /// The longest base64 text accepted, in characters (a real blob has 172).
    public static let maximumEncodedLength = 4096

    private static let ivSize = 8
    private static let hashSize = 20
    /// The six header words that never change: size, CBC, CALG_3DES, CALG_SHA1, IV and hash sizes.
    private static let fixedHeader: [UInt32] = [28, 1, 0x6603, 0x8004, 8, 20]

    /// The 8-byte initialization vector of the encryption.
    public let iv: [UInt8]
    /// The 20-byte HMAC-SHA1 of the nonce.
    public let hash: [UInt8]
    /// The 3DES-CBC encryption of the nonce (a multiple of 8 bytes).
    public let cipher: [UInt8]

    private init(iv: [UInt8], hash: [UInt8], cipher: [UInt8]) {
        self.iv = iv
        self.hash = hash
        self.cipher = cipher
    }

    /// Decodes and checks the layout of a blob, the way a server reads it.
    ///
    /// - Parameter base64: The last-but-one argument of `USR <trid> SSO S <ticket> <blob> …`.
    /// - Throws: ``AuthError/Code/invalidBase64`` when it is not base64;
    ///   ``AuthError/Code/malformedSSOBlob`` when it is too long, shorter than its header, has
    ///   other header words than the fixed ones, or a cipher length that disagrees with its
    ///   size or is not a positive multiple of 8.
    public init(base64: String) throws(AuthError) {
        guard base64.utf8.count <= Self.maximumEncodedLength else {
            throw AuthError(.malformedSSOBlob, "the blob is longer than \(Self.maximumEncodedLength) characters")
        }
        guard let data = Data(base64Encoded: base64) else {
            throw AuthError(.invalidBase64, "the blob is not valid base64")
        }
        let bytes = Array(data)
        guard bytes.count >= Self.headerSize else {
            throw AuthError(.malformedSSOBlob, "the blob has \(bytes.count) bytes, fewer than its 28-byte header")
        }
        let words = (0..<7).map { AuthBytes.readLittleEndian(bytes, at: $0 * 4) }
        guard Array(words.prefix(6)) == Self.fixedHeader else {
            throw AuthError(.malformedSSOBlob, "the blob header is not (28, 1, 0x6603, 0x8004, 8, 20)")
        }
        let cipherLength = Int(words[6])
        guard bytes.count == Self.headerSize + Self.ivSize + Self.hashSize + cipherLength else {
            throw AuthError(.malformedSSOBlob, "the blob's size does not match its cipher length \(cipherLength)")
        }
        guard cipherLength > 0, cipherLength.isMultiple(of: TripleDES.blockSize) else {
            throw AuthError(.malformedSSOBlob, "the cipher length \(cipherLength) is not a positive multiple of 8")
        }
        let hashStart = Self.headerSize + Self.ivSize
        let cipherStart = hashStart + Self.hashSize
        self.init(
            iv: Array(bytes[Self.headerSize..<hashStart]),
            hash: Array(bytes[hashStart..<cipherStart]),
            cipher: Array(bytes[cipherStart...]))
    }

    /// The blob's bytes: header, IV, hash, cipher.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(Self.headerSize + iv.count + hash.count + cipher.count)
        for word in Self.fixedHeader + [UInt32(cipher.count)] {
            AuthBytes.appendLittleEndian(word, to: &output)
        }
        return output + iv + hash + cipher
    }

    /// The blob as sent in `USR … SSO S` (172 characters for a 64-byte nonce).
    public var base64: String {
        Data(bytes).base64EncodedString()
    }

    /// Decrypts ``cipher`` with the key derived from `proofKey`, giving back the nonce bytes.
    ///
    /// Not needed to verify a blob (`verify(blob:nonce:proofKey:)`
    /// recomputes instead); useful to inspect one.
    ///
    /// - Parameter proofKey: The `BinarySecret` that came with the ticket.
    /// - Returns: The decrypted nonce, padding removed.
    /// - Throws: ``AuthError/Code/invalidPadding`` when the key is wrong (the padding does
    ///   not check out).
    public func decryptedNonce(proofKey: SSOProofKey) throws(AuthError) -> [UInt8] {
        let cipherKey = try TripleDES(key: SSOKeyDerivation.encryptionKey(from: proofKey))
        return try cipherKey.decryptCBC(cipher, iv: iv, padding: .pkcs5)
    }

    /// Computes the blob for a nonce and key.
    static func compute(nonce: [UInt8], proofKey: SSOProofKey, iv: [UInt8]) throws(AuthError) -> SSOBlob {
        guard iv.count == ivSize else {
            throw AuthError(.invalidIV, "the IV must be 8 bytes, not \(iv.count)")
        }
        let hash = SSOKeyDerivation.hmacSHA1(key: SSOKeyDerivation.hashKey(from: proofKey), data: nonce)
        let cipherKey = try TripleDES(key: SSOKeyDerivation.encryptionKey(from: proofKey))
        let cipher = try cipherKey.encryptCBC(nonce, iv: iv, padding: .pkcs5)
        return SSOBlob(iv: iv, hash: hash, cipher: cipher)
    }
}
