// Cipher block chaining (NIST SP 800-38A §6.2) over ``TripleDES``.

extension TripleDES {
    /// Encrypts `plaintext` in CBC mode.
    ///
    /// - Parameters:
    ///   - plaintext: The data; with ``Padding/none`` its length must be a multiple of 8.
    ///   - iv: The 8-byte initialization vector.
    ///   - padding: ``Padding/pkcs5`` for the SSO blob (a 64-byte nonce gains eight `0x08`).
    /// - Returns: The ciphertext, a multiple of 8 bytes long.
    /// - Throws: ``AuthError/Code/invalidIV`` or ``AuthError/Code/invalidDataLength``.
    func encryptCBC(_ plaintext: [UInt8], iv: [UInt8], padding: Padding) throws(AuthError) -> [UInt8] {
        var chain = try Self.block(fromIV: iv)
        var data = plaintext
        switch padding {
        case .pkcs5:
            let count = Self.blockSize - data.count % Self.blockSize
            data.append(contentsOf: repeatElement(UInt8(count), count: count))
        case .none:
            guard data.count % Self.blockSize == 0 else {
                throw AuthError(.invalidDataLength, "\(data.count) bytes is not a whole number of DES blocks")
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        for offset in stride(from: 0, to: data.count, by: Self.blockSize) {
            chain = encryptBlock(AuthBytes.readBigEndian64(data, at: offset) ^ chain)
            AuthBytes.appendBigEndian(chain, to: &output)
        }
        return output
    }

    /// Decrypts `ciphertext` in CBC mode and, with ``Padding/pkcs5``, checks and removes the
    /// padding.
    ///
    /// - Throws: ``AuthError/Code/invalidIV``, ``AuthError/Code/invalidDataLength`` when the
    ///   ciphertext is empty or not whole blocks, ``AuthError/Code/invalidPadding`` when the
    ///   padding is wrong.
    func decryptCBC(_ ciphertext: [UInt8], iv: [UInt8], padding: Padding) throws(AuthError) -> [UInt8] {
        var chain = try Self.block(fromIV: iv)
        guard ciphertext.count % Self.blockSize == 0 else {
            throw AuthError(.invalidDataLength, "\(ciphertext.count) bytes is not a whole number of DES blocks")
        }
        var output: [UInt8] = []
        output.reserveCapacity(ciphertext.count)
        for offset in stride(from: 0, to: ciphertext.count, by: Self.blockSize) {
            let block = AuthBytes.readBigEndian64(ciphertext, at: offset)
            AuthBytes.appendBigEndian(decryptBlock(block) ^ chain, to: &output)
            chain = block
        }
        guard padding == .pkcs5 else { return output }
        guard let last = output.last, (1...8).contains(last),
            output.suffix(Int(last)).allSatisfy({ $0 == last })
        else {
            throw AuthError(.invalidPadding, "the decrypted data does not end with PKCS#5 padding")
        }
        output.removeLast(Int(last))
        return output
    }

    private static func block(fromIV iv: [UInt8]) throws(AuthError) -> UInt64 {
        guard iv.count == blockSize else {
            throw AuthError(.invalidIV, "the IV must be 8 bytes, not \(iv.count)")
        }
        return AuthBytes.readBigEndian64(iv, at: 0)
    }
}
