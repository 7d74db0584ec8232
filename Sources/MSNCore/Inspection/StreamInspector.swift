import NIOCore

/// Decodes a raw stream written by one side of a connection into text for people, one line
/// per frame — the logic of `msn decode`.
///
/// ```
/// VER 1 MSNP15 MSNP14 MSNP13 CVR0\r\nGCF 0 6660\r\n<Policies>…
/// ```
/// becomes
/// ```
/// VER  trid=1  MSNP15 MSNP14 MSNP13 CVR0
/// GCF  trid=0  payload=6660
///     <Policies>…
/// ```
/// When no dialect is given, it is taken from the stream's `VER`: the highest offered in a
/// client's, the highest answered in a server's. With `check`, every frame is re-encoded
/// and compared with the bytes it came from.
public struct StreamInspector: Sendable {
    /// Whether frames are re-encoded and compared.
    public var check: Bool
    /// How many frames have been decoded.
    public private(set) var frameCount = 0

    private var decoder: FrameDecoder
    private let followsVER: Bool
    private var buffer = ByteBuffer()
    /// The reader index where the frame being decoded starts.
    private var frameStart = 0

    /// - Parameter dialect: the dialect to decode with; `nil` to follow the stream's `VER`.
    public init(sender: Role, dialect: Dialect? = nil, check: Bool = false, limits: FrameLimits = .default) {
        self.decoder = FrameDecoder(sender: sender, dialect: dialect, limits: limits)
        self.followsVER = dialect == nil
        self.check = check
    }

    /// The dialect in use: given, or picked up from `VER`.
    public var dialect: Dialect? { decoder.dialect }

    /// Decodes what `bytes` completes, appending one rendered line (and the indented payload)
    /// per frame to `output`.
    ///
    /// - Throws: ``StreamInspectionError``; `output` then holds every frame before the error.
    public mutating func feed(_ bytes: ByteBuffer, into output: inout String) throws(StreamInspectionError) {
        if !decoder.isAwaitingPayload, frameStart == buffer.readerIndex {
            buffer.discardReadBytes()
            frameStart = buffer.readerIndex
        }
        var bytes = bytes
        buffer.writeBuffer(&bytes)
        while let frame = try next(seenEOF: false) { emit(frame, into: &output) }
    }

    /// Ends the stream: leftover bytes of an incomplete frame are an error.
    public mutating func finish(into output: inout String) throws(StreamInspectionError) {
        while let frame = try next(seenEOF: true) { emit(frame, into: &output) }
    }

    /// Inspects a whole stream at once.
    ///
    /// - Returns: the rendered frames, and the error that stopped the inspection if any.
    public static func inspect(_ stream: ByteBuffer, sender: Role, dialect: Dialect? = nil,
                               check: Bool = false) -> (output: String, error: StreamInspectionError?) {
        var inspector = StreamInspector(sender: sender, dialect: dialect, check: check)
        var output = ""
        do {
            try inspector.feed(stream, into: &output)
            try inspector.finish(into: &output)
            return (output, nil)
        } catch {
            return (output, error)
        }
    }

    private mutating func next(seenEOF: Bool) throws(StreamInspectionError) -> Frame? {
        let streamOffset = decoder.consumedBytes - (buffer.readerIndex - frameStart)
        let frame: Frame?
        do {
            frame = seenEOF ? try decoder.decodeLast(buffer: &buffer, seenEOF: true) : try decoder.decode(buffer: &buffer)
        } catch let error as FramingError {
            throw StreamInspectionError(.framing, offset: error.offset, framingError: error, detail: error.detail)
        } catch {
            throw StreamInspectionError(.framing, offset: decoder.consumedBytes, detail: "\(error)")
        }
        guard let frame else { return nil }
        frameCount += 1
        if check {
            var original = buffer
            original.moveReaderIndex(to: frameStart)
            original.moveWriterIndex(to: buffer.readerIndex)
            try compare(frame, with: original, at: streamOffset)
        }
        frameStart = buffer.readerIndex
        if followsVER, frame.verb == .ver {
            let tokens = frame.arguments
            if let chosen = decoder.sender == .client ? tokens.compactMap({ Dialect(token: $0) }).max()
                : VersionNegotiation.chosenDialect(in: tokens) {
                decoder.dialect = chosen
            }
        }
        return frame
    }

    private func compare(_ frame: Frame, with original: ByteBuffer, at offset: Int) throws(StreamInspectionError) {
        var encoded = ByteBuffer()
        encoded.writeFrame(frame)
        guard encoded != original else { return }
        let mismatch: Int? = encoded.withUnsafeReadableBytes { mine in
            original.withUnsafeReadableBytes { theirs in
                zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            }
        }
        let index = mismatch ?? min(encoded.readableBytes, original.readableBytes)
        let mine = encoded.getInteger(at: encoded.readerIndex + index, as: UInt8.self).map(StreamInspector.hex) ?? "nothing"
        let theirs = original.getInteger(at: original.readerIndex + index, as: UInt8.self).map(StreamInspector.hex) ?? "nothing"
        throw StreamInspectionError(.reencodingDiffers, offset: offset + index,
                                    detail: "\(frame.verb) re-encodes \(mine) where the stream has \(theirs)")
    }

    private func emit(_ frame: Frame, into output: inout String) {
        output += StreamInspector.render(frame)
    }

    static func hex(_ byte: UInt8) -> String {
        byte < 0x10 ? "0x0\(String(byte, radix: 16))" : "0x\(String(byte, radix: 16))"
    }
}
