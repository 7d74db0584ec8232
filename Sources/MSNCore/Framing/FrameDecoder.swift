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
    private var pending: PendingFrame?
    /// The framing rule of the verb last read.
    private var cachedRule: CachedRule?
    /// The arguments of the last line that had exactly one, of at most 15 bytes.
    private var lastSingleArgument: [Substring]?
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
            if let waiting = pending {
                guard let payload = buffer.readSlice(length: waiting.length) else { return nil }
                pending = nil
                consumedBytes += waiting.length
                var complete = waiting.frame
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
            pending = PendingFrame(frame: frame, length: payloadLength, offset: lineOffset)
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
    ///
    /// The line is split in place; only the frame's arguments become a `String` (the verb, the
    /// transaction id and the payload length are read from the bytes), so a line such as
    /// `MSG 4 A 161` costs no string allocation (Swift keeps up to 15 bytes inline).
    private mutating func parseLine(_ buffer: ByteBuffer, contentLength: Int) throws -> (Frame, Int?)? {
        let offset = consumedBytes
        return try buffer.withUnsafeReadableBytes { raw in
            let line = UnsafeRawBufferPointer(rebasing: raw.prefix(contentLength))
            if !FrameDecoder.isASCII(line), String(validating: line, as: UTF8.self) == nil {
                throw FramingError(.invalidUTF8, offset: offset, detail: "the command line is not UTF-8")
            }
            let capacity = LineSplitter.capacity(forLineOf: contentLength, limits: limits)
            return try withUnsafeTemporaryAllocation(of: TokenRange.self, capacity: capacity) { storage in
                let (count, endsWithSeparator) = try LineSplitter.split(line, into: storage, offset: offset, limits: limits)
                guard count > 0 else { return nil }
                return try parseTokens(line, UnsafeBufferPointer(rebasing: storage[..<count]),
                                       endsWithSeparator: endsWithSeparator, offset: offset)
            }
        }
    }

    /// Reads the verb, transaction id and payload length of a split line and makes its frame.
    private mutating func parseTokens(_ line: UnsafeRawBufferPointer, _ tokens: UnsafeBufferPointer<TokenRange>,
                                      endsWithSeparator: Bool, offset: Int) throws -> (Frame, Int?) {
        let first = tokens[0]
        guard first.count == 3, let verb = Verb(bytes: line[first.start], line[first.start + 1], line[first.start + 2]) else {
            throw FramingError(.invalidVerb, offset: offset,
                               detail: "\(FrameDecoder.text(line, first).prefix(16)) is not a command")
        }
        let rule = rule(for: verb)
        var transactionID: TransactionID?
        var argumentStart = 1
        if rule.transactionID == .expected, tokens.count > 1, FrameDecoder.isDecimal(line, tokens[1]) {
            guard let value = FrameDecoder.decimalValue(line, tokens[1], maximum: UInt64(UInt32.max)) else {
                throw FramingError(.invalidTransactionID, offset: offset,
                                   detail: "transaction id \(FrameDecoder.text(line, tokens[1]).prefix(24)) exceeds 32 bits")
            }
            transactionID = TransactionID(UInt32(value))
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
            payloadLength = try length(line, tokens[lastNonEmpty], verb: verb, offset: offset)
        case .whenLastArgumentIsLength:
            if lastNonEmpty >= argumentStart, FrameDecoder.isDecimal(line, tokens[lastNonEmpty]) {
                payloadLength = try length(line, tokens[lastNonEmpty], verb: verb, offset: offset)
            }
        }
        let argumentEnd = payloadLength != nil ? lastNonEmpty : tokens.count
        let arguments = arguments(line, UnsafeBufferPointer(rebasing: tokens[argumentStart..<max(argumentStart, argumentEnd)]))
        return (Frame(verb: verb, transactionID: transactionID, arguments: arguments), payloadLength)
    }

    /// The arguments of a line; a single short argument equal to the previous line's reuses
    /// that line's array (`MSG 4 A 161`, `MSG 5 A 161`, …: no allocation per message).
    private mutating func arguments(_ line: UnsafeRawBufferPointer, _ tokens: UnsafeBufferPointer<TokenRange>) -> [Substring] {
        guard tokens.count == 1, tokens[0].count <= 15 else { return FrameDecoder.arguments(line, tokens) }
        let bytes = UnsafeRawBufferPointer(rebasing: line[tokens[0].start..<tokens[0].end])
        if let previous = lastSingleArgument, previous[0].utf8.elementsEqual(bytes) { return previous }
        let arguments = FrameDecoder.arguments(line, tokens)
        lastSingleArgument = arguments
        return arguments
    }

    /// The arguments as substrings of one string that spans them (separators included).
    private static func arguments(_ line: UnsafeRawBufferPointer, _ tokens: UnsafeBufferPointer<TokenRange>) -> [Substring] {
        guard let first = tokens.first, let last = tokens.last else { return [] }
        let base = first.start
        // The line is valid UTF-8 and cut at ASCII separators, so the span is too.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[base..<last.end]), as: UTF8.self)
        let utf8 = text.utf8
        return [Substring](unsafeUninitializedCapacity: tokens.count) { arguments, initialized in
            for token in tokens {
                let lower = utf8.index(utf8.startIndex, offsetBy: token.start - base)
                let upper = utf8.index(lower, offsetBy: token.count)
                (arguments.baseAddress! + initialized).initialize(to: text[lower..<upper])
                initialized += 1
            }
        }
    }

    /// The framing rule of `verb`; the last one looked up is kept (a switchboard reads `MSG`
    /// after `MSG`).
    private mutating func rule(for verb: Verb) -> FramingRule {
        if let cached = cachedRule, cached.verb == verb, cached.sender == sender, cached.dialect == dialect {
            return cached.rule
        }
        let rule = FramingRules.rule(for: verb, sender: sender, dialect: dialect)
        cachedRule = CachedRule(verb: verb, sender: sender, dialect: dialect, rule: rule)
        return rule
    }

    /// Reads a payload-length token.
    private func length(_ line: UnsafeRawBufferPointer, _ token: TokenRange, verb: Verb, offset: Int) throws -> Int {
        guard FrameDecoder.isDecimal(line, token) else {
            throw FramingError(.invalidPayloadLength, offset: offset,
                               detail: "\(verb) payload length \(FrameDecoder.text(line, token).prefix(24)) is not a decimal byte count")
        }
        guard token.count <= 10, limits.maximumPayloadLength >= 0,
              let value = FrameDecoder.decimalValue(line, token, maximum: UInt64(limits.maximumPayloadLength)) else {
            throw FramingError(.payloadTooLarge, offset: offset,
                               detail: "\(verb) payload length \(FrameDecoder.text(line, token).prefix(24)) exceeds the limit of \(limits.maximumPayloadLength)")
        }
        return Int(value)
    }

    /// Whether `token` is one or more ASCII digits.
    static func isDecimal(_ line: UnsafeRawBufferPointer, _ token: TokenRange) -> Bool {
        guard token.start < token.end else { return false }
        for index in token.start..<token.end where line[index] < 0x30 || line[index] > 0x39 { return false }
        return true
    }

    /// The value of a decimal `token` (leading zeros allowed), or `nil` above `maximum`.
    static func decimalValue(_ line: UnsafeRawBufferPointer, _ token: TokenRange, maximum: UInt64) -> UInt64? {
        var value: UInt64 = 0
        for index in token.start..<token.end {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times10 + UInt64(line[index] - 0x30)
            guard value <= maximum else { return nil }
        }
        return value
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// A token as text, for error messages (the line has been checked to be UTF-8).
    static func text(_ line: UnsafeRawBufferPointer, _ token: TokenRange) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[token.start..<token.end]), as: UTF8.self)
    }
}

/// A frame whose line has been read, waiting for its payload.
private struct PendingFrame: Sendable {
    var frame: Frame
    var length: Int
    var offset: Int
}

/// The framing rule of the verb last looked up, with what it depended on.
private struct CachedRule: Sendable {
    var verb: Verb
    var sender: Role
    var dialect: Dialect?
    var rule: FramingRule
}
