import MSNCore
import NIOCore
import Testing

@Suite struct FrameDecoderTests {
    @Test func seedServerLinesDecodeAndReencode() throws {
        let xml = String(repeating: "x", count: 6660)
        let stream = "VER 1 MSNP15 MSNP14 MSNP13 CVR0\r\nGCF 0 6660\r\n\(xml)USR 3 TWN S ct=1216861501,rver=5.5.4177.0\r\n"
        for chunk in [1, 7, 1000, Int.max] {
            let frames = try Decoding.frames(stream, sender: .server, chunks: repeatElement(chunk, count: .max))
            #expect(frames.count == 3)
            #expect(frames[1].verb == .gcf)
            #expect(frames[1].transactionID == 0)
            #expect(frames[1].payload?.readableBytes == 6660)
            #expect(frames[2].arguments == ["TWN", "S", "ct=1216861501,rver=5.5.4177.0"])
            #expect(Decoding.encode(frames) == Array(stream.utf8))
        }
    }

    @Test func replyAndPushFormsOfADL() throws {
        let frames = try Decoding.frames("ADL 7 OK\r\nADL 0 5\r\n<ml/>", sender: .server, dialect: .msnp15)
        #expect(frames[0].payload == nil && frames[0].arguments == ["OK"])
        #expect(frames[1].payloadText == "<ml/>")
    }

    @Test func sameVerbFramedByRoleAndDialect() throws {
        // QRY: a payload from the client, none from the server.
        let client = try Decoding.frame("QRY 11 PROD0090YUAUV{2B 3\r\nabc", sender: .client, dialect: .msnp11)
        #expect(client.transactionID == 11 && client.arguments == ["PROD0090YUAUV{2B"] && client.payloadText == "abc")
        let server = try Decoding.frame("QRY 11", sender: .server, dialect: .msnp11)
        #expect(server.transactionID == 11 && server.payload == nil)
        // LST: a transaction id up to MSNP7, none from MSNP8.
        let old = try Decoding.frame("LST 6 FL 1 1 1 bob@example.com bob@example.com", sender: .server, dialect: .msnp2)
        #expect(old.transactionID == 6 && old.arguments.first == "FL")
        let new = try Decoding.frame("LST 12 Bob 11", sender: .server, dialect: .msnp8)
        #expect(new.transactionID == nil && new.arguments == ["12", "Bob", "11"])
        // GCF in MSNP11: the request has no payload, the reply has one.
        let request = try Decoding.frame("GCF 9 Shields.xml", sender: .client, dialect: .msnp11)
        #expect(request.payload == nil && request.arguments == ["Shields.xml"])
    }

    @Test func errorRepliesWithAndWithoutPayload() throws {
        let frames = try Decoding.frames("911 4\r\n241 7 6\r\n<ml/>\n", sender: .server, dialect: .msnp15)
        #expect(frames[0].errorCode == .authenticationFailed && frames[0].transactionID == 4 && frames[0].payload == nil)
        #expect(frames[1].errorCode == .invalidContactList && frames[1].payload?.readableBytes == 6)
    }

    @Test func lenientInput() throws {
        // Runs of spaces and tabs, a bare LF, blank and blank-looking lines.
        let frames = try Decoding.frames("\r\n  \r\nVER  1\tMSNP8   CVR0\nCVR 2 x\r\n", sender: .client)
        #expect(frames.count == 2)
        #expect(frames[0].transactionID == 1 && frames[0].arguments == ["MSNP8", "CVR0"])
        #expect(frames[1].verb == .cvr)
    }

    @Test func trailingSeparatorKeepsAnEmptyArgument() throws {
        let line = "LST N=bob@example.com F=bob@example.com C=3f7bd154-6749-4e8a-bd56-6bb3674141cd 11 \r\n"
        let frame = try Decoding.frame(line, sender: .server, dialect: .msnp11)
        #expect(frame.arguments.last == "")
        #expect(frame.arguments.count == 5)
        #expect(Decoding.encode([frame]) == Array(line.utf8))
        // Before a payload length the separator is just space.
        let message = try Decoding.frame("MSG a b 2 \r\nhi", sender: .server)
        #expect(message.arguments == ["a", "b"] && message.payloadText == "hi")
    }

    @Test func consumedBytesCountsEveryByte() throws {
        var decoder = FrameDecoder(sender: .server)
        var buffer = ByteBuffer(string: "\r\nPNG\r\nMSG a b 3\r\nab")
        _ = try decoder.decode(buffer: &buffer)
        #expect(decoder.consumedBytes == 7)
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(decoder.isAwaitingPayload)
        #expect(decoder.consumedBytes == 18)
        buffer.writeString("c")
        #expect(try decoder.decode(buffer: &buffer)?.payloadText == "abc")
        #expect(decoder.consumedBytes == 21)
    }

    @Test func partialLineIsLeftInTheBuffer() throws {
        var decoder = FrameDecoder(sender: .client)
        var buffer = ByteBuffer(string: "VER 1 MSNP")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(buffer.readableBytes == 10)
        buffer.writeString("8\r")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeString("\n")
        #expect(try decoder.decode(buffer: &buffer)?.arguments == ["MSNP8"])
    }
}
