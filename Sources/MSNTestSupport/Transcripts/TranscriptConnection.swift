import MSNCore
import NIOCore

/// One TCP connection of a transcript (`A-NS`, `B-SB`, …) and what each side wrote on it.
public struct TranscriptConnection: Hashable, Sendable {
    /// The connection's name in the transcript: `A-NS`, `N5-SB`.
    public var name: String
    /// 1 for the first connection of that name in the file, 2 for the next, …
    public var ordinal: Int
    /// The commands in the order they were written, both directions.
    public var events: [TranscriptEvent]
    /// The dialect: the one this connection's `VER` settled on, else the transcript's.
    public var dialect: Dialect?

    public init(name: String, ordinal: Int = 1, events: [TranscriptEvent] = [], dialect: Dialect? = nil) {
        self.name = name
        self.ordinal = ordinal
        self.events = events
        self.dialect = dialect
    }

    /// `true` for a switchboard connection (its name ends in `SB`).
    public var isSwitchboard: Bool { name.hasSuffix("SB") }

    /// Everything `sender` wrote on this connection, concatenated.
    public func bytes(from sender: Role) -> [UInt8] {
        events.filter { $0.sender == sender }.flatMap(\.bytes)
    }

    /// The client's byte stream.
    public var clientBytes: [UInt8] { bytes(from: .client) }
    /// The server's byte stream.
    public var serverBytes: [UInt8] { bytes(from: .server) }

    /// What `sender` wrote, as a buffer.
    public func stream(from sender: Role) -> ByteBuffer { ByteBuffer(bytes: bytes(from: sender)) }

    /// The dialect this connection's own `VER` reply chose, if it has one.
    var negotiatedDialect: Dialect? {
        guard let reply = events.first(where: { $0.sender == .server && $0.line.hasPrefix("VER ") }) else { return nil }
        return VersionNegotiation.chosenDialect(in: reply.line.split(separator: " ").dropFirst(2))
    }
}
