import Testing
@testable import MSNClient

@Suite("Conversation line breaks")
struct LineBreakTests {
    @Test("LF and lone CR go out as CR LF; CR LF stays", arguments: [
        ("a\nb", "a\r\nb"), ("a\r\nb", "a\r\nb"), ("a\rb", "a\r\nb"), ("\n\n", "\r\n\r\n"), ("end\r", "end\r\n"), ("plain", "plain"),
    ])
    func outgoing(_ text: String, _ wire: String) {
        #expect(Array(Conversation.wireLineBreaks(text).unicodeScalars) == Array(wire.unicodeScalars))
    }

    @Test("CR LF comes in as LF; other characters stay", arguments: [
        ("a\r\nb", "a\nb"), ("a\nb", "a\nb"), ("a\rb", "a\rb"), ("x\r", "x\r"), ("✓\r\n✓", "✓\n✓"),
    ])
    func incoming(_ wire: String, _ text: String) {
        #expect(Array(Conversation.localLineBreaks(wire).unicodeScalars) == Array(text.unicodeScalars))
    }
}
