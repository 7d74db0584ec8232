/// Hex helpers for the tests only (the library has its own, internal).
enum TestHex {
    /// The bytes of a hex string; spaces are ignored. Traps on bad input: test data is ours.
    static func bytes(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { !$0.isWhitespace }.utf8)
        precondition(digits.count.isMultiple(of: 2), "odd hex length in test data")
        return stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)!
        }
    }

    /// A hex string as a big-endian 64-bit DES block.
    static func block(_ text: String) -> UInt64 {
        UInt64(text, radix: 16)!
    }

    /// Lowercase hex of bytes.
    static func string(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }
}
