import Crypto

/// Answers and checks `CHL`/`QRY` challenges (challenges.md).
///
/// ```
/// S: CHL 0 22210219642164014968
/// C: QRY 13 PROD0090YUAUV{2B 32
/// 85ecb0db8f32113df79ce0892b9a102c
/// S: QRY 13
/// ```
///
/// The client calls ``response(to:product:algorithm:)``; the server calls ``makeChallenge()``
/// and then ``verify(response:challenge:productID:protocolVersion:)``.
public enum ChallengeResponder: Sendable {
    /// The longest challenge accepted, in bytes. Real ones are 20 digits, sometimes 27–28.
    public static let maximumChallengeLength = 256

    /// The 32 lowercase hex characters that answer `challenge`.
    ///
    /// ```swift
    /// try ChallengeResponder.response(to: "15570131571988941333", product: .msmsgs, algorithm: .basic)
    /// // "8f2f5a91b72102cd28355e9fc9000d6e"
    /// ```
    ///
    /// With ``ChallengeAlgorithm/msnp11`` the padding of challenges.md §3 step 3 is the one
    /// papyon and MSNPSharp used against the real servers: always `8 - len % 8` zeros.
    ///
    /// - Parameters:
    ///   - challenge: The challenge from `CHL 0 <challenge>`, as sent.
    ///   - product: The id/key pair to answer with.
    ///   - algorithm: Which computation; defaults to the pair's own ``ChallengeProduct/algorithm``.
    /// - Returns: The payload of the `QRY` command, 32 lowercase hex characters.
    /// - Throws: ``AuthError/Code/invalidChallenge`` when the challenge is empty, longer than
    ///   ``maximumChallengeLength``, or contains anything but printable ASCII.
    public static func response(
        to challenge: String,
        product: ChallengeProduct,
        algorithm: ChallengeAlgorithm? = nil
    ) throws(AuthError) -> String {
        let challengeBytes = try validated(challenge)
        let digest = compute(challengeBytes, product: product, algorithm: algorithm ?? product.algorithm,
                             fullBlockPadding: true)
        return AuthBytes.lowercaseHex(digest)
    }

    /// Checks a `QRY` answer against a challenge and a pair, in constant time.
    ///
    /// Upper-case hex is accepted. For ``ChallengeAlgorithm/msnp11`` both paddings of
    /// challenges.md §3 step 3 are accepted (they differ only when the challenge plus the id
    /// is a multiple of 8 bytes long).
    ///
    /// - Parameters:
    ///   - response: The 32-character payload of the client's `QRY`.
    ///   - challenge: The challenge this server sent.
    ///   - product: The pair to verify with.
    ///   - algorithm: Which computation; defaults to the pair's own.
    /// - Returns: `true` when the response is right; `false` for any malformed input.
    public static func verify(
        response: String,
        challenge: String,
        product: ChallengeProduct,
        algorithm: ChallengeAlgorithm? = nil
    ) -> Bool {
        guard let challengeBytes = try? validated(challenge) else { return false }
        let received = Array(response.lowercased().utf8)
        let algorithm = algorithm ?? product.algorithm
        let expected = compute(challengeBytes, product: product, algorithm: algorithm, fullBlockPadding: true)
        var matched = AuthBytes.constantTimeEqual(received, Array(AuthBytes.lowercaseHex(expected).utf8))
        if algorithm == .msnp11 {
            let other = compute(challengeBytes, product: product, algorithm: algorithm, fullBlockPadding: false)
            matched = AuthBytes.constantTimeEqual(received, Array(AuthBytes.lowercaseHex(other).utf8)) || matched
        }
        return matched
    }

    /// The server's check of `QRY <trid> <productID> 32` + payload for a dialect.
    ///
    /// Looks `productID` up in ``ChallengeProduct/known``, refuses it when `protocolVersion`
    /// is outside its ``ChallengeProduct/protocolVersions``, and verifies with the algorithm
    /// of that dialect (``ChallengeAlgorithm/init(protocolVersion:)``).
    ///
    /// - Parameters:
    ///   - response: The 32-character payload.
    ///   - challenge: The challenge this server sent.
    ///   - productID: The id from the `QRY` line.
    ///   - protocolVersion: The negotiated MSNP version number.
    /// - Returns: `true` only for a known id, valid in this dialect, with the right response.
    public static func verify(
        response: String,
        challenge: String,
        productID: String,
        protocolVersion: Int
    ) -> Bool {
        guard let product = ChallengeProduct.known(id: productID),
            product.protocolVersions.contains(protocolVersion),
            let algorithm = ChallengeAlgorithm(protocolVersion: protocolVersion)
        else { return false }
        return verify(response: response, challenge: challenge, product: product, algorithm: algorithm)
    }

    /// A fresh challenge for `CHL 0 <challenge>`: 20 random decimal digits, the shape the real
    /// servers sent (`15570131571988941333`).
    public static func makeChallenge() -> String {
        AuthBytes.randomDigits(count: 20, leadingNonZero: true)
    }

    // MARK: - Internals

    /// The challenge's bytes, or an error when it is not a plausible challenge.
    static func validated(_ challenge: String) throws(AuthError) -> [UInt8] {
        let bytes = Array(challenge.utf8)
        guard !bytes.isEmpty else {
            throw AuthError(.invalidChallenge, "the challenge is empty")
        }
        guard bytes.count <= maximumChallengeLength else {
            throw AuthError(.invalidChallenge, "the challenge is \(bytes.count) bytes, above \(maximumChallengeLength)")
        }
        guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw AuthError(.invalidChallenge, "the challenge contains a byte that is not printable ASCII")
        }
        return bytes
    }

    /// The 16-byte answer before hex encoding.
    static func compute(
        _ challenge: [UInt8],
        product: ChallengeProduct,
        algorithm: ChallengeAlgorithm,
        fullBlockPadding: Bool
    ) -> [UInt8] {
        let digest = Array(Insecure.MD5.hash(data: challenge + Array(product.key.utf8)))
        switch algorithm {
        case .basic:
            return digest
        case .msnp11:
            return msnp11Mix(digest: digest, challenge: challenge, productID: Array(product.id.utf8),
                             fullBlockPadding: fullBlockPadding)
        }
    }
}
