import MSNCore
import NIOCore
import Testing

@Suite("Chunked switchboard messages")
struct MessageChunkingTests {
    static let id = "{7B7B34E4-B5D6-4A8F-9B67-4F9A1E7D3C2A}"

    @Test("A message that fits is not split")
    func fits() {
        let message = MIMEMessage.text("Hello")
        #expect(message.chunked(messageID: Self.id) == [message])
    }

    @Test("Long text is split under the cap with Message-ID, Chunks and Chunk, cut between characters")
    func split() throws {
        let text = String(repeating: "héllo wörld ✓ ", count: 400)  // ~6.8 KB, multi-byte characters
        let message = MIMEMessage.text(text)
        let parts = try #require(message.chunked(messageID: Self.id))
        #expect(parts.count > 1)
        for part in parts {
            #expect(part.bytes.readableBytes <= MIMEMessage.maximumSwitchboardPayload)
            #expect(part.messageID == Self.id)
            // every part's body is valid UTF-8 on its own
            #expect(String(validating: part.body.readableBytesView, as: UTF8.self) != nil)
        }
        #expect(parts[0]["Chunks"] == String(parts.count))
        #expect(parts[0].contentType == "text/plain; charset=UTF-8")
        #expect(parts[0]["X-MMS-IM-Format"] != nil)
        for index in 1..<parts.count {
            #expect(parts[index]["Chunk"] == String(index))
            #expect(parts[index].headers.count == 2)
            #expect(try parts[index].chunk() == MessageChunk(messageID: Self.id, part: .continuation(index: index)))
        }
        #expect(parts.map(\.bodyText).joined() == text)
        // Parts read back through the parser.
        let reparsed = try MIMEMessage(parsing: parts[0].bytes)
        #expect(try reparsed.chunk() == MessageChunk(messageID: Self.id, part: .first(totalChunks: parts.count)))
    }

    @Test("Headers that leave no room give nil")
    func noRoom() {
        let message = MIMEMessage(headers: [MIMEHeader(name: "X-Big", value: String(repeating: "a", count: 2000))],
                                  bodyText: "body")
        #expect(message.chunked(messageID: Self.id) == nil)
    }
}
