import MSNCore
import NIOCore
import Testing

@Suite struct FrameDecoderTests {
    /// Decodes all of `text` as one stream, whatever its split.
    static func decodeAll(_ text: String, sender: Role, dialect: Dialect? = nil, chunk: Int = .max) throws -> [Frame] {
        var decoder = FrameDecoder(sender: sender, dialect: dialect)
        var buffer = ByteBuffer()
        var frames: [Frame] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + chunk)
            buffer.writeBytes(bytes[index..<end])
            index = end
            while let frame = try decoder.decode(buffer: &buffer) { frames.append(frame) }
        }
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == nil)
        return frames
    }

    @Test func seedServerLinesDecodeAndReencode() throws {
        let xml = String(repeating: "x", count: 6660)
        let stream = "VER 1 MSNP15 MSNP14 MSNP13 CVR0\r\nGCF 0 6660\r\n\(xml)USR 3 TWN S ct=1216861501,rver=5.5.4177.0\r\n"
        for chunk in [1, 7, 1000, Int.max] {
            let frames = try Self.decodeAll(stream, sender: .server, chunk: chunk)
            #expect(frames.count == 3)
            #expect(frames[1].verb == .gcf)
            #expect(frames[1].transactionID == 0)
            #expect(frames[1].payload?.readableBytes == 6660)
            #expect(frames[2].arguments == ["TWN", "S", "ct=1216861501,rver=5.5.4177.0"])
            var out = ByteBuffer()
            for frame in frames { out.writeFrame(frame) }
            #expect(String(buffer: out) == stream)
        }
    }

    @Test func replyAndPushFormsOfADL() throws {
        let frames = try Self.decodeAll("ADL 7 OK\r\nADL 0 5\r\n<ml/>", sender: .server, dialect: .msnp15)
        #expect(frames[0].payload == nil && frames[0].arguments == ["OK"])
        #expect(frames[1].payloadText == "<ml/>")
    }

    @Test func hostileLengths() throws {
        for (line, code) in [("MSG a b -5\r\n", FramingError.Code.invalidPayloadLength),
                             ("MSG a b 99999999999\r\n", .payloadTooLarge),
                             ("MSG a b x\r\n", .invalidPayloadLength),
                             ("VER 1 MSNP8\rCVR0\r\n", .bareCarriageReturn),
                             ("VER 1 \u{0}\r\n", .controlCharacter),
                             ("vEr 1\r\n", .invalidVerb)] {
            #expect(throws: FramingError.self) { _ = try Self.decodeAll(line, sender: .server) }
            do { _ = try Self.decodeAll(line, sender: .server) } catch let error as FramingError {
                #expect(error.code == code, "\(line)")
            }
        }
    }
}
