import NIOCore
import Testing
@testable import msn

/// The load generator's cheap paths: the open-loop send schedule of `bench relay` and the
/// `NLN` scan of `bench presence`.
@Suite("msn bench pacing and NLN scanning")
struct BenchPacingTests {
    @Test("A pace schedule sends rate × time messages, on its grid, each once")
    func scheduleCounts() {
        let schedule = PaceSchedule(origin: 5_000_000, rate: 1_950, period: 1_000_000)
        #expect(schedule.due(at: 4_999_999) == 0)
        #expect(schedule.due(at: 5_000_000) == 1)
        #expect(schedule.due(at: 5_999_999) == 1)
        #expect(schedule.due(at: 7_400_000) == 4)
        #expect(schedule.scheduled(4) == 8_000_000)
        // Ten seconds later: 19,500 messages, ± the one at the origin.
        let due = schedule.due(at: 5_000_000 + 10_000_000_000)
        #expect(abs(due - 19_501) <= 1)
        // Due at t ⇔ scheduled at or before t; every stamp is a grid point ≥ its ideal time.
        for time in stride(from: UInt64(5_000_000), to: 60_000_000, by: 137_000) {
            let count = schedule.due(at: time)
            if count > 0 { #expect(schedule.scheduled(count - 1) <= time) }
            #expect(schedule.scheduled(count) > time)
        }
        for index in 0..<500 {
            let stamp = schedule.scheduled(index)
            #expect((stamp - 5_000_000) % 1_000_000 == 0)
            #expect(stamp >= schedule.ideal(index) && stamp - schedule.ideal(index) < 1_000_000)
            #expect(schedule.scheduled(index + 1) >= stamp)
        }
    }

    @Test("Phases spread senders of one rate over time: 100 senders at 10/s send one message a millisecond")
    func schedulePhases() {
        // What RelayPacer gives sender k of 100 at 10 messages/s: a phase of k ms.
        let schedules = (0..<100).map { k in
            PaceSchedule(origin: 0, rate: 10, period: 1_000_000, phase: UInt64(k) * 1_000_000)
        }
        #expect(schedules[37].ideal(0) == 37_000_000 && schedules[37].ideal(1) == 137_000_000)
        #expect(schedules[37].due(at: 36_999_999) == 0, "nothing before its phase")
        #expect(schedules[37].due(at: 37_000_000) == 1)
        // In every millisecond of the first second exactly one sender has a message due.
        for millisecond in 0..<1_000 {
            let time = UInt64(millisecond) * 1_000_000
            let previous = time == 0 ? 0 : schedules.reduce(0) { $0 + $1.due(at: time - 1_000_000) }
            let now = schedules.reduce(0) { $0 + $1.due(at: time) }
            #expect(now - previous == 1, "at \(millisecond) ms")
        }
    }

    @Test("A pace schedule is open-loop: a late look sees the whole backlog, stamped on time")
    func scheduleBacklog() {
        let schedule = PaceSchedule(origin: 0, rate: 10_000, period: 1_000_000)
        // 10 per millisecond. Looked at only at 20.5 ms: 201 due, the last stamped 20 ms.
        #expect(schedule.due(at: 20_500_000) == 201)
        #expect(schedule.scheduled(200) == 20_000_000)
        #expect(schedule.scheduled(95) == 10_000_000)
        // Faster than the grid: batches of 10 per grid point, never more than the rate allows.
        var previous = schedule.due(at: 0)
        #expect(previous == 1)
        for step in 1...50 {
            let count = schedule.due(at: UInt64(step) * 1_000_000)
            #expect(count - previous == 10)
            previous = count
        }
    }

    @Test("An NLN line is scanned without decoding; other lines are left for the decoder")
    func statusLines() {
        var buffer = ByteBuffer(string: "NLN AWY alice@example.com Alice 0\r\nNLN BSY bo")
        #expect(OnlineNotificationClient.Handler.skipStatusLine(&buffer) == StatusToken("AWY"))
        // The rest of the next line has not arrived: untouched.
        #expect(OnlineNotificationClient.Handler.skipStatusLine(&buffer) == nil)
        #expect(String(buffer: buffer) == "NLN BSY bo")
        buffer.writeString("b@example.com Bob 0\r\n")
        #expect(OnlineNotificationClient.Handler.skipStatusLine(&buffer) == StatusToken("BSY"))
        #expect(buffer.readableBytes == 0)
        for other in ["ILN 5 NLN bob@example.com Bob 0\r\n", "FLN bob@example.com\r\n", "NLNX AWY x\r\n",
                      "NLN TOOLONG bob@example.com\r\n", "NLN \r\n"] {
            var line = ByteBuffer(string: other)
            #expect(OnlineNotificationClient.Handler.skipStatusLine(&line) == nil, "\(other)")
            #expect(line.readableBytes == other.utf8.count)
        }
        #expect(StatusToken("AWY") != StatusToken("BSY"))
        #expect(StatusToken("") == nil && StatusToken("ABCDE") == nil)
    }
}

/// `RelayPacer` over real loopback connections (through the byte relay): the offered load
/// follows the schedule.
@Suite("msn bench relay pacer")
struct RelayPacerTests {
    @Test("Paced senders send rate × time messages, all received, stamped on their schedule",
          .timeLimit(.minutes(1)))
    func pacedSendersFollowTheSchedule() async throws {
        let relay = try await ByteRelay.start()
        var pairs: [RelayPair] = []
        for index in 0..<4 {
            pairs.append(try await RelayPair.throughByteRelay(port: relay.port, index: index))
        }
        let from = RelayMessage.now()
        for pair in pairs { try await pair.receiver.setLatencyPhase(from: from) }
        let rate = 400.0
        let result = try await RelayLoad(label: "paced", duration: .seconds(1), showsProgress: false)
            .run(pairs) { RelayPacer.start($0, rate: rate) }
        let lateness = try await RelayScenario.paceLateness(pairs)
        let (_, paced) = try await RelayScenario.latencies(pairs)
        for pair in pairs {
            await pair.sender.close()
            await pair.receiver.close()
        }
        try? await relay.stop()

        #expect(result.errors == 0, "\(result.errorDescriptions)")
        // 4 senders × 400/s × ~1 s; a loaded machine may leave the last tens of ms unwritten at the stop.
        let expected = 4 * rate * result.elapsed.seconds
        #expect(Double(result.sent) > expected * 0.6 && Double(result.sent) < expected * 1.1,
                "sent \(result.sent), expected about \(expected)")
        #expect(result.received == result.sent)
        #expect(lateness.count == result.sent)
        #expect(paced.count == result.sent)
    }
}
