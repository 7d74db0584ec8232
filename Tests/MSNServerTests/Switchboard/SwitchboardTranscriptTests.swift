import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Replays the switchboard half of each Escargot capture against our server, with the same
/// accounts, names, capabilities and machine GUIDs, and compares every server line and payload
/// byte for byte (cookies, session ids and the address aside).
///
/// The one known difference: Escargot also sends an MSNP16+ joiner a `JOI` of its own bare
/// handle (`[B-SB] S< JOI bob@example.com …` in msnp16–18.txt); we do not (docs/switchboard.md).
@Suite(.timeLimit(.minutes(2))) struct SwitchboardTranscriptTests {
    typealias F = SwitchboardFixtures

    static let transcripts: [Transcript] = ((try? Transcript.escargot()) ?? [])
        .filter { $0.connection("A-SB") != nil && $0.connection("B-SB") != nil }

    /// What the server wrote, as comparable text: each line, then its payload.
    static func render(_ line: String, _ payload: [UInt8], replacing tokens: [String: String]) -> String {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for (index, word) in words.enumerated() { if let token = tokens[word] { words[index] = token } }
        return words.joined(separator: " ") + (payload.isEmpty ? "" : "|" + String(decoding: payload, as: UTF8.self))
    }

    static func render(_ frames: [Frame], replacing tokens: [String: String]) -> [String] {
        frames.map { render($0.line, $0.payload.map { Array($0.readableBytesView) } ?? [], replacing: tokens) }
    }

    /// Reads frames into `into` until one matches `stop`.
    static func read(_ client: LineClient, into frames: inout [Frame], until stop: (Frame) -> Bool) async throws {
        while true {
            let frame = try await client.readFrame()
            frames.append(frame)
            if stop(frame) { return }
        }
    }

    @Test(arguments: transcripts.map(\.name))
    func replayMatchesEscargot(name: String) async throws {
        let transcript = try #require(Self.transcripts.first { $0.name == name })
        let dialect = try #require(transcript.dialect)
        let aliceSB = try #require(transcript.connection("A-SB")), bobSB = try #require(transcript.connection("B-SB"))
        let aliceNS = try #require(transcript.connection("A-NS")), bobNS = try #require(transcript.connection("B-NS"))
        let client = { (connection: TranscriptConnection) in connection.events.filter { $0.sender == .client } }
        let server = { (connection: TranscriptConnection) in connection.events.filter { $0.sender == .server } }
        let (aliceLines, bobLines) = (client(aliceSB), client(bobSB))
        #expect(aliceLines.map { $0.line.prefix(3) } == ["USR", "CAL", "MSG", "MSG", "OUT"])
        #expect(bobLines.map { $0.line.prefix(3) } == ["ANS", "MSG", "OUT"])

        // Escargot's tokens, from its referral, ring and CAL reply.
        let referral = try #require(server(aliceNS).first { $0.line.hasPrefix("XFR ") && $0.line.contains(" SB ") })
        let ring = try #require(server(bobNS).first { $0.line.hasPrefix("RNG ") })
        let theirs = ["cookie": referral.line.split(separator: " ")[5], "ring": ring.line.split(separator: " ")[4],
                      "session": ring.line.split(separator: " ")[1], "address": ring.line.split(separator: " ")[2]]
        let guid = { (line: String) -> String? in
            line.split(separator: " ")[2].split(separator: ";").dropFirst().first.map(String.init)
        }
        let chg = { (connection: TranscriptConnection) in client(connection).first { $0.line.hasPrefix("CHG ") }?.line }

        try await F.withNetwork(accounts: ["alice@example.com", "bob@example.com"], displayName: { $0 }) { network in
            let alice = try await F.signIn(network, "alice@example.com", dialect, guid: guid(aliceLines[0].line), chg: chg(aliceNS))
            let bob = try await F.signIn(network, "bob@example.com", dialect, guid: guid(bobLines[0].line), chg: chg(bobNS))

            // The referral, in the same shape.
            let ours = try await alice.requestSwitchboard()
            let cookie = String(try #require(ours.argument(3)))
            #expect(Self.render(ours.line, [], replacing: [cookie: "<cookie>", network.switchboardAddress: "<address>"])
                    == Self.render(referral.line, [], replacing: [String(theirs["cookie"]!): "<cookie>",
                                                                  String(theirs["address"]!): "<address>"])
                        .replacingOccurrences(of: "XFR \(referral.line.split(separator: " ")[1]) ", with: "XFR 21 "))

            let a = try await LineClient.connect(to: network.switchboardAddress)
            var aFrames: [Frame] = [], bFrames: [Frame] = []
            let substitute = { (event: TranscriptEvent, tokens: [String: String]) -> [UInt8] in
                Array(Self.render(event.line, [], replacing: tokens).utf8) + [13, 10] + event.payload
            }
            try await a.send(raw: substitute(aliceLines[0], [String(theirs["cookie"]!): cookie]))
            try await Self.read(a, into: &aFrames) { $0.verb == .usr }
            try await a.send(raw: aliceLines[1].bytes)                                   // CAL 2 bob@example.com
            try await Self.read(a, into: &aFrames) { $0.verb == .cal }
            let ourRing = try await bob.nextRing()
            let session = String(try #require(ourRing.argument(0))), ringCookie = String(try #require(ourRing.argument(3)))
            #expect(Self.render(ourRing.line, [], replacing: [session: "<session>", ringCookie: "<cookie>",
                                                                network.switchboardAddress: "<address>"])
                    == Self.render(ring.line, [], replacing: [String(theirs["session"]!): "<session>",
                                                              String(theirs["ring"]!): "<cookie>",
                                                              String(theirs["address"]!): "<address>"]))

            let b = try await LineClient.connect(to: network.switchboardAddress)
            try await b.send(raw: substitute(bobLines[0], [String(theirs["ring"]!): ringCookie, String(theirs["session"]!): session]))
            try await Self.read(b, into: &bFrames) { $0.verb == .ans }
            for event in aliceLines[2...3] { try await a.send(raw: event.bytes) }       // MSG 3 U, MSG 4 A
            try await Self.read(a, into: &aFrames) { $0.verb == .ack }
            try await Self.read(b, into: &bFrames) { $0.line.hasPrefix("MSG ") && $0.payloadText?.contains("text/plain") == true }
            try await b.send(raw: bobLines[1].bytes)                                     // MSG 2 N
            try await Self.read(a, into: &aFrames) { $0.verb == .msg }
            try await a.send(raw: aliceLines[4].bytes)                                   // OUT
            aFrames += try await a.readUntilClosed()
            try await Self.read(b, into: &bFrames) { $0.line == "BYE alice@example.com" }
            try await b.send(raw: bobLines[2].bytes)                                     // OUT
            bFrames += try await b.readUntilClosed()

            let ourTokens = [session: "<session>"]
            let theirTokens = [String(theirs["session"]!): "<session>"]
            let expectedA = server(aliceSB).map { Self.render($0.line, $0.payload, replacing: theirTokens) }
            let selfJoin = "JOI bob@example.com "
            let expectedB = server(bobSB).filter { !$0.line.hasPrefix(selfJoin) }
                .map { Self.render($0.line, $0.payload, replacing: theirTokens) }
            #expect(Self.render(aFrames, replacing: ourTokens) == expectedA)
            #expect(Self.render(bFrames, replacing: ourTokens) == expectedB)
        }
    }
}
