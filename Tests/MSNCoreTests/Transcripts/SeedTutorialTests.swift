import MSNCore
import MSNTestSupport
import NIOCore
import Testing

/// The exchange of `shared/seed/msn-protocol-introduction.txt` — the first thing this project
/// had to speak — decodes to the right frames and re-encodes byte for byte.
@Suite struct SeedTutorialTests {
    /// The netcat sessions of the tutorial: what the client typed and what the server said.
    static let sessions: [(client: [String], server: [String])] = [
        (["VER 1 MSNP13 CVR0"], ["VER 1 MSNP13 CVR0"]),
        (["VER 1 MSNP13 MSNP14 MSNP15 CVR0"], ["VER 1 MSNP15 MSNP14 MSNP13 CVR0"]),
        (["VER 1 MSNP13 MSNP14 MSNP15 MSNP16 MSNP17 CVR0"], ["VER 1 MSNP17 MSNP16 MSNP15 MSNP14 MSNP13 CVR0"]),
        (["VER 1 MSNP13 MSNP14 MSNP15 MSNP16 MSNP17 MSNP18 CVR0"], ["VER 1 MSNP17 MSNP16 MSNP15 MSNP14 MSNP13 CVR0"]),
        (["VER 1 MSNP13 CVR0", cvr, "USR 3 TWN I xmxsxn@hotmail.com"],
         ["VER 1 MSNP13 CVR0", cvrReply, "XFR 3 NS 207.46.110.94:1863 U D"]),
        (["VER 1 MSNP13 CVR0", cvr, "USR 3 TWN I xmxsxn@hotmail.com"],
         ["VER 1 MSNP13 CVR0", cvrReply, "GCF 0 6660", usrTWN]),
    ]
    static let cvr = "CVR 2 0x0c0a winnt 5.1 i386 MSNMSGR 8.0.0792 msmsgs xmxsxn@hotmail.com"
    static let cvrReply = "CVR 2 8.1.0178 8.1.0178 8.1.0178 http://msgruser.dlservice.microsoft.com/download/5/6/4/5646481F-33EF-4B08-AF00-4904F7677B89/ES/Install_WLMessenger.exe http://get.live.com/es"
    static let usrTWN = "USR 3 TWN S ct=1216861501,rver=5.5.4177.0,wp=FS_40SEC_0_COMPACT,lc=1033,id=507,ru=http:%2F%2Fmessenger.msn.com,tw=0,kpp=1,kv=4,ver=2.1.6000.1,rn=1lgjBfIL,tpf=b0735e3a873dfb5e75054465095398e0"
    /// The 6660 bytes of XML the tutorial elides ("a lot of xml goes here").
    static let policies: [UInt8] = {
        let head = Array("<Policies><Policy type=\"SHIELDS\">".utf8)
        let tail = Array("</Policy></Policies>".utf8)
        return head + [UInt8](repeating: UInt8(ascii: "x"), count: 6660 - head.count - tail.count) + tail
    }()

    static func stream(_ lines: [String]) -> [UInt8] {
        lines.flatMap { line in Array(line.utf8) + [0x0D, 0x0A] + (line == "GCF 0 6660" ? policies : []) }
    }

    @Test func everyLineIsTheTutorials() throws {
        let seed = try SharedFolder.text("seed/msn-protocol-introduction.txt")
        for line in Self.sessions.flatMap({ $0.client + $0.server }) {
            #expect(seed.contains(line), "\(line)")
        }
    }

    @Test func clientAndServerStreamsDecodeAndReencode() throws {
        for (client, server) in Self.sessions {
            for (lines, sender) in [(client, Role.client), (server, Role.server)] {
                let bytes = Self.stream(lines)
                for chunks in [[Int.max], [1], [5, 3, 1000]] {
                    let frames = try Decoding.frames(bytes, sender: sender, chunks: repeatElement(chunks, count: bytes.count).joined())
                    #expect(frames.map(\.line) == lines)
                    #expect(Decoding.encode(frames) == bytes)
                }
            }
        }
    }

    @Test func framesHaveTheirParts() throws {
        let client = try Decoding.frames(Self.stream(Self.sessions[5].client), sender: .client)
        #expect(client[0].verb == .ver && client[0].transactionID == 1 && client[0].arguments == ["MSNP13", "CVR0"])
        #expect(client[1].verb == .cvr && client[1].transactionID == 2 && client[1].arguments.count == 8)
        #expect(client[2].verb == .usr && client[2].arguments == ["TWN", "I", "xmxsxn@hotmail.com"])
        let server = try Decoding.frames(Self.stream(Self.sessions[5].server), sender: .server, dialect: .msnp13)
        #expect(server[2].verb == .gcf && server[2].transactionID == 0 && server[2].arguments.isEmpty)
        #expect(server[2].payload.map { Array($0.readableBytesView) } == Self.policies)
        #expect(server[3].arguments.count == 3)
    }

    @Test func typedCommandsOfTheTutorial() throws {
        let request = try TypedLine.read(ClientVersionRequest.self, Self.cvr, from: .client)
        #expect(request.localeID == "0x0c0a" && request.clientVersion == "8.0.0792" && request.account == "xmxsxn@hotmail.com")
        let reply = try TypedLine.read(ClientVersionReply.self, Self.cvrReply, from: .server)
        #expect(reply.recommendedVersion == "8.1.0178" && reply.infoURL == "http://get.live.com/es")
        let referral = try TypedLine.read(Referral.self, "XFR 3 NS 207.46.110.94:1863 U D", from: .server, .msnp13)
        #expect(referral == .notification(NotificationReferral(transactionID: 3, address: "207.46.110.94:1863",
                                                                currentServer: "0", dialect: .msnp13)))
        let login = try TypedLine.read(LoginReply.self, Self.usrTWN, from: .server, .msnp13)
        guard case .tweenerChallenge(3, let policy) = login else { Issue.record("\(login)"); return }
        #expect(policy.hasPrefix("ct=1216861501,"))
        let policies = try ConfigurationReply(frame: Decoding.frames(Self.stream(["GCF 0 6660"]), sender: .server)[0])
        #expect(policies == .policies(ByteBuffer(bytes: Self.policies)))
    }
}

/// Reads a line as a typed command and checks it writes the line back.
enum TypedLine {
    static func read<T: FrameRepresentable>(_ type: T.Type, _ line: String, from sender: Role,
                                            _ dialect: Dialect? = nil) throws -> T {
        let frame = try Decoding.frame(line, sender: sender, dialect: dialect)
        let command = try T(frame: frame, dialect: dialect)
        #expect(Decoding.encode([command.frame]) == Array((line + "\r\n").utf8))
        return command
    }
}
