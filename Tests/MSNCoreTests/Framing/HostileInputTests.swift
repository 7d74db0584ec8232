import MSNCore
import NIOCore
import Testing

/// Hostile input: every case gives its typed error, none crashes, and the decoder never needs
/// more buffered bytes than its limits.
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var sender: Role = .server
        var limits: FrameLimits = .default
        var code: FramingError.Code
        /// The offset of the offending line.
        var offset: Int = 0
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a line over the limit",
             bytes: Array(("VER 1 " + String(repeating: "A", count: 9000) + "\r\n").utf8), code: .lineTooLong),
        Case(name: "a line without an end, over the limit",
             bytes: Array(String(repeating: "A", count: 9000).utf8), code: .lineTooLong),
        Case(name: "a line just over the limit",
             bytes: Array(("VER 1 " + String(repeating: "A", count: 8187) + "\r\n").utf8), code: .lineTooLong),
        Case(name: "a payload length over the limit", bytes: Array("MSG a b 131073\r\n".utf8), code: .payloadTooLarge),
        Case(name: "a payload length of eleven digits", bytes: Array("MSG a b 99999999999\r\n".utf8), code: .payloadTooLarge),
        Case(name: "a negative length", bytes: Array("MSG a b -5\r\n".utf8), code: .invalidPayloadLength),
        Case(name: "a non-numeric length", bytes: Array("UBX 1:bob@example.com x\r\n".utf8), code: .invalidPayloadLength),
        Case(name: "a hex length", bytes: Array("NOT 0x10\r\n".utf8), code: .invalidPayloadLength),
        Case(name: "no length at all", bytes: Array("QRY 11\r\n".utf8), sender: .client, code: .missingPayloadLength),
        Case(name: "a length that lies (too long)", bytes: Array("PNG\r\nMSG 4 A 100\r\nshort".utf8), sender: .client,
             code: .truncated, offset: 5),
        Case(name: "a length that lies (payload cut short)", bytes: Array("QNG 50\r\nMSG a b 100\r\nshort".utf8),
             code: .truncated, offset: 8),
        Case(name: "a length that lies (too short)", bytes: Array("MSG a b 2\r\nHello\r\n".utf8),
             code: .invalidVerb, offset: 13),
        Case(name: "100000 arguments (line limit)",
             bytes: Array(("VER" + String(repeating: " 1", count: 100_000) + "\r\n").utf8), code: .lineTooLong),
        Case(name: "100000 arguments (argument limit)",
             bytes: Array(("VER" + String(repeating: " 1", count: 100_000) + "\r\n").utf8),
             limits: FrameLimits(maximumLineLength: 1 << 20), code: .tooManyArguments),
        Case(name: "CR without LF", bytes: Array("VER 1 MSNP8\rCVR0\r\n".utf8), code: .bareCarriageReturn),
        Case(name: "CR at the end of the stream", bytes: Array("VER 1 MSNP8\r".utf8), code: .truncated),
        Case(name: "a NUL byte", bytes: Array("VER 1 MS".utf8) + [0] + Array("NP8\r\n".utf8), code: .controlCharacter),
        Case(name: "an escape byte", bytes: Array("PNG\r\nVER 1 \u{1B}[2J\r\n".utf8), sender: .client,
             code: .controlCharacter, offset: 5),
        Case(name: "invalid UTF-8 in a name",
             bytes: Array("NLN NLN bob@example.com B".utf8) + [0xFF] + Array("ob 0\r\n".utf8), code: .invalidUTF8),
        Case(name: "an overlong UTF-8 encoding", bytes: Array("FLN ".utf8) + [0xC0, 0xAF] + [0x0D, 0x0A], code: .invalidUTF8),
        Case(name: "a lower-case verb", bytes: Array("vEr 1\r\n".utf8), code: .invalidVerb),
        Case(name: "a two-letter verb", bytes: Array("VE 1\r\n".utf8), code: .invalidVerb),
        Case(name: "a transaction id over 32 bits", bytes: Array("USR 4294967296 TWN I a\r\n".utf8),
             code: .invalidTransactionID),
    ]

    @Test(arguments: cases)
    func givesItsTypedError(_ hostile: Case) {
        for chunks in [[Int.max], [1], [3, 5, 7]] {
            let error = Decoding.error(hostile.bytes, sender: hostile.sender, limits: hostile.limits, chunks: chunks)
            #expect(error?.code == hostile.code, "\(String(describing: error))")
            #expect(error?.offset == hostile.offset)
        }
    }

    @Test func aLineWithoutEndIsRefusedBeforeItOutgrowsTheLimit() throws {
        let limits = FrameLimits(maximumLineLength: 100)
        var decoder = FrameDecoder(sender: .client, limits: limits)
        var buffer = ByteBuffer()
        var thrown: FramingError?
        for _ in 0..<1000 {
            buffer.writeString("A")
            do {
                _ = try decoder.decode(buffer: &buffer)
            } catch let error as FramingError {
                thrown = error
                break
            }
            #expect(buffer.readableBytes <= limits.maximumLineLength + 1)
        }
        #expect(thrown?.code == .lineTooLong)
        #expect(buffer.readableBytes == limits.maximumLineLength + 2)
    }

    @Test func aPayloadAtTheLimitIsTakenAndBufferedWithinIt() throws {
        let limits = FrameLimits(maximumLineLength: 64, maximumPayloadLength: 1000)
        let header = "MSG a b 1000\r\n"
        let bytes = Array(header.utf8) + [UInt8](repeating: 0x41, count: 1000)
        var decoder = FrameDecoder(sender: .server, limits: limits)
        var buffer = ByteBuffer()
        var frames: [Frame] = []
        for (index, byte) in bytes.enumerated() {
            buffer.writeInteger(byte)
            while let frame = try decoder.decode(buffer: &buffer) { frames.append(frame) }
            #expect(buffer.readableBytes <= limits.maximumLineLength + 2 + limits.maximumPayloadLength)
            #expect(decoder.consumedBytes + buffer.readableBytes == index + 1)
        }
        #expect(frames.count == 1 && frames[0].payload?.readableBytes == 1000)
        #expect(decoder.consumedBytes == bytes.count)
        #expect(Decoding.error(Array("MSG a b 1001\r\n".utf8), limits: limits)?.code == .payloadTooLarge)
    }

    @Test func framesBeforeTheErrorAreDelivered() throws {
        var decoder = FrameDecoder(sender: .server)
        var buffer = ByteBuffer(string: "QNG 50\r\nVER 1 \u{0}\r\n")
        #expect(try decoder.decode(buffer: &buffer)?.verb == .qng)
        #expect(throws: FramingError.self) { try decoder.decode(buffer: &buffer) }
        #expect(decoder.consumedBytes == 8)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x4D53_4E50)
        let alphabet = Array("VERUSRMSGQRY 0123456789\r\n\t%:-\u{0}\u{7F}".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<300 {
            let count = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            for sender in [Role.client, .server] {
                _ = Decoding.error(bytes, sender: sender, chunks: [Int.random(in: 1...9, using: &generator)])
            }
            _ = try? MIMEMessage(parsing: ByteBuffer(bytes: bytes))
        }
    }
}
