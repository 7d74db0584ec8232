import MSNCore
import NIOCore
import Testing

/// A table row for a typed command, after nio-imap's `ParseFixture`: a wire line, who sends
/// it, the dialect, and either the value it must read as (and write back byte for byte) or
/// the grammar error it must give.
struct GrammarFixture<Command: FrameRepresentable>: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case success(Command)
        case failure(GrammarError.Code)
    }

    var wire: String
    var sender: Role
    var dialect: Dialect?
    var expected: Expected

    static func success(_ wire: String, _ command: Command, from sender: Role, _ dialect: Dialect? = nil) -> Self {
        Self(wire: wire, sender: sender, dialect: dialect, expected: .success(command))
    }

    static func failure(_ wire: String, _ code: GrammarError.Code, from sender: Role, _ dialect: Dialect? = nil) -> Self {
        Self(wire: wire, sender: sender, dialect: dialect, expected: .failure(code))
    }

    var testDescription: String { "\(wire.prefix(70)) [\(sender), \(dialect?.description ?? "any")]" }

    /// Decodes the wire bytes, reads the command, compares, and writes it back.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let frame = try Decoding.frame(wire, sender: sender, dialect: dialect)
        switch expected {
        case .success(let command):
            let read = try Command(frame: frame, dialect: dialect)
            #expect(read == command, sourceLocation: sourceLocation)
            let written = Decoding.encode([command.frame])
            let wireBytes = Array((wire.contains("\r\n") ? wire : wire + "\r\n").utf8)
            #expect(written == wireBytes, "writes \(String(decoding: written, as: UTF8.self))",
                    sourceLocation: sourceLocation)
        case .failure(let code):
            let error = #expect(throws: GrammarError.self, sourceLocation: sourceLocation) {
                _ = try Command(frame: frame, dialect: dialect)
            }
            #expect(error?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
    }
}
