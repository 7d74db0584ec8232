import MSNCore
import Testing
@testable import MSNClient

@Suite("Chunk reassembly")
struct ChunkAssemblerTests {
    static func parts(_ text: String, id: String = "{1}") throws -> [MIMEMessage] {
        try #require(MIMEMessage.text(text).chunked(messageID: id))
    }

    @Test("Parts in order give back the message, without the chunk headers")
    func inOrder() throws {
        let text = String(repeating: "0123456789", count: 500)
        let parts = try Self.parts(text)
        var assembler = ChunkAssembler(maximumPending: 4, maximumChunks: 16)
        for part in parts.dropLast() { #expect(assembler.add(part, from: "bob@example.com") == nil) }
        let last = assembler.add(parts.last!, from: "bob@example.com")
        let whole = try #require(last)
        #expect(whole.bodyText == text)
        #expect(whole.messageID == nil && whole["Chunks"] == nil)
        #expect(whole.mediaType == "text/plain")
        #expect(assembler.pendingCount == 0)
    }

    @Test("An ordinary message passes through")
    func ordinary() {
        var assembler = ChunkAssembler(maximumPending: 4, maximumChunks: 16)
        #expect(assembler.add(MIMEMessage.nudge, from: "bob@example.com") == MIMEMessage.nudge)
    }

    @Test("Out of order, unknown, too many parts, or another sender: dropped")
    func hostile() throws {
        let parts = try Self.parts(String(repeating: "x", count: 5000))
        #expect(parts.count >= 4)
        var assembler = ChunkAssembler(maximumPending: 4, maximumChunks: 16)
        #expect(assembler.add(parts[0], from: "bob@example.com") == nil)
        #expect(assembler.add(parts[2], from: "bob@example.com") == nil)  // skipped 1: dropped
        #expect(assembler.pendingCount == 0)
        #expect(assembler.add(parts[1], from: "bob@example.com") == nil)  // no first part any more
        #expect(assembler.add(parts[0], from: "bob@example.com") == nil)
        #expect(assembler.add(parts[1], from: "carol@example.com") == nil)  // not carol's message
        var small = ChunkAssembler(maximumPending: 4, maximumChunks: 2)
        #expect(small.add(parts[0], from: "bob@example.com") == nil)
        #expect(small.pendingCount == 0)
    }

    @Test("At most maximumPending messages are kept; the oldest goes")
    func bounded() throws {
        var assembler = ChunkAssembler(maximumPending: 2, maximumChunks: 16)
        let text = String(repeating: "y", count: 3000)
        let first = try Self.parts(text, id: "{a}"), second = try Self.parts(text, id: "{b}"), third = try Self.parts(text, id: "{c}")
        _ = assembler.add(first[0], from: "bob@example.com")
        _ = assembler.add(second[0], from: "bob@example.com")
        _ = assembler.add(third[0], from: "bob@example.com")
        #expect(assembler.pendingCount == 2)
        #expect(assembler.add(first[1], from: "bob@example.com") == nil)
        #expect(assembler.add(third[1], from: "bob@example.com")?.bodyText == text)
    }
}
