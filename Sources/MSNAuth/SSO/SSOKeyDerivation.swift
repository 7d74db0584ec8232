import Crypto

/// The key derivation of the `MBI_KEY` blob (auth.md §3.4): WS-SecureConversation's P_SHA1,
/// cut to the 24 bytes a 3DES key needs.
///
/// ```
/// a1 = HMAC_SHA1(K, M)      b1 = HMAC_SHA1(K, a1 || M)
/// a2 = HMAC_SHA1(K, a1)     b2 = HMAC_SHA1(K, a2 || M)
/// key = b1 || b2[0..<4]
/// ```
enum SSOKeyDerivation {
    /// The label for the key that signs the nonce (HMAC-SHA1).
    static let hashLabel = Array("WS-SecureConversationSESSION KEY HASH".utf8)
    /// The label for the key that encrypts the nonce (3DES).
    static let encryptionLabel = Array("WS-SecureConversationSESSION KEY ENCRYPTION".utf8)

    /// 24 bytes derived from `key` for `label`.
    static func derive(key: [UInt8], label: [UInt8]) -> [UInt8] {
        let a1 = hmacSHA1(key: key, data: label)
        let b1 = hmacSHA1(key: key, data: a1 + label)
        let a2 = hmacSHA1(key: key, data: a1)
        let b2 = hmacSHA1(key: key, data: a2 + label)
        return b1 + b2.prefix(4)
    }

    /// The hash key (`key2` of auth.md).
    static func hashKey(from proofKey: SSOProofKey) -> [UInt8] {
        derive(key: proofKey.bytes, label: hashLabel)
    }

    /// The encryption key (`key3` of auth.md).
    static func encryptionKey(from proofKey: SSOProofKey) -> [UInt8] {
        derive(key: proofKey.bytes, label: encryptionLabel)
    }

    /// HMAC-SHA1 of `data` under `key`, as bytes.
    static func hmacSHA1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }
}
