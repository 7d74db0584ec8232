import MSNCore
import MSNTestSupport
import NIOCore
import Testing

/// Every capture in `shared/transcripts/escargot/`, turned back into the byte streams of its
/// connections, decodes in the right role and dialect and re-encodes byte for byte.
@Suite struct TranscriptDecodingTests {
    static let names = [
        "msnp2", "msnp3", "msnp4", "msnp5", "msnp6", "msnp7", "msnp8", "msnp9", "msnp10", "msnp11", "msnp12",
        "msnp13", "msnp14", "msnp15", "msnp16", "msnp17", "msnp18", "negative", "setup_contacts",
    ]

    @Test func theSharedFolderHoldsEveryTranscript() throws {
        let found = try Transcript.escargot().map(\.name)
        #expect(Set(found) == Set(Self.names))
    }

    @Test(arguments: names)
    func decodesAndReencodesByteForByte(name: String) throws {
        let transcript = try Transcript.escargot(name)
        #expect(!transcript.connections.isEmpty)
        for connection in transcript.connections {
            #expect(connection.dialect != nil, "\(connection.name) has no dialect")
            for sender in [Role.client, .server] {
                let bytes = connection.bytes(from: sender)
                let frames = try Decoding.frames(bytes, sender: sender, dialect: connection.dialect)
                let events = connection.events.filter { $0.sender == sender }
                #expect(frames.count == events.count, "\(name) \(connection.name) \(sender)")
                for (frame, event) in zip(frames, events) {
                    #expect(frame.line == event.line, "\(name) \(connection.name)")
                    #expect(frame.payload.map { Array($0.readableBytesView) } ?? [] == event.payload)
                }
                #expect(Decoding.firstDifference(Decoding.encode(frames), bytes) == nil, "\(name) \(connection.name) \(sender)")
            }
        }
    }

    @Test(arguments: names)
    func everyLoginVerbReadsAsItsTypedCommand(name: String) throws {
        let transcript = try Transcript.escargot(name)
        var checked = 0
        for connection in transcript.connections {
            for sender in [Role.client, .server] {
                let frames = try Decoding.frames(connection.bytes(from: sender), sender: sender, dialect: connection.dialect)
                for frame in frames {
                    guard let command = try TypedCommands.read(frame, sender: sender, dialect: connection.dialect,
                                                               switchboard: connection.isSwitchboard)
                    else { continue }
                    #expect(command.frame == frame, "\(name) \(connection.name): \(frame)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10)
    }

    @Test func everyMSGPayloadIsAMIMEMessageThatSerializesExactly() throws {
        var checked = 0
        for transcript in try Transcript.escargot() {
            for connection in transcript.connections {
                for sender in [Role.client, .server] {
                    for frame in try Decoding.frames(connection.bytes(from: sender), sender: sender, dialect: connection.dialect)
                    where frame.verb == .msg {
                        let payload = try #require(frame.payload)
                        let message = try MIMEMessage(parsing: payload)
                        #expect(message.bytes == payload)
                        #expect(message["mime-version"] == "1.0")
                        #expect(message.mediaType != nil)
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func connectionsAndDialectsAreFound() throws {
        let negative = try Transcript.escargot("negative")
        #expect(negative.dialect == .msnp11)
        #expect(negative.connection("N1")?.clientBytes == Array("VER 1 MSNP99 CVR0\r\n".utf8))
        #expect(negative.connection("N1")?.serverBytes == Array("VER 1 0\r\n".utf8))
        #expect(negative.connection("N6-SB")?.isSwitchboard == true)
        let msnp18 = try Transcript.escargot("msnp18")
        #expect(msnp18.dialect == .msnp18)
        #expect(msnp18.connections.map(\.name) == ["A-NS", "B-NS", "A-SB", "B-SB"])
        let profile = try #require(msnp18.connection("A-NS")?.events.first { $0.line == "MSG Hotmail Hotmail 1441" })
        #expect(profile.payload.count == 1441)
    }
}

/// Reads a frame as the typed command (login family, switchboard start) its verb and direction
/// call for.
enum TypedCommands {
    static func read(_ frame: Frame, sender: Role, dialect: Dialect?, switchboard: Bool) throws -> (any FrameRepresentable)? {
        if frame.verb.isError { return try ErrorReply(frame: frame, dialect: dialect) }
        switch (sender, frame.verb) {
        case (.client, .ver): return try VersionRequest(frame: frame, dialect: dialect)
        case (.client, .cvr): return try ClientVersionRequest(frame: frame, dialect: dialect)
        case (.client, .inf): return try AuthenticationMethodsRequest(frame: frame, dialect: dialect)
        case (.client, .usr) where !switchboard: return try LoginRequest(frame: frame, dialect: dialect)
        case (.client, .usr): return try SwitchboardLoginRequest(frame: frame, dialect: dialect)
        case (.client, .ans): return try SwitchboardAnswer(frame: frame, dialect: dialect)
        case (.client, .xfr): return try ReferralRequest(frame: frame, dialect: dialect)
        case (.client, .gcf): return try ConfigurationRequest(frame: frame, dialect: dialect)
        case (.client, .out), (.server, .out): return try SignOut(frame: frame, dialect: dialect)
        case (.client, .png): return try Ping(frame: frame, dialect: dialect)
        case (.client, .qry): return try ChallengeResponse(frame: frame, dialect: dialect)
        case (.server, .ver): return try VersionReply(frame: frame, dialect: dialect)
        case (.server, .cvr): return try ClientVersionReply(frame: frame, dialect: dialect)
        case (.server, .inf): return try AuthenticationMethodsReply(frame: frame, dialect: dialect)
        case (.server, .usr) where !switchboard: return try LoginReply(frame: frame, dialect: dialect)
        case (.server, .usr): return try SwitchboardLoginReply(frame: frame, dialect: dialect)
        case (.server, .rng): return try SwitchboardInvitation(frame: frame, dialect: dialect)
        case (.server, .xfr): return try Referral(frame: frame, dialect: dialect)
        case (.server, .gcf): return try ConfigurationReply(frame: frame, dialect: dialect)
        case (.server, .qng): return try PingReply(frame: frame, dialect: dialect)
        case (.server, .chl): return try Challenge(frame: frame, dialect: dialect)
        case (.server, .qry): return try ChallengeAcknowledgement(frame: frame, dialect: dialect)
        case (.server, .sbs): return try SBSNotice(frame: frame, dialect: dialect)
        default: return nil
        }
    }
}
