/// Splits a command line into its parameters, in one pass over its UTF-8 bytes.
///
/// ```
/// VER 1 MSNP8 CVR0                       → ["VER", "1", "MSNP8", "CVR0"]
/// VER  1\tMSNP8                          → ["VER", "1", "MSNP8"]        (runs of spaces and tabs)
/// LST N=bob@example.com F=bob 11␠        → ["LST", "N=bob@example.com", "F=bob", "11", ""]
/// ```
/// A line that ends in a separator gets one empty last parameter: Escargot writes an empty
/// group list that way, and keeping it lets the frame re-encode byte for byte. The tokens are
/// `Substring`s of `line`, so splitting allocates nothing beyond the array.
enum LineSplitter {
    /// Appends the parameters of `line` to `tokens`.
    ///
    /// - Returns: `true` when the line ends in a separator (an empty last token was appended).
    /// - Throws: ``FramingError`` for a control byte or more than
    ///   ``FrameLimits/maximumArgumentCount`` parameters.
    static func split(_ line: String, into tokens: inout [Substring], offset: Int,
                      limits: FrameLimits) throws -> Bool {
        if let result = try line.utf8.withContiguousStorageIfAvailable({ bytes in
            try split(bytes, of: line, into: &tokens, offset: offset, limits: limits)
        }) {
            return result
        }
        let bytes = Array(line.utf8)  // never taken for native strings
        return try bytes.withUnsafeBufferPointer {
            try split($0, of: line, into: &tokens, offset: offset, limits: limits)
        }
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, of line: String,
                              into tokens: inout [Substring], offset: Int,
                              limits: FrameLimits) throws -> Bool {
        let utf8 = line.utf8
        let maximum = limits.maximumArgumentCount
        var tokenStart = -1
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if tokenStart >= 0 {
                    try append(tokenStart, index)
                    tokenStart = -1
                }
            } else {
                if byte < 0x20 || byte == 0x7F { try controlByte(byte, at: index, offset: offset) }
                if tokenStart < 0 { tokenStart = index }
            }
            index += 1
        }
        if tokenStart >= 0 {
            try append(tokenStart, count)
            return false
        }
        guard !tokens.isEmpty else { return false }  // only spaces: a blank line
        try append(count, count)
        return true

        func append(_ start: Int, _ end: Int) throws {
            guard tokens.count < maximum else {
                throw FramingError(.tooManyArguments, offset: offset,
                                   detail: "more than \(maximum) parameters on one line")
            }
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(lower, offsetBy: end - start)
            tokens.append(line[lower..<upper])
        }
    }

    @inline(never)
    private static func controlByte(_ byte: UInt8, at index: Int, offset: Int) throws -> Never {
        if byte == 0x0D {
            throw FramingError(.bareCarriageReturn, offset: offset,
                               detail: "CR not followed by LF at line byte \(index)")
        }
        let hex = byte < 0x10 ? "0\(String(byte, radix: 16))" : String(byte, radix: 16)
        throw FramingError(.controlCharacter, offset: offset, detail: "byte 0x\(hex) at line byte \(index)")
    }
}
