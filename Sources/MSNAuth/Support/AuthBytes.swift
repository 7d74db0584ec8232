/// Small byte helpers shared by this module: hex, constant-time comparison, randomness,
/// little-endian words.
///
/// A caseless namespace rather than extensions on `Array` or `String`, so that other files of
/// the module (and other modules) can never collide with these names.
enum AuthBytes {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hexadecimal of `bytes`, two characters per byte.
    static func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two byte sequences in time that depends only on their lengths.
    ///
    /// Lengths are not secret in any of our uses (digests, blobs), so unequal lengths return
    /// `false` at once.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    /// `count` bytes from the system's cryptographically secure generator.
    static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A string of `count` random decimal digits; the first is never `0` when
    /// `leadingNonZero` is set, so the value keeps its length when read as a number.
    static func randomDigits(count: Int, leadingNonZero: Bool) -> String {
        var generator = SystemRandomNumberGenerator()
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        for index in 0..<count {
            let low: UInt8 = (index == 0 && leadingNonZero) ? 1 : 0
            digits.append(UInt8(ascii: "0") + UInt8.random(in: low...9, using: &generator))
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Appends `value` as four little-endian bytes.
    static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    /// Reads four little-endian bytes starting at `offset`. The caller checks the bounds.
    static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset])
            | UInt32(bytes[offset + 1]) << 8
            | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// Reads eight big-endian bytes starting at `offset` as one DES block.
    static func readBigEndian64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 8) {
            value = value << 8 | UInt64(bytes[index])
        }
        return value
    }

    /// Appends `value` as eight big-endian bytes.
    static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
