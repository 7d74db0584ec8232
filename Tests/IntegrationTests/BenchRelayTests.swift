import MSNCore
import NIOCore
import Testing
@testable import msn

/// `msn bench relay` against an embedded network at tiny scale: messages flow through real
/// switchboard conversations and through the byte relay, with nothing lost. No speed is asserted.
@Suite("msn bench relay")
struct BenchRelayTests {
    static func settings(dialect: Dialect) -> BenchSettings {
        var settings = BenchSettings()
        settings.clients = 3
        settings.limits = LoadLimits(count: nil, duration: .seconds(1))
        settings.dialect = dialect
        settings.passwordIterations = 1_000
        settings.showsProgress = false
        return settings
    }

    @Test("Embedded relay run: 3 conversations deliver, the ceiling runs, zero errors",
          .timeLimit(.minutes(2)), arguments: [Dialect.msnp11, .msnp18])
    func embeddedRelay(dialect: Dialect) async throws {
        let report = try await BenchCommand.runScenario(RelayScenario(), settings: Self.settings(dialect: dialect),
                                                        remote: nil)
        #expect(report.scenario == "relay")
        #expect(report.phases.map(\.name) == ["switchboard peak (window \(RelayScenario.window))",
                                              "switchboard at half peak",
                                              "byte relay ceiling (window \(RelayScenario.window))",
                                              "byte relay at half peak"])
        for phase in report.phases {
            #expect(phase.failed == 0, "\(phase.name): \(phase.errors)")
            #expect(phase.succeeded > 0, "\(phase.name) delivered nothing")
            #expect(phase.perSecond > 0)
            #expect(phase.clients == 3)
        }
        #expect((report.phases[1].latencyMilliseconds?.p50 ?? 0) > 0)
        #expect((report.phases[3].latencyMilliseconds?.p50 ?? 0) > 0)
        #expect(report.notes.contains { $0.hasPrefix("the byte relay at the same pace") })
        #expect(report.totalFailures == 0)
        #expect(report.notes.contains { $0.contains("% of the byte relay") })
        #expect(BenchReportPrinter.table(report).contains("byte relay ceiling"))
    }

    @Test("--paced-rate sets the latency phase's rate instead of half the peak", .timeLimit(.minutes(2)))
    func pacedRate() async throws {
        var settings = Self.settings(dialect: .msnp11)
        settings.relayPacedRate = 300
        let report = try await BenchCommand.runScenario(RelayScenario(), settings: settings, remote: nil)
        let paced = report.phases[1]
        #expect(paced.name == "switchboard paced at 300 msg/s")
        #expect(paced.failed == 0 && paced.succeeded > 0, "\(paced.errors)")
        // One second at 300 msg/s over 3 conversations: about 300, never the peak's thousands.
        #expect(paced.succeeded <= 400, "sent \(paced.succeeded)")
        #expect(report.notes.contains { $0.hasPrefix("switchboard paced at 300 msg/s (aimed 300 msg/s") })
        // The byte relay is paced the same way.
        let ceiling = report.phases[3]
        #expect(ceiling.name == "byte relay paced at 300 msg/s")
        #expect(ceiling.failed == 0 && ceiling.succeeded > 0 && ceiling.succeeded <= 400, "\(ceiling.succeeded)")
    }

    @Test("--pace-period sets how often a paced sender writes", .timeLimit(.minutes(2)))
    func pacePeriod() async throws {
        var settings = Self.settings(dialect: .msnp11)
        settings.relayPacedRate = 300
        settings.relayPacePeriod = .milliseconds(4)
        let report = try await BenchCommand.runScenario(RelayScenario(), settings: settings, remote: nil)
        #expect(report.totalFailures == 0)
        #expect(report.notes.contains { $0.contains("each sender writes every 4 ms") })
        let command = try BenchCommand.parse(["relay", "--pace-period", "2.5"])
        #expect(command.pacePeriod == 2.5)
        #expect(throws: (any Error).self) { try BenchCommand.parse(["relay", "--pace-period", "0"]) }
    }

    @Test("A relay message has a fixed length and carries its send time at the end")
    func messageLayout() {
        var message = RelayMessage()
        let length = message.count
        message.stamp(sequence: 41, time: 1_234_567_890_123)
        #expect(message.count == length)
        #expect(length >= 150 && length <= 220)
        let text = String(decoding: message.bytes, as: UTF8.self)
        #expect(text.hasPrefix("MSG 1000041 A "))
        #expect(RelayMessage.readStamp(Array(message.bytes.suffix(RelayMessage.stampDigits))) == 1_234_567_890_123)
        let header = ByteBuffer(bytes: message.bytes)
        #expect(RelayConnectionHandler.messageSize(of: header) == length)
    }
}
