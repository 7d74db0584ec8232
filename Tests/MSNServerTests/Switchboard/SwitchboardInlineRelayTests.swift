import MSNCore
import MSNServer
import MSNTestSupport
import Testing

/// `MSG` is answered on the event loop as it is read (`InlineFrameHandler`), every other frame
/// by the session's task: whatever way the bytes arrive, answers keep the order of the frames.
@Suite(.timeLimit(.minutes(2))) struct SwitchboardInlineRelayTests {
    typealias F = SwitchboardFixtures

    static func msg(_ trID: Int, _ body: String) -> [UInt8] {
        let payload = F.text(body)
        return Array("MSG \(trID) A \(payload.utf8.count)\r\n\(payload)".utf8)
    }

    @Test("A MSG cut anywhere, even inside its header line, is relayed whole")
    func splitMessages() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await SwitchboardMessageTests.pair(network)
            let bytes = Self.msg(3, "split")
            for (index, cut) in [1, 7, 12, bytes.count - 1].enumerated() {
                let message = index == 0 ? bytes : Self.msg(3 + index, "split")
                try await aliceSB.send(raw: Array(message[..<cut]))
                try await Task.sleep(for: .milliseconds(20))
                try await aliceSB.send(raw: Array(message[cut...]))
                #expect(try await aliceSB.readFrame().line == "ACK \(3 + index)")
                let relayed = try await bobSB.readFrame()
                #expect(relayed.line.hasPrefix("MSG alice@example.com"))
                #expect(relayed.payload.map { String(buffer: $0) } == F.text("split"))
            }
        }
    }

    @Test("CAL then MSG in one write: the CAL is answered first, then the ACK")
    func callThenMessage() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await SwitchboardMessageTests.pair(network)
            try await aliceSB.send(raw: Array("CAL 3 nobody@example.com\r\n".utf8) + Self.msg(4, "after the call"))
            let answers = try await aliceSB.readFrames(2).map(\.line)
            #expect(answers.count == 2 && answers[1] == "ACK 4", "\(answers)")
            #expect(answers.first?.hasSuffix(" 3") == true && answers.first?.hasPrefix("ACK") == false, "\(answers)")
            #expect(try await bobSB.readFrame().payload.map { String(buffer: $0) } == F.text("after the call"))
        }
    }

    @Test("Fifty MSGs then OUT in one write: all relayed in order, then BYE")
    func burstThenOut() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await SwitchboardMessageTests.pair(network)
            var bytes: [UInt8] = []
            for n in 0..<50 { bytes += Self.msg(10 + n, "message \(n)") }
            bytes += Array("OUT\r\n".utf8)
            try await aliceSB.send(raw: bytes)
            let acks = try await aliceSB.readUntilClosed().map(\.line)
            #expect(acks == (0..<50).map { "ACK \(10 + $0)" })
            let relayed = try await bobSB.readFrames(51)
            #expect(relayed.prefix(50).map { $0.payload.map { String(buffer: $0) } } == (0..<50).map { F.text("message \($0)") })
            #expect(relayed.last?.line == "BYE alice@example.com")
        }
    }

    @Test("A malformed MSG after good ones: the good ones are relayed, then the connection closes")
    func malformedAfterGood() async throws {
        try await F.withNetwork { network in
            let (aliceSB, bobSB) = try await SwitchboardMessageTests.pair(network)
            try await aliceSB.send(raw: Self.msg(3, "fine") + Array("MSG 4 X 2\r\nhi".utf8) + Self.msg(5, "never"))
            #expect(try await aliceSB.readUntilClosed().map(\.line) == ["ACK 3"])
            let relayed = try await bobSB.readFrames(2)
            #expect(relayed[0].payload.map { String(buffer: $0) } == F.text("fine"))
            #expect(relayed[1].line == "BYE alice@example.com")
        }
    }
}
