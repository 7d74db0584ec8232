import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// Delivery answers, the payload cap, the idle timeout and the shutdown `BYE`.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardMessageTests {
    typealias F = SwitchboardFixtures

    /// Alice (MSNP`a`) and bob (MSNP12) in one conversation.
    static func pair(_ network: TestNetwork, _ a: Dialect = .msnp11) async throws -> (LineClient, LineClient) {
        let alice = try await F.signIn(network, "alice@example.com", a)
        let bob = try await F.signIn(network, "bob@example.com", .msnp12)
        let aliceSB = try await alice.openSwitchboard()
        try await aliceSB.send("CAL 2 bob@example.com")
        _ = try await aliceSB.readFrame()
        let (bobSB, _) = try await bob.answer(try await bob.nextRing())
        _ = try await aliceSB.readFrame()   // JOI
        return (aliceSB, bobSB)
    }

    @Test func aloneEveryModeButUIsNAKed() async throws {
        try await F.withNetwork { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp9)
            let sb = try await alice.openSwitchboard()
            try await F.send(sb, 2, "U", F.typing("alice@example.com"))
            try await F.send(sb, 3, "N", F.text("nudge"))
            try await F.send(sb, 4, "A", F.text("hello?"))
            try await F.send(sb, 5, "D", "P2P")
            #expect(try await sb.readFrames(3).map(\.line) == ["NAK 3", "NAK 4", "NAK 5"])
        }
    }

    @Test func dataMessagesAreAcknowledgedFromMSNP9AndCloseBefore() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await Self.pair(network, .msnp9)
            let binary: [UInt8] = Array("MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\nP2P-Dest: bob@example.com\r\n\r\n".utf8)
                + (0..<52).map { UInt8($0 * 5 % 256) }
            try await aliceSB.send(raw: Array("MSG 3 D \(binary.count)\r\n".utf8) + binary)
            #expect(try await aliceSB.readFrame().line == "ACK 3")
            let relayed = try await bobSB.readFrame()
            #expect(relayed.payload.map { Array($0.readableBytesView) } == binary)
        }
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await Self.pair(network, .msnp8)
            try await F.send(aliceSB, 3, "D", "x")
            let frames = try await aliceSB.readUntilClosed()
            #expect(frames == [], "\(frames)")
            #expect(try await bobSB.readFrame().line == "BYE alice@example.com")
        }
    }

    @Test func theCapIs1664BytesThen285AndClose() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await Self.pair(network)
            let header = F.text("")
            let atCap = header + String(repeating: "a", count: 1664 - header.utf8.count)
            try await F.send(aliceSB, 3, "A", atCap)
            #expect(try await aliceSB.readFrame().line == "ACK 3")
            #expect(try await bobSB.readFrame().payload?.readableBytes == 1664)
            try await F.send(aliceSB, 4, "A", atCap + "b")
            #expect(try await aliceSB.readUntilClosed().map(\.line) == ["285 4"])
            #expect(try await bobSB.readFrame().line == "BYE alice@example.com")
        }
    }

    @Test func malformedMessagesClose() async throws {
        for line in ["MSG 3 X 2\r\nhi", "MSG 3 A B 2\r\nhi", "ANS 3 bob@example.com 1 2", "USR 3 alice@example.com 1"] {
            try await F.withNetwork { network in
                let (aliceSB, bobSB) = try await Self.pair(network)
                try await aliceSB.send(raw: Array(line.utf8) + (line.hasPrefix("MSG") ? [] : [13, 10]))
                #expect(try await aliceSB.readUntilClosed() == [], "\(line)")
                #expect(try await bobSB.readFrame().line == "BYE alice@example.com")
            }
        }
    }

    /// A recipient whose outbox is full is cut off; the sender's A message is NAKed, never
    /// silently lost.
    @Test func aRecipientThatCannotTakeMoreGetsANAK() async throws {
        try await F.withNetwork(configure: { $0.connection.outboxCapacity = 64 }) { network in
            let alice = try await F.signIn(network, "alice@example.com", .msnp11)
            let bob = try await F.signIn(network, "bob@example.com", .msnp12)
            let aliceSB = try await alice.openSwitchboard()
            try await aliceSB.send("CAL 2 bob@example.com")
            _ = try await aliceSB.readFrame()
            let ring = try await bob.nextRing()
            // Bob answers from a client that never reads and has a tiny receive buffer.
            let slow = try await LineClient.connect(to: network.switchboardAddress, reads: false, receiveBufferSize: 1024)
            try await slow.send("ANS 1 bob@example.com \(ring.argument(3) ?? "") \(ring.argument(0) ?? "")")
            _ = try await aliceSB.readFrame()   // JOI
            // Messages pile up in the kernel's buffers, then in bob's outbox, which overflows.
            let big = F.text(String(repeating: "x", count: 1500))
            var answers: [String] = []
            var trID = 3
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline, !(answers.last?.hasPrefix("NAK") ?? false) {
                var batch: [UInt8] = []
                for _ in 0..<32 {
                    batch += Array("MSG \(trID) A \(big.utf8.count)\r\n\(big)".utf8)
                    trID += 1
                }
                try await aliceSB.send(raw: batch)
                for _ in 0..<32 {
                    let answer = try await aliceSB.readFrame()
                    if answer.verb == .bye { continue }
                    answers.append(answer.line)
                    if answer.verb == .nak { break }
                }
            }
            #expect(answers.last?.hasPrefix("NAK") == true, "\(answers.suffix(3))")
            #expect(answers.dropLast().allSatisfy { $0.hasPrefix("ACK") })
            #expect(network.network.switchboardHub.conversationCount == 1)
        }
    }

    @Test func idleConversationsEndWithBYE1() async throws {
        try await F.withNetwork(configure: { $0.switchboard.idleTimeout = .seconds(2) }) { network in
            let (aliceSB, bobSB) = try await Self.pair(network, .msnp5)
            // Activity keeps it open.
            for trID in 3..<6 {
                try await Task.sleep(for: .milliseconds(700))
                try await F.send(aliceSB, trID, "A", F.text("still here"))
                #expect(try await aliceSB.readFrame().line == "ACK \(trID)")
                _ = try await bobSB.readFrame()
            }
            #expect(network.network.switchboardHub.conversationCount == 1)
            #expect(try await aliceSB.readUntilClosed(timeout: .seconds(15)).map(\.line) == ["BYE bob@example.com 1"])
            #expect(try await bobSB.readUntilClosed(timeout: .seconds(15)).map(\.line) == ["BYE alice@example.com 1"])
            #expect(network.network.switchboardHub.conversationCount == 0)
        }
    }

    @Test func shutdownSaysBYEToEveryone() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await Self.pair(network)
            network.network.switchboardHub.shutDown()
            #expect(try await aliceSB.readUntilClosed().map(\.line) == ["BYE bob@example.com 1"])
            #expect(try await bobSB.readUntilClosed().map(\.line) == ["BYE alice@example.com 1"])
            let alice = try await F.signIn(network, "carol@example.com", .msnp12)
            #expect(try await alice.requestSwitchboard().line == "600 21")
        }
    }
}
