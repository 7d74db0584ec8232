import MSNCore
import MSNTestSupport
import NIOCore
import Testing

/// The builders write what clients and servers write: checked against the transcripts' bytes.
@Suite struct MessageBuilderTests {
    /// The payload of the first `MSG` of `connection` whose line starts with `prefix`.
    static func payload(_ transcript: String, _ connection: String, _ prefix: String) throws -> [UInt8] {
        let events = try #require(Transcript.escargot(transcript).connection(connection)?.events)
        return try #require(events.first { $0.line.hasPrefix(prefix) }).payload
    }

    @Test func typingNotificationIsTheTranscriptsBytes() throws {
        let expected = try Self.payload("msnp2", "A-SB", "MSG 3 U")
        #expect(Array(MIMEMessage.typingNotification(from: "alice@example.com").bytes.readableBytesView) == expected)
        let parsed = try MIMEMessage(parsing: ByteBuffer(bytes: expected))
        #expect(parsed.typingUser == "alice@example.com")
        #expect(MIMEMessage.text("x").typingUser == nil)
    }

    @Test func textMessageIsTheTranscriptsBytes() throws {
        let expected = try Self.payload("msnp2", "A-SB", "MSG 4 A")
        let format = TextFormat(fontName: "Segoe UI", charset: 1, pitchAndFamily: 0)
        let message = MIMEMessage.text("Hello Bob, this is alice over MSNP2 (probe)", format: format)
        #expect(Array(message.bytes.readableBytesView) == expected)
        let parsed = try MIMEMessage(parsing: ByteBuffer(bytes: expected))
        #expect(try parsed.textFormat == format)
    }

    @Test func defaultTextMessage() throws {
        #expect(MIMEMessage.text("Hi").text == "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=0; PF=22\r\n\r\nHi")
        #expect(MIMEMessage.text("Hi", format: nil).text == "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHi")
    }

    @Test func nudge() throws {
        let nudge = MIMEMessage.nudge
        #expect(nudge.text == "MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n")
        #expect(nudge.datacastID == 1)
        #expect(MIMEMessage.datacast(id: 2, data: "<msnobj/>").datacastID == 2)
        #expect(MIMEMessage.datacast(id: 2, data: "<msnobj/>").bodyText == "ID: 2\r\nData: <msnobj/>\r\n\r\n")
        #expect(MIMEMessage.text("ID: 1").datacastID == nil)
    }

    @Test(arguments: [
        ("FN=Microsoft%20Sans%20Serif; EF=BI; CO=ff0000; CS=1; PF=0",
         TextFormat(fontName: "Microsoft Sans Serif", effects: [.bold, .italic], color: .init(red: 0, green: 0, blue: 255),
                    charset: 1, pitchAndFamily: 0)),
        ("FN=Arial;EF=SU;CO=ff;CS=80;PF=22;RL=1",
         TextFormat(fontName: "Arial", effects: [.strikethrough, .underline], color: .init(red: 255, green: 0, blue: 0),
                    charset: 0x80, pitchAndFamily: 0x22, rightToLeft: true)),
        ("PF=22; CS=A1; CO=8000; FN=%E2%99%A5; XX=ignored",
         TextFormat(fontName: "♥", color: .init(red: 0, green: 0x80, blue: 0), charset: 0xA1, pitchAndFamily: 0x22)),
    ])
    func textFormatParses(value: String, expected: TextFormat) throws {
        let format = try TextFormat(headerValue: value)
        #expect(format == expected)
        #expect(try TextFormat(headerValue: format.headerValue) == format)
    }

    @Test func textFormatWritesCanonically() throws {
        let format = TextFormat(fontName: "Comic Sans", effects: [.underline, .bold], color: .init(red: 0x12, green: 0x34, blue: 0x56),
                                charset: 0xCC, pitchAndFamily: 0x22, rightToLeft: true)
        #expect(format.headerValue == "FN=Comic%20Sans; EF=BU; CO=563412; CS=CC; PF=22; RL=1")
        for bad in ["FN=%FF", "CO=xyz", "CS=1000", "PF=-"] {
            #expect(throws: MIMEError.self) { try TextFormat(headerValue: bad) }
        }
    }

    @Test func chunkedMessageHeaders() throws {
        let first = try MIMEMessage(parsing: "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "Message-ID: {7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}\r\nChunks: 3\r\n\r\nPart one")
        #expect(try first.chunk() == MessageChunk(messageID: "{7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}", part: .first(totalChunks: 3)))
        let next = try MIMEMessage(parsing: "Message-ID: {7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}\r\nChunk: 2\r\n\r\nthree")
        #expect(try next.chunk()?.part == .continuation(index: 2))
        #expect(try MIMEMessage.text("plain").chunk() == nil)
        for bad in ["Chunks: x", "Chunks: 0", "Chunks: 5000", "Chunk: 0", "Chunk: -1"] {
            let message = try MIMEMessage(parsing: "Message-ID: {1}\r\n\(bad)\r\n\r\n")
            #expect(throws: MIMEError.self) { try message.chunk() }
        }
        let chunk = MessageChunk(messageID: "{1}", part: .continuation(index: 1))
        #expect(MIMEMessage(headers: chunk.headers).text == "Message-ID: {1}\r\nChunk: 1\r\n\r\n")
    }
}
