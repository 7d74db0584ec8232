/// Splits a command line into its parameters, in one pass over its bytes.
///
/// ```
/// VER 1 MSNP8 CVR0                       → VER, 1, MSNP8, CVR0
/// VER  1\tMSNP8                          → VER, 1, MSNP8                (runs of spaces and tabs)
/// LST N=bob@example.com F=bob 11␠        → LST, N=bob@example.com, F=bob, 11, (empty)
/// ```
/// A line that ends in a separator gets one empty last parameter: Escargot writes an empty
/// group list that way, and keeping it lets the frame re-encode byte for byte. The splitter
/// only records where each parameter lies (``TokenRange``), so splitting allocates nothing;
/// ``FrameDecoder`` makes strings of the parameters it keeps.
enum LineSplitter {
    /// Records the byte range of each parameter of `line` in `tokens`, in order.
    ///
    /// - Returns: how many parameters there are (`0` for a blank line), and whether the line
    ///   ends in a separator (then the last one is empty).
    /// - Throws: ``FramingError`` for a control byte or more than
    ///   ``FrameLimits/maximumArgumentCount`` parameters (or more than `tokens` can hold).
    static func split(_ line: UnsafeRawBufferPointer, into tokens: UnsafeMutableBufferPointer<TokenRange>,
                      offset: Int, limits: FrameLimits) throws -> (count: Int, endsWithSeparator: Bool) {
        let maximum = min(limits.maximumArgumentCount, tokens.count)
        var count = 0
        var tokenStart = -1
        var index = 0
        let length = line.count
        while index < length {
            let byte = line[index]
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
            try append(tokenStart, length)
            return (count, false)
        }
        guard count > 0 else { return (0, false) }  // only spaces: a blank line
        try append(length, length)
        return (count, true)

        func append(_ start: Int, _ end: Int) throws {
            guard count < maximum else {
                throw FramingError(.tooManyArguments, offset: offset,
                                   detail: "more than \(limits.maximumArgumentCount) parameters on one line")
            }
            tokens[count] = TokenRange(start: start, end: end)
            count += 1
        }
    }

    /// The most parameters a line of `length` bytes can have under `limits`: room enough for
    /// ``split(_:into:offset:limits:)`` to find the limit broken rather than its buffer full.
    static func capacity(forLineOf length: Int, limits: FrameLimits) -> Int {
        max(0, min(limits.maximumArgumentCount, length / 2 + 2))
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

/// Where one parameter lies in a line: bytes `start..<end`.
struct TokenRange {
    var start: Int
    var end: Int

    var count: Int { end - start }
}
