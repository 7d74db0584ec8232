import MSNCore
import NIOCore
import Testing

/// The decoder reads the verb, transaction id and payload length straight from the line's
/// bytes and makes a string only of the arguments; the encoder measures a line before writing
/// it. These pin the corners of both.
@Suite struct FrameInPlaceParsingTests {
    @Test func switchboardMessageLine() throws {
        let frame = try Decoding.frame("MSG 1000042 A 5\r\nhello", sender: .client, dialect: .msnp11)
        #expect(frame.verb == .msg && frame.transactionID == 1_000_042)
        #expect(frame.arguments == ["A"])
        #expect(frame.payloadText == "hello")
    }

    @Test func decimalFieldsWithLeadingZeros() throws {
        let usr = try Decoding.frame("USR 0004294967295 TWN I a@b.c", sender: .client, dialect: .msnp8)
        #expect(usr.transactionID == 4_294_967_295 && usr.arguments == ["TWN", "I", "a@b.c"])
        let ten = try Decoding.frame("MSG a b 0000000005\r\nhello", sender: .server, dialect: .msnp8)
        #expect(ten.payload?.readableBytes == 5)
        let eleven = Decoding.error(Array("MSG a b 00000000005\r\nhello".utf8))
        #expect(eleven?.code == .payloadTooLarge)
        let wide = Decoding.error(Array("USR 00000000000000000000004294967296 TWN\r\n".utf8), sender: .client)
        #expect(wide?.code == .invalidTransactionID)
    }

    @Test func nonASCIIArgumentsKeepTheirText() throws {
        let frame = try Decoding.frame("NLN NLN bob@example.com B%C3%B8b\tBøb 0", sender: .server, dialect: .msnp8)
        #expect(frame.arguments == ["NLN", "bob@example.com", "B%C3%B8b", "Bøb", "0"])
        #expect(Decoding.encode([frame]) == Array("NLN NLN bob@example.com B%C3%B8b Bøb 0\r\n".utf8))
    }

    @Test func aRuleLookedUpOnceFollowsADialectChange() throws {
        var decoder = FrameDecoder(sender: .server, dialect: .msnp7)
        var buffer = ByteBuffer(string: "LST 6 FL 1 1 1 bob@example.com bob@example.com\r\nLST 12 Bob 11\r\n")
        let old = try #require(try decoder.decode(buffer: &buffer))
        #expect(old.transactionID == 6)
        decoder.dialect = .msnp8
        let new = try #require(try decoder.decode(buffer: &buffer))
        #expect(new.transactionID == nil && new.arguments == ["12", "Bob", "11"])
    }

    @Test func argumentsOnlyAfterTheTransactionID() throws {
        let out = try Decoding.frame("OUT", sender: .client, dialect: .msnp8)
        #expect(out.arguments.isEmpty && out.transactionID == nil)
        let chg = try Decoding.frame("CHG 5 ", sender: .client, dialect: .msnp8)
        #expect(chg.transactionID == 5 && chg.arguments == [""])
        let uux = try Decoding.frame("UUX 12 0 \r\n", sender: .server, dialect: .msnp11)
        #expect(uux.transactionID == 12 && uux.arguments.isEmpty && uux.payload?.readableBytes == 0)
    }

    @Test(arguments: [0, 9, 10, 99, 100, 4_294_967_295] as [UInt32])
    func encodedLinesMatchTheirText(number: UInt32) {
        let frames = [
            Frame(verb: .ack, transactionID: TransactionID(number)),
            Frame(verb: .msg, arguments: ["bøb@example.com", "B%C3%B8b"],
                  payload: ByteBuffer(repeating: 0x41, count: Int(number % 2000))),
            Frame(verb: .lst, arguments: ["N=bob@example.com", ""]),
            Frame(verb: .uux, transactionID: TransactionID(number), payload: ByteBuffer()),
        ]
        for frame in frames {
            var buffer = ByteBuffer()
            let written = buffer.writeFrame(frame)
            var expected = Array((frame.line + "\r\n").utf8)
            if let payload = frame.payload { expected += Array(payload.readableBytesView) }
            #expect(Array(buffer.readableBytesView) == expected)
            #expect(written == expected.count)
        }
    }
}

extension FrameInPlaceParsingTests {
    /// A single short argument is shared with the previous line's only when it is the same.
    @Test func aRepeatedSingleArgumentIsTheSame() throws {
        let stream = "MSG 1 A 1\r\nxMSG 2 A 1\r\nyMSG 3 U 1\r\nzMSG 4 A 1\r\nwCAL 5 bob@example.com\r\nOUT\r\n"
        let frames = try Decoding.frames(stream, sender: .client, dialect: .msnp11)
        #expect(frames.map(\.arguments) == [["A"], ["A"], ["U"], ["A"], ["bob@example.com"], []])
        #expect(frames.map(\.transactionID) == [1, 2, 3, 4, 5, nil])
        #expect(Decoding.encode(frames) == Array(stream.utf8))
    }
}
