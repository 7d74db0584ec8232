import MSNCore
import Testing
@testable import msn

/// `msn bench idle` and `msn bench mixed` at tiny scale, against the `msn serve` child process
/// they start (the `msn` executable built next to the tests). Behaviour only — no speed or
/// memory figure is asserted, only that memory was read.
@Suite("msn bench idle and mixed", .timeLimit(.minutes(3)))
struct BenchLoadTests {
    static func settings(people: Int, seconds: Int) -> BenchSettings {
        var settings = BenchSettings()
        settings.clients = people
        settings.limits = LoadLimits(count: nil, duration: .seconds(seconds))
        settings.dialect = .msnp11
        settings.showsProgress = false
        return settings
    }

    @Test("idle: every session is held through its keepalives, the server's memory is read")
    func idle() async throws {
        let report = try await BenchCommand.runScenario(IdleScenario(), settings: Self.settings(people: 20, seconds: 2),
                                                        remote: nil)
        #expect(report.scenario == "idle")
        for phase in report.phases { #expect(phase.failed == 0, "\(phase.name): \(phase.errors)") }
        #expect(report.totalFailures == 0)
        #expect(report.phases.first?.succeeded == 20)
        #expect(report.metrics["sessionsHeld"] == 20)
        #expect(report.metrics["sessionsDropped"] == 0)
        #expect((report.metrics["pingsSent"] ?? 0) >= 20)
        #expect((report.metrics["serverRSSWithSessionsBytes"] ?? 0) > 1_000_000)
        #expect((report.metrics["serverRSSBeforeSessionsBytes"] ?? 0) > 1_000_000)
        #expect(BenchReportPrinter.table(report).contains("server RSS per session"))
        let hold = try #require(report.phases.last)
        #expect(hold.latencyMilliseconds == nil, "the hold counts answers; it times nothing")
        #expect(BenchReportPrinter.table(report).contains("—"))
    }

    @Test("mixed: every kind of operation happens, none fails, nobody is disconnected")
    func mixed() async throws {
        var settings = Self.settings(people: 20, seconds: 3)
        settings.mixed = MixedRates(signIn: 4, status: 10, conversation: 5, message: 20, conversationLength: .seconds(1))
        let report = try await BenchCommand.runScenario(MixedScenario(), settings: settings, remote: nil)
        #expect(report.scenario == "mixed")
        for phase in report.phases { #expect(phase.failed == 0, "\(phase.name): \(phase.errors)") }
        #expect(report.totalFailures == 0)
        let succeeded = Dictionary(report.phases.map { ($0.name, $0.succeeded) }, uniquingKeysWith: { a, _ in a })
        for kind in ["sign-in (warm-up)", "sign-in", "status (CHG)", "open conversation (XFR…JOI)", "answer (RNG→ANS)",
                     "message (MSG A→ACK+reply)", "close conversation (OUT)", "sign-out"] {
            #expect((succeeded[kind] ?? 0) > 0, "\(kind) never happened")
        }
        #expect((report.metrics["presenceNotices"] ?? 0) > 0)
        #expect((report.metrics["serverRSSStartBytes"] ?? 0) > 1_000_000)
        #expect((report.metrics["serverRSSEndBytes"] ?? 0) > 1_000_000)
        // A 3-second run settles at its last sample.
        #expect((report.metrics["serverRSSSettledBytes"] ?? 0) > 1_000_000)
    }

    @Test("The contact graph is mutual, without self-contacts or duplicates")
    func contactGraph() {
        let graph = MixedScenario.contactGraph(people: 200, contacts: 20...50)
        for (person, contacts) in graph.adjacency.enumerated() {
            #expect(!contacts.contains(person))
            #expect(Set(contacts).count == contacts.count)
            for contact in contacts { #expect(graph.adjacency[contact].contains(person)) }
        }
        let average = graph.adjacency.reduce(0) { $0 + $1.count } / 200
        #expect(average >= 15 && average <= 60)
    }
}
