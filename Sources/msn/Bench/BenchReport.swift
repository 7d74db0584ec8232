import Foundation

/// What one `msn bench` run measured: a few named phases, each with a rate and latencies.
///
/// Scenarios fill it; ``BenchReportPrinter`` writes it as a table or as JSON.
struct BenchReport: Sendable, Codable {
    /// One measured phase (`full sign-in`, `NS sign-in with ticket`, `password hash`).
    struct Phase: Sendable, Codable {
        var name: String
        /// Concurrent workers.
        var clients: Int
        var succeeded: Int
        var failed: Int
        var elapsedSeconds: Double
        /// Successful operations per second.
        var perSecond: Double
        /// `nil` when the phase measures no latency (the idle hold counts answers only).
        var latencyMilliseconds: Latency?
        /// The first few errors.
        var errors: [String]

        init(name: String, clients: Int, result: LoadResult) {
            self.name = name
            self.clients = clients
            succeeded = result.succeeded
            failed = result.failed
            elapsedSeconds = result.elapsed.seconds
            perSecond = result.rate
            latencyMilliseconds = result.latency.count > 0 ? Latency(result.latency) : nil
            errors = result.sampleErrors
        }
    }

    /// Latency percentiles in milliseconds.
    struct Latency: Sendable, Codable {
        var mean, p50, p90, p99, max: Double

        init(_ summary: LatencySummary) {
            mean = summary.mean.milliseconds
            p50 = summary.p50.milliseconds
            p90 = summary.p90.milliseconds
            p99 = summary.p99.milliseconds
            max = summary.maximum.milliseconds
        }
    }

    var scenario: String
    var dialect: String
    /// `embedded` or the server's address.
    var target: String
    var phases: [Phase] = []
    /// Derived figures and remarks (`hash share of a full sign-in: 41 %`).
    var notes: [String] = []
    /// Named figures beyond the phases (`serverRSSPerSessionBytes`, `sessionsHeld`).
    var metrics: [String: Double] = [:]

    /// Operations that failed, over every phase.
    var totalFailures: Int { phases.reduce(0) { $0 + $1.failed } }
}

/// Writes a ``BenchReport`` to standard output.
enum BenchReportPrinter {
    /// A fixed-width table, then the notes and any errors.
    static func table(_ report: BenchReport) -> String {
        var lines = ["msn bench \(report.scenario) — \(report.dialect), \(report.target)", ""]
        let header = ["phase", "clients", "ok", "failed", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms"]
        var rows = [header]
        for phase in report.phases {
            let latency = phase.latencyMilliseconds.map { l in [l.p50, l.p90, l.p99, l.max].map { format($0, 2) } }
            rows.append([phase.name, "\(phase.clients)", "\(phase.succeeded)", "\(phase.failed)",
                         format(phase.perSecond, 1)] + (latency ?? Array(repeating: "—", count: 4)))
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        if !report.notes.isEmpty { lines.append("") }
        lines += report.notes
        for phase in report.phases where !phase.errors.isEmpty {
            lines.append("")
            lines.append("\(phase.name): first errors")
            lines += phase.errors.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON.
    static func json(_ report: BenchReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
