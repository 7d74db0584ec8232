import NIOCore

/// Cuts a byte stream into ``Frame``s, incrementally and within ``FrameLimits``.
///
/// ```
/// VER 1 MSNP15 CVR0\r\nGCF 0 1187\r\n<1187 bytes>USR 3 SSO S MBI_KEY_OLD …\r\n
/// ```
/// gives three frames, whatever the split of the bytes across reads: feed what has arrived
/// and call ``decode(buffer:)`` until it returns `nil`, then wait for more bytes.
///
/// Input is read leniently — runs of spaces or tabs separate parameters, a bare LF ends a line,
/// blank lines are skipped — and strictly bounded: an over-long line, an over-large or
/// malformed payload length, too many parameters, a bare CR, a control byte or invalid UTF-8
/// in a line is a ``FramingError`` naming the stream offset. Which verbs have a transaction id
/// and a payload comes from ``FramingRules``, keyed by ``sender`` and ``dialect``; set
/// `dialect` once `VER` has been answered.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder, Sendable {
    public typealias InboundOut = Frame

    /// Who writes the bytes being decoded.
    public var sender: Role
    /// The negotiated dialect, or `nil` while it is not known yet.
    public var dialect: Dialect?
    /// The bounds enforced.
    public var limits: FrameLimits
    /// How many bytes of the stream have been turned into frames (or skipped) so far.
    public private(set) var consumedBytes: Int = 0

    /// A frame whose line has been read, waiting for its payload.
    private var pending: (frame: Frame, length: Int)?

    public init(sender: Role, dialect: Dialect? = nil, limits: FrameLimits = .default) {
        self.sender = sender
        self.dialect = dialect
        self.limits = limits
    }

    /// The most bytes a caller should let accumulate before calling ``decode(buffer:)``.
    public var maximumBufferedBytes: Int { limits.maximumBufferedBytes }

    /// `true` when a line has been read and its payload has not fully arrived.
    public var isAwaitingPayload: Bool { pending != nil }

    /// Decodes the next frame from `buffer`, consuming its bytes, or returns `nil` when more
    /// bytes are needed (consuming nothing of a partial line).
    ///
    /// - Throws: ``FramingError`` when the stream breaks a rule or a limit.
    public mutating func decode(buffer: inout ByteBuffer) throws -> Frame? {
        if let (frame, length) = pending {
            guard let payload = buffer.readSlice(length: length) else { return nil }
            pending = nil
            consumedBytes += length
            var complete = frame
            complete.payload = payload
            return complete
        }
        while true {
            guard let (contentLength, lineLength) = try findLine(in: buffer) else { return nil }
            if contentLength == 0 {  // blank line: skip
                buffer.moveReaderIndex(forwardBy: lineLength)
                consumedBytes += lineLength
                continue
            }
            let (frame, payloadLength) = try parseLine(buffer, contentLength: contentLength)
            buffer.moveReaderIndex(forwardBy: lineLength)
            consumedBytes += lineLength
            guard let payloadLength else { return frame }
            pending = (frame, payloadLength)
            return try decode(buffer: &buffer)
        }
    }

    /// Decodes at the end of the stream: a partial frame left over is an error.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Frame? {
        if let frame = try decode(buffer: &buffer) { return frame }
        if seenEOF, pending != nil || buffer.readableBytes > 0 {
            let detail = pending.map { "\($0.frame.verb) declares \($0.length) payload bytes, \(buffer.readableBytes) arrived" }
                ?? "\(buffer.readableBytes) bytes without a line end"
            throw FramingError(.truncated, offset: consumedBytes, detail: detail)
        }
        return nil
    }

    /// Finds the end of the next line: (bytes before CR LF, bytes including it), or `nil`.
    private func findLine(in buffer: ByteBuffer) throws -> (Int, Int)? {
        let maximum = limits.maximumLineLength
        let found: Int? = buffer.withUnsafeReadableBytes { bytes in
            let searched = UnsafeRawBufferPointer(rebasing: bytes.prefix(maximum + 2))
            return searched.firstIndex(of: UInt8(ascii: "\n"))
        }
        guard let newline = found else {
            if buffer.readableBytes > maximum + 1 {
                throw FramingError(.lineTooLong, offset: consumedBytes,
                                   detail: "no line end within \(maximum) bytes (the line-length limit)")
            }
            return nil
        }
        let hasCR = newline > 0 && buffer.getInteger(at: buffer.readerIndex + newline - 1, as: UInt8.self) == 0x0D
        let content = hasCR ? newline - 1 : newline
        if content > maximum {
            throw FramingError(.lineTooLong, offset: consumedBytes,
                               detail: "a \(content)-byte line exceeds the limit of \(maximum)")
        }
        return (content, newline + 1)
    }

    /// Parses one command line (without its line end) into a frame and its payload length.
    private func parseLine(_ buffer: ByteBuffer, contentLength: Int) throws -> (Frame, Int?) {
        let offset = consumedBytes
        let line: String = try buffer.withUnsafeReadableBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw.prefix(contentLength))
            for (index, byte) in bytes.enumerated() where byte < 0x20 && byte != 0x09 || byte == 0x7F {
                if byte == 0x0D {
                    throw FramingError(.bareCarriageReturn, offset: offset,
                                       detail: "CR not followed by LF at line byte \(index)")
                }
                throw FramingError(.controlCharacter, offset: offset,
                                   detail: "byte 0x\(String(byte, radix: 16)) at line byte \(index)")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FramingError(.invalidUTF8, offset: offset, detail: "the command line is not UTF-8")
            }
            return text
        }
        var tokens = try split(line, offset: offset)
        guard let first = tokens.first, let verb = Verb(first) else {
            throw FramingError(.invalidVerb, offset: offset,
                               detail: "\(String(tokens.first?.prefix(16) ?? "")) is not a command")
        }
        let rule = FramingRules.rule(for: verb, sender: sender, dialect: dialect)
        var transactionID: TransactionID?
        var argumentStart = 1
        if rule.transactionID == .expected, tokens.count > 1, FrameDecoder.isDecimal(tokens[1]) {
            guard let value = UInt32(tokens[1]) else {
                throw FramingError(.invalidTransactionID, offset: offset,
                                   detail: "transaction id \(tokens[1].prefix(24)) exceeds 32 bits")
            }
            transactionID = TransactionID(value)
            argumentStart = 2
        }
        var payloadLength: Int?
        switch rule.payload {
        case .none:
            break
        case .always:
            guard tokens.count > argumentStart else {
                throw FramingError(.missingPayloadLength, offset: offset,
                                   detail: "\(verb) carries a payload but has no length parameter")
            }
            payloadLength = try length(tokens[tokens.count - 1], verb: verb, offset: offset)
        case .whenLastArgumentIsLength:
            if tokens.count > argumentStart, FrameDecoder.isDecimal(tokens[tokens.count - 1]) {
                payloadLength = try length(tokens[tokens.count - 1], verb: verb, offset: offset)
            }
        }
        if payloadLength != nil { tokens.removeLast() }
        tokens.removeFirst(argumentStart)
        return (Frame(verb: verb, transactionID: transactionID, arguments: tokens), payloadLength)
    }

    /// Splits a line on runs of spaces and tabs, within the argument-count limit.
    private func split(_ line: String, offset: Int) throws -> [Substring] {
        var tokens: [Substring] = []
        tokens.reserveCapacity(8)
        let utf8 = line.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x09 {
                if let tokenStart = start {
                    try append(line[tokenStart..<index], to: &tokens, offset: offset)
                    start = nil
                }
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let tokenStart = start { try append(line[tokenStart...], to: &tokens, offset: offset) }
        return tokens
    }

    private func append(_ token: Substring, to tokens: inout [Substring], offset: Int) throws {
        guard tokens.count < limits.maximumArgumentCount else {
            throw FramingError(.tooManyArguments, offset: offset,
                               detail: "more than \(limits.maximumArgumentCount) parameters on one line")
        }
        tokens.append(token)
    }

    /// Reads a payload-length token.
    private func length(_ token: Substring, verb: Verb, offset: Int) throws -> Int {
        guard FrameDecoder.isDecimal(token) else {
            throw FramingError(.invalidPayloadLength, offset: offset,
                               detail: "\(verb) payload length \(token.prefix(24)) is not a decimal byte count")
        }
        guard token.utf8.count <= 10, let value = Int(token), value <= limits.maximumPayloadLength else {
            throw FramingError(.payloadTooLarge, offset: offset,
                               detail: "\(verb) payload length \(token.prefix(24)) exceeds the limit of \(limits.maximumPayloadLength)")
        }
        return value
    }

    @inlinable
    static func isDecimal(_ token: Substring) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
