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
/// blank lines are skipped, a line ending in a separator keeps an empty last argument — and
/// strictly bounded: an over-long line, an over-large or malformed payload length, too many
/// parameters, a bare CR, a control byte or invalid UTF-8 in a line is a ``FramingError``
/// naming the stream offset. Which verbs have a transaction id and a payload comes from
/// ``FramingRules``, keyed by ``sender`` and ``dialect``; set `dialect` once `VER` has been
/// answered.
///
/// Like every `NIOSingleStepByteToMessageDecoder`, the decoder expects to be handed the same
/// accumulating buffer on every call (it remembers how far it has searched for a line end).
/// It never needs more than `maximumLineLength + 2 + maximumPayloadLength` buffered bytes to
/// make progress, and throws before a line grows past its limit.
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
    private var pending: (frame: Frame, length: Int, offset: Int)?
    /// How many bytes of the current partial line were searched for LF without finding one.
    private var searchedBytes: Int = 0

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
        while true {
            if let (frame, length, _) = pending {
                guard let payload = buffer.readSlice(length: length) else { return nil }
                pending = nil
                consumedBytes += length
                var complete = frame
                complete.payload = payload
                return complete
            }
            guard let (contentLength, lineLength) = try findLine(in: buffer) else { return nil }
            let lineOffset = consumedBytes
            let parsed = try parseLine(buffer, contentLength: contentLength)
            buffer.moveReaderIndex(forwardBy: lineLength)
            consumedBytes += lineLength
            searchedBytes = 0
            guard let (frame, payloadLength) = parsed else { continue }  // a blank line
            guard let payloadLength else { return frame }
            pending = (frame, payloadLength, lineOffset)
        }
    }

    /// Decodes at the end of the stream: a partial frame left over is an error.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Frame? {
        if let frame = try decode(buffer: &buffer) { return frame }
        if seenEOF, pending != nil || buffer.readableBytes > 0 {
            let detail = pending.map {
                "\($0.frame.verb) declares \($0.length) payload bytes, \(buffer.readableBytes) arrived"
            } ?? "\(buffer.readableBytes) bytes without a line end"
            throw FramingError(.truncated, offset: pending?.offset ?? consumedBytes, detail: detail)
        }
        return nil
    }

    /// Finds the end of the next line: (bytes before CR LF, bytes including it), or `nil`.
    private mutating func findLine(in buffer: ByteBuffer) throws -> (Int, Int)? {
        let maximum = limits.maximumLineLength
        let start = min(searchedBytes, buffer.readableBytes)
        let found: Int? = buffer.withUnsafeReadableBytes { bytes in
            let end = min(bytes.count, maximum + 2)
            guard start < end else { return nil }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<end]).firstIndex(of: UInt8(ascii: "\n"))
                .map { $0 + start }
        }
        guard let newline = found else {
            if buffer.readableBytes > maximum + 1 {
                throw FramingError(.lineTooLong, offset: consumedBytes,
                                   detail: "no line end within \(maximum) bytes (the line-length limit)")
            }
            searchedBytes = buffer.readableBytes
            return nil
        }
        let hasCR = newline > 0
            && buffer.getInteger(at: buffer.readerIndex + newline - 1, as: UInt8.self) == 0x0D
        let content = hasCR ? newline - 1 : newline
        if content > maximum {
            throw FramingError(.lineTooLong, offset: consumedBytes,
                               detail: "a \(content)-byte line exceeds the limit of \(maximum)")
        }
        return (content, newline + 1)
    }

    /// Parses one command line (without its line end) into a frame and its payload length;
    /// `nil` for a line holding nothing but spaces or tabs.
    private func parseLine(_ buffer: ByteBuffer, contentLength: Int) throws -> (Frame, Int?)? {
        let offset = consumedBytes
        let line: String = try buffer.withUnsafeReadableBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw.prefix(contentLength))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FramingError(.invalidUTF8, offset: offset, detail: "the command line is not UTF-8")
            }
            return text
        }
        var tokens: [Substring] = []
        tokens.reserveCapacity(8)
        let endsWithSeparator = try LineSplitter.split(line, into: &tokens, offset: offset, limits: limits)
        guard let first = tokens.first else { return nil }
        guard let verb = Verb(token: first) else {
            throw FramingError(.invalidVerb, offset: offset, detail: "\(first.prefix(16)) is not a command")
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
        // A line ending in a separator keeps an empty last argument (`LST … 11 ` in MSNP10–11),
        // except that a payload length may still stand before it.
        let lastNonEmpty = endsWithSeparator ? tokens.count - 2 : tokens.count - 1
        var payloadLength: Int?
        switch rule.payload {
        case .none:
            break
        case .always:
            guard lastNonEmpty >= argumentStart else {
                throw FramingError(.missingPayloadLength, offset: offset,
                                   detail: "\(verb) carries a payload but has no length parameter")
            }
            payloadLength = try length(tokens[lastNonEmpty], verb: verb, offset: offset)
        case .whenLastArgumentIsLength:
            if lastNonEmpty >= argumentStart, FrameDecoder.isDecimal(tokens[lastNonEmpty]) {
                payloadLength = try length(tokens[lastNonEmpty], verb: verb, offset: offset)
            }
        }
        if payloadLength != nil { tokens.removeSubrange(lastNonEmpty...) }
        tokens.removeSubrange(0..<argumentStart)
        return (Frame(verb: verb, transactionID: transactionID, arguments: tokens), payloadLength)
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
