import MSNCore
import MSNTestSupport
import NIOCore
import Testing

/// However a stream is cut into reads — one byte at a time, at random, or several streams
/// back to back — it decodes to the same frames.
@Suite struct DripFeedTests {
    /// Every stream of every transcript, with its role and dialect.
    static func streams() throws -> [(name: String, bytes: [UInt8], sender: Role, dialect: Dialect?)] {
        try Transcript.escargot().flatMap { transcript in
            transcript.connections.flatMap { connection in
                [Role.client, .server].map { sender in
                    ("\(transcript.name) \(connection.name) \(sender)", connection.bytes(from: sender), sender, connection.dialect)
                }
            }
        }
    }

    @Test func oneByteAtATime() throws {
        for stream in try Self.streams() {
            let whole = try Decoding.frames(stream.bytes, sender: stream.sender, dialect: stream.dialect)
            let dripped = try Decoding.frames(stream.bytes, sender: stream.sender, dialect: stream.dialect,
                                              chunks: repeatElement(1, count: .max))
            #expect(Decoding.firstDifference(dripped, whole) == nil, "\(stream.name)")
        }
    }

    @Test(arguments: [1, 2, 3, 42, 1863] as [UInt64])
    func randomSplits(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for stream in try Self.streams() {
            let whole = try Decoding.frames(stream.bytes, sender: stream.sender, dialect: stream.dialect)
            let sizes = (0..<stream.bytes.count).map { _ in Int.random(in: 1...64, using: &generator) }
            let split = try Decoding.frames(stream.bytes, sender: stream.sender, dialect: stream.dialect, chunks: sizes)
            #expect(Decoding.firstDifference(split, whole) == nil, "\(stream.name)")
        }
    }

    @Test func concatenatedStreams() throws {
        // All switchboard streams of one role, back to back, are one valid stream.
        for sender in [Role.client, .server] {
            let streams = try Self.streams().filter { $0.sender == sender && $0.name.contains("-SB ") }
            let expected = try streams.flatMap { try Decoding.frames($0.bytes, sender: sender) }
            let joined = streams.flatMap(\.bytes)
            var generator = SeededGenerator(seed: 7)
            let sizes = (0..<joined.count).map { _ in Int.random(in: 1...300, using: &generator) }
            #expect(Decoding.firstDifference(try Decoding.frames(joined, sender: sender, chunks: sizes), expected) == nil)
            #expect(Decoding.firstDifference(Decoding.encode(expected), joined) == nil)
        }
    }
}
