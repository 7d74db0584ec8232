// The MSNP11+ challenge hash, step by step as challenges.md §3 describes it.

extension ChallengeResponder {
    /// 2³¹ − 1, the modulus of every step.
    private static let modulus: UInt64 = 0x7FFF_FFFF
    /// The multiplier applied to each even word (step 5).
    private static let multiplier: UInt64 = 0x0E79_A9C1

    /// Mixes `digest` = MD5(challenge || key) with a hash of `challenge || productID`.
    ///
    /// - Parameters:
    ///   - digest: The 16-byte MD5 of the challenge and the product key (step 1).
    ///   - challenge: The challenge bytes.
    ///   - productID: The product id bytes.
    ///   - fullBlockPadding: `true` appends `8 - len % 8` zeros (a whole block when the
    ///     length is already a multiple of 8: papyon, MSNPSharp, Escargot); `false` appends
    ///     none in that case (libpurple).
    /// - Returns: The 16 bytes of the answer.
    static func msnp11Mix(
        digest: [UInt8],
        challenge: [UInt8],
        productID: [UInt8],
        fullBlockPadding: Bool
    ) -> [UInt8] {
        // Step 2: the digest as four little-endian words, and the same with bit 31 cleared.
        let words = (0..<4).map { AuthBytes.readLittleEndian(digest, at: $0 * 4) }
        let masked = words.map { UInt64($0 & 0x7FFF_FFFF) }

        // Step 3: challenge || product id, padded with ASCII '0' to a multiple of 8.
        var text = challenge + productID
        let remainder = text.count % 8
        if remainder != 0 || fullBlockPadding {
            text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 8 - remainder))
        }

        // Steps 4–5: walk the text as pairs of little-endian words.
        var high: UInt64 = 0
        var low: UInt64 = 0
        for offset in stride(from: 0, to: text.count, by: 8) {
            let even = UInt64(AuthBytes.readLittleEndian(text, at: offset))
            let odd = UInt64(AuthBytes.readLittleEndian(text, at: offset + 4))
            var temp = (even * multiplier) % modulus
            temp = (masked[0] * (temp + high) + masked[1]) % modulus
            high = (odd + temp) % modulus
            high = (masked[2] * high + masked[3]) % modulus
            // Unbounded in the reference; wrapping only matters after ~2³¹ blocks, far beyond
            // maximumChallengeLength.
            low = low &+ high &+ temp
        }

        // Step 6.
        high = (high + masked[1]) % modulus
        low = (low + masked[3]) % modulus

        // Steps 7–8: XOR the original (unmasked) words, serialize little-endian.
        let high32 = UInt32(truncatingIfNeeded: high)
        let low32 = UInt32(truncatingIfNeeded: low)
        var output: [UInt8] = []
        output.reserveCapacity(16)
        for (index, word) in words.enumerated() {
            AuthBytes.appendLittleEndian(word ^ (index.isMultiple(of: 2) ? high32 : low32), to: &output)
        }
        return output
    }
}
