/// Triple DES in the encrypt-decrypt-encrypt form (TDEA, NIST SP 800-67):
/// `C = E_K3(D_K2(E_K1(P)))`.
///
/// swift-crypto has no DES, and the SSO login (`MBI_KEY_OLD`, auth.md §3.4) encrypts the
/// server's nonce with 3DES-CBC under a derived 24-byte key, so the module carries this small
/// implementation. It is checked against the NIST known-answer tables of SP 800-20 and the
/// worked example of SP 800-67 in the tests. Use it for that login and nothing else.
///
/// Keys of 24 bytes are three independent keys (K1 K2 K3); 16 bytes mean K1 K2 K1; 8 bytes
/// mean K1 K1 K1, which is single DES (useful for the single-DES known-answer tests).
struct TripleDES: Sendable {
    /// How the last block is filled before encryption.
    enum Padding: Sendable {
        /// No padding: the data must already be a multiple of 8 bytes.
        case none
        /// PKCS#5: append `n` bytes of value `n` (1…8), always at least one byte.
        case pkcs5
    }

    /// The block size of DES, in bytes.
    static let blockSize = 8

    private let first: DES
    private let second: DES
    private let third: DES

    /// Prepares a cipher from a key of 8, 16 or 24 bytes.
    ///
    /// - Throws: ``AuthError/Code/invalidKeyLength`` for any other length.
    init(key: [UInt8]) throws(AuthError) {
        guard key.count == 8 || key.count == 16 || key.count == 24 else {
            throw AuthError(.invalidKeyLength, "3DES key must be 8, 16 or 24 bytes, not \(key.count)")
        }
        let k1 = AuthBytes.readBigEndian64(key, at: 0)
        let k2 = key.count >= 16 ? AuthBytes.readBigEndian64(key, at: 8) : k1
        let k3 = key.count == 24 ? AuthBytes.readBigEndian64(key, at: 16) : k1
        first = DES(key: k1)
        second = DES(key: k2)
        third = DES(key: k3)
    }

    /// Encrypts one 8-byte block given as a big-endian integer.
    func encryptBlock(_ block: UInt64) -> UInt64 {
        third.encrypt(second.decrypt(first.encrypt(block)))
    }

    /// Decrypts one 8-byte block given as a big-endian integer.
    func decryptBlock(_ block: UInt64) -> UInt64 {
        first.decrypt(second.encrypt(third.decrypt(block)))
    }
}
