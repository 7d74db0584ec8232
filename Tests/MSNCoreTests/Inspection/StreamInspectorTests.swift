import MSNCore
import MSNTestSupport
import NIOCore
import Testing

/// The logic of `msn decode`.
@Suite struct StreamInspectorTests {
    @Test func aTranscriptStreamDecodesAndChecks() throws {
        for transcript in try Transcript.escargot() {
            for connection in transcript.connections {
                for sender in [Role.client, .server] {
                    let result = StreamInspector.inspect(connection.stream(from: sender), sender: sender, check: true)
                    #expect(result.error == nil, "\(transcript.name) \(connection.name) \(sender): \(String(describing: result.error))")
                    let frameLines = result.output.split(separator: "\n").filter { !$0.hasPrefix("    ") }
                    #expect(frameLines.count == connection.events.filter { $0.sender == sender }.count)
                }
            }
        }
    }

    @Test func rendersFramesAndTextPayloads() throws {
        let server = "VER 1 MSNP11\r\nMSG Hotmail Hotmail 22\r\nA: 1\r\nB:\r\n\r\nbody\r\nmoreUBX bob@example.com 0\r\nLST a b 11 \r\n"
        let result = StreamInspector.inspect(ByteBuffer(string: server), sender: .server)
        #expect(result.error == nil)
        #expect(result.output == """
            VER  trid=1  MSNP11
            MSG  Hotmail Hotmail  payload=22
                A: 1
                B:
                
                body
                more
            UBX  bob@example.com  payload=0
            LST  a b 11 ""

            """)
        let binary = StreamInspector.render(Frame(verb: .msg, arguments: ["a", "b"], payload: ByteBuffer(bytes: [0, 1, 0xFF])))
        #expect(binary == "MSG  a b  payload=3\n    (binary) 00 01 ff\n")
    }

    @Test func followsTheVERInTheStream() throws {
        // Client: the highest offered. LST from a client has a transaction id in every dialect.
        var client = StreamInspector(sender: .client)
        var output = ""
        try client.feed(ByteBuffer(string: "VER 1 MSNP13 MSNP14 CVR0\r\n"), into: &output)
        #expect(client.dialect == .msnp14)
        // Server: the highest answered. MSNP8+ LST lines carry no transaction id.
        var server = StreamInspector(sender: .server)
        try server.feed(ByteBuffer(string: "VER 1 MSNP8\r\nLST 12 Bob 11\r\n"), into: &output)
        #expect(server.dialect == .msnp8)
        #expect(output.hasSuffix("LST  12 Bob 11\n"))
        // A given dialect wins over the stream's.
        var fixed = StreamInspector(sender: .server, dialect: .msnp7)
        try fixed.feed(ByteBuffer(string: "VER 1 MSNP8\r\nLST 12 Bob 11\r\n"), into: &output)
        #expect(fixed.dialect == .msnp7)
        #expect(output.hasSuffix("LST  trid=12  Bob 11\n"))
    }

    @Test func checkPassesOnAGoodStreamFedInPieces() throws {
        let bytes = Array("VER 1 MSNP15 CVR0\r\nGCF 0 5\r\n<a/>\nUSR 3 SSO S MBI_KEY_OLD abc\r\n".utf8)
        var inspector = StreamInspector(sender: .server, check: true)
        var output = ""
        for byte in bytes { try inspector.feed(ByteBuffer(bytes: [byte]), into: &output) }
        try inspector.finish(into: &output)
        #expect(inspector.frameCount == 3)
    }

    @Test func checkFailsAtTheFirstDifferingByte() {
        let stream = ByteBuffer(string: "VER 1 MSNP8\r\nCVR  2 x\r\n")
        let result = StreamInspector.inspect(stream, sender: .client, check: true)
        #expect(result.error?.code == .reencodingDiffers)
        #expect(result.error?.offset == 17)
        #expect(result.error?.description == "byte 17: re-encoding differs: CVR re-encodes 0x32 where the stream has 0x20")
        #expect(result.output == "VER  trid=1  MSNP8\n")
        // A bare LF line end and a blank line are read, but are not what the encoder writes.
        #expect(StreamInspector.inspect(ByteBuffer(string: "PNG\n"), sender: .client, check: true).error?.offset == 3)
        #expect(StreamInspector.inspect(ByteBuffer(string: "\r\nPNG\r\n"), sender: .client, check: true).error?.offset == 0)
        #expect(StreamInspector.inspect(ByteBuffer(string: "PNG\n"), sender: .client).error == nil)
    }

    @Test func aMalformedStreamReportsItsOffsetAndRule() {
        let stream = ByteBuffer(string: "VER 1 MSNP8\r\nCVR 2 x\r\nMSG Hotmail Hotmail 900000\r\n")
        let result = StreamInspector.inspect(stream, sender: .server)
        #expect(result.error?.code == .framing)
        #expect(result.error?.framingError?.code == .payloadTooLarge)
        #expect(result.error?.offset == 22)
        #expect(result.error?.description == "byte 22: payload too large: MSG payload length 900000 exceeds the limit of 131072")
        #expect(result.output == "VER  trid=1  MSNP8\nCVR  trid=2  x\n")
        let truncated = StreamInspector.inspect(ByteBuffer(string: "PNG\r\nMSG 1 U 10\r\nabc"), sender: .client)
        #expect(truncated.error?.description == "byte 5: stream ends inside a frame: MSG declares 10 payload bytes, 3 arrived")
    }
}
