/// The DES block cipher (FIPS PUB 46-3) on one 64-bit block.
///
/// Written for clarity, not speed: the SSO login encrypts nine blocks per session, so every
/// step follows the standard's description literally, with its tables in ``DESTables``.
/// Only ``TripleDES`` uses it; DES alone is not secure and is not exposed.
struct DES: Sendable {
    /// The sixteen 48-bit round keys K1…K16, in encryption order.
    private let roundKeys: [UInt64]

    /// Prepares the round keys for a 64-bit key given big-endian (parity bits are ignored).
    init(key: UInt64) {
        let choice1 = Self.permute(key, width: 64, table: DESTables.permutedChoice1)
        var c = UInt32(truncatingIfNeeded: choice1 >> 28) & 0x0FFF_FFFF
        var d = UInt32(truncatingIfNeeded: choice1) & 0x0FFF_FFFF
        var keys: [UInt64] = []
        keys.reserveCapacity(16)
        for rotation in DESTables.rotations {
            c = Self.rotateLeft28(c, by: rotation)
            d = Self.rotateLeft28(d, by: rotation)
            let joined = UInt64(c) << 28 | UInt64(d)
            keys.append(Self.permute(joined, width: 56, table: DESTables.permutedChoice2))
        }
        roundKeys = keys
    }

    /// Encrypts one block.
    func encrypt(_ block: UInt64) -> UInt64 {
        crypt(block, keys: roundKeys)
    }

    /// Decrypts one block: the same network with the round keys in reverse order.
    func decrypt(_ block: UInt64) -> UInt64 {
        crypt(block, keys: roundKeys.reversed())
    }

    private func crypt(_ block: UInt64, keys: [UInt64]) -> UInt64 {
        let permuted = Self.permute(block, width: 64, table: DESTables.initialPermutation)
        var left = UInt32(truncatingIfNeeded: permuted >> 32)
        var right = UInt32(truncatingIfNeeded: permuted)
        for key in keys {
            (left, right) = (right, left ^ Self.feistel(right, key: key))
        }
        // The halves are swapped once more after the last round (R16 L16).
        let preOutput = UInt64(right) << 32 | UInt64(left)
        return Self.permute(preOutput, width: 64, table: DESTables.finalPermutation)
    }

    /// The cipher function f(R, K): expand, mix in the key, substitute, permute.
    private static func feistel(_ half: UInt32, key: UInt64) -> UInt32 {
        let mixed = permute(UInt64(half), width: 32, table: DESTables.expansion) ^ key
        var substituted: UInt64 = 0
        for box in 0..<8 {
            let six = Int(truncatingIfNeeded: (mixed >> UInt64(42 - 6 * box)) & 0x3F)
            let row = (six & 0x20) >> 4 | (six & 0x01)
            let column = (six >> 1) & 0x0F
            substituted = substituted << 4 | UInt64(DESTables.substitutionBoxes[box][row * 16 + column])
        }
        return UInt32(truncatingIfNeeded: permute(substituted, width: 32, table: DESTables.permutation))
    }

    /// Builds an output whose i-th bit (from the most significant) is input bit `table[i]`,
    /// bits of the `width`-bit input being numbered from 1 at the most significant end.
    private static func permute(_ input: UInt64, width: Int, table: [UInt8]) -> UInt64 {
        var output: UInt64 = 0
        for position in table {
            output = output << 1 | (input >> UInt64(width - Int(position))) & 1
        }
        return output
    }

    private static func rotateLeft28(_ value: UInt32, by count: Int) -> UInt32 {
        ((value << UInt32(count)) | (value >> UInt32(28 - count))) & 0x0FFF_FFFF
    }
}
