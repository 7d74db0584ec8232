import MSNCore
import Testing
@testable import msn

/// `msn bench login` against an embedded network: the counts add up and nothing fails.
/// Behaviour only — no speed is asserted.
@Suite("msn bench login", .timeLimit(.minutes(2)))
struct BenchLoginTests {
    static func settings(dialect: Dialect) -> BenchSettings {
        var settings = BenchSettings()
        settings.clients = 3
        settings.limits = LoadLimits(count: 20, duration: .seconds(120))
        settings.dialect = dialect
        settings.passwordIterations = 1_000
        settings.hashSamples = 5
        settings.showsProgress = false
        return settings
    }

    @Test("Embedded login run: every phase completes its count without errors",
          arguments: [Dialect.msnp11, .msnp15, .msnp18])
    func embeddedLogin(dialect: Dialect) async throws {
        let report = try await BenchCommand.runScenario(LoginScenario(), settings: Self.settings(dialect: dialect),
                                                        remote: nil)
        #expect(report.scenario == "login")
        #expect(report.dialect == dialect.token)
        #expect(report.phases.map(\.name) == ["full sign-in", "NS sign-in, ticket in hand", "password hash (1000 it.)"])
        for phase in report.phases {
            #expect(phase.failed == 0, "\(phase.name): \(phase.errors)")
        }
        #expect(report.phases[0].succeeded == 20)
        #expect(report.phases[1].succeeded == 20)
        #expect(report.phases[2].succeeded == 5)
        #expect(report.phases[0].clients == 3)
        #expect((report.phases[1].latencyMilliseconds?.p50 ?? 0) > 0)
        #expect(report.totalFailures == 0)
        #expect(try BenchReportPrinter.json(report).contains("\"perSecond\""))
        #expect(BenchReportPrinter.table(report).contains("NS sign-in, ticket in hand"))
    }

    @Test("The latency recorder's percentiles are nearest-rank")
    func percentiles() {
        var recorder = LatencyRecorder()
        for milliseconds in 1...100 { recorder.record(.milliseconds(milliseconds)) }
        let summary = recorder.summary()
        #expect(summary.count == 100)
        #expect(summary.p50 == .milliseconds(50))
        #expect(summary.p90 == .milliseconds(90))
        #expect(summary.p99 == .milliseconds(99))
        #expect(summary.maximum == .milliseconds(100))
        #expect(LatencyRecorder().summary().count == 0)
    }

    @Test("A count bound is exact across workers")
    func countBound() async {
        let result = await LoadRunner(label: "test", concurrency: 4, limits: LoadLimits(count: 37, duration: .seconds(30)),
                                      showsProgress: false).run { _, _ in }
        #expect(result.succeeded == 37)
        #expect(result.failed == 0)
    }
}
