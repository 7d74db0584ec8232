import MSNCore
import Testing
@testable import msn

/// `msn bench presence` and `msn bench sync` at a tiny scale against an embedded network:
/// every round and sync completes, nothing fails. Behaviour only — no speed is asserted.
@Suite("msn bench presence and sync", .timeLimit(.minutes(2)))
struct BenchContactsTests {
    static func settings(clients: Int, rounds: Int, dialect: Dialect) -> BenchSettings {
        var settings = BenchSettings()
        settings.clients = clients
        settings.limits = LoadLimits(count: rounds, duration: .seconds(120))
        settings.dialect = dialect
        settings.passwordIterations = 1_000
        settings.showsProgress = false
        return settings
    }

    @Test("Presence fan-out: every watcher gets every round's NLN, slow readers delay no one",
          arguments: [Dialect.msnp11, .msnp18])
    func presence(dialect: Dialect) async throws {
        let report = try await BenchCommand.runScenario(
            PresenceScenario(), settings: Self.settings(clients: 25, rounds: 15, dialect: dialect), remote: nil)
        #expect(report.scenario == "presence")
        #expect(report.phases.count == 2)
        for phase in report.phases {
            #expect(phase.failed == 0, "\(phase.name): \(phase.errors)")
            #expect(phase.succeeded == 15)
            #expect((phase.latencyMilliseconds?.p50 ?? 0) > 0)
            #expect((phase.latencyMilliseconds?.max ?? -1) >= (phase.latencyMilliseconds?.p99 ?? 0))
        }
        #expect(report.phases[0].clients == 25)
        #expect(report.phases[1].clients == 24)
        #expect(report.totalFailures == 0)
        #expect(BenchReportPrinter.table(report).contains("fan-out to 25"))
    }

    @Test("Sync: SYN and ABFindAll return the whole list every time")
    func sync() async throws {
        let report = try await BenchCommand.runScenario(
            SyncScenario(), settings: Self.settings(clients: 30, rounds: 5, dialect: .msnp11), remote: nil)
        #expect(report.scenario == "sync")
        #expect(report.dialect == "MSNP11 + MSNP15")
        #expect(report.phases.map(\.name) == ["SYN, 30 contacts (MSNP11)", "ABFindAll, 30 contacts (MSNP15)"])
        for phase in report.phases {
            #expect(phase.failed == 0, "\(phase.name): \(phase.errors)")
            #expect(phase.succeeded == 5)
            #expect((phase.latencyMilliseconds?.p50 ?? 0) > 0)
        }
    }

    @Test("The fan-out round counts each watcher once and times out missing ones")
    func fanOutRound() async {
        let round = FanOutRound(watchers: 3)
        let complete = await round.run(status: "AWY", expecting: [true, true, false], timeout: .seconds(10)) {
            round.arrived(watcher: 0, status: "AWY")
            round.arrived(watcher: 0, status: "AWY")
            round.arrived(watcher: 2, status: "AWY")
            round.arrived(watcher: 1, status: "BSY")
            round.arrived(watcher: 1, status: "AWY")
        }
        #expect(complete.elapsed != nil && complete.missing == 0)
        #expect(round.strays == 3)
        let missing = await round.run(status: "BSY", expecting: [true, true, true], timeout: .milliseconds(50)) {
            round.arrived(watcher: 1, status: "BSY")
        }
        #expect(missing.elapsed == nil && missing.missing == 2)
    }
}
