import Foundation
import MSNClient
import MSNCore
import Synchronization

/// `msn bench idle`: how much server memory a signed-in, idle session costs.
///
/// 1. **tickets** — one Passport ticket per account, fetched over HTTP beforehand.
/// 2. **sign-in (ramp-up)** — `--clients` notification-server sessions signed in with their
///    tickets, 64 at a time, and kept open.
/// 3. **hold** — the sessions stay open for `--duration` seconds; each sends `PNG` every
///    ``pingInterval`` (and answers `CHL` if the server sends one). A session the server
///    closes is a drop, an error.
///
/// Without `--server` the server runs as a child process (``ServerProcess``) so that its
/// resident memory (`VmRSS`) is its own: before the tickets, before the sessions, with them.
struct IdleScenario: BenchScenario, SelfHostedBenchScenario {
    var name: String { "idle" }
    /// Sign-ins in flight at once during the ramp-up.
    var rampConcurrency = 64
    /// Longest gap between two `PNG`s of one session (real clients: 30–50 s).
    var pingInterval: Duration = .seconds(30)

    func runOwnServer(settings: BenchSettings) async throws -> BenchReport {
        ProcessResources.raiseOpenFileLimit()
        return try await ServerProcess.withRunning(accounts: settings.clients) { target, pid in
            var settings = settings
            settings.serverPID = pid
            return try await run(on: target, settings: settings)
        }
    }

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        let dialect = settings.dialect
        guard dialect.authenticationScheme != .md5 else {
            throw BenchError("the idle scenario needs a Passport dialect (MSNP8–MSNP18), not \(dialect)")
        }
        let fileLimit = ProcessResources.raiseOpenFileLimit()
        let sessions = settings.clients
        var report = BenchReport(scenario: name, dialect: dialect.token, target: target.label)
        report.notes.append("cores: \(ProcessInfo.processInfo.activeProcessorCount); open-file limit of the load generator: \(fileLimit)")
        if fileLimit < sessions + 64 {
            report.notes.append("WARNING: the open-file limit \(fileLimit) is too low for \(sessions) sessions "
                + "(raise it with `ulimit -n`; the hard limit could not be raised further)")
        }
        let memory = settings.serverPID.map { ServerMemory(pid: $0) }
        let baseline = memory?.sample()

        let notificationServer: ServerAddress
        if let known = target.notificationServer {
            notificationServer = known
        } else {
            notificationServer = try await LoginScenario.fullSignIn(target: target, dialect: dialect, worker: 0)
        }
        let tickets = try await BenchTickets.fetch(target: target, dialect: dialect,
                                                   accounts: Array(target.accounts.prefix(sessions)),
                                                   showsProgress: settings.showsProgress)
        guard tickets.count >= sessions else {
            throw BenchError("idle needs \(sessions) distinct accounts, got \(tickets.count)")
        }
        let beforeSessions = memory?.sample()

        let held = BenchSessionTable(count: sessions)
        let signIn = BenchSignIn(server: notificationServer, dialect: dialect)
        let nextSlot = SharedCounter()
        let ramp = await LoadRunner(label: "sign-in (ramp-up)", concurrency: min(rampConcurrency, sessions),
                                    limits: LoadLimits(count: sessions, duration: .seconds(900)),
                                    showsProgress: settings.showsProgress)
            .run { _, _ in
                let slot = nextSlot.next()
                let connection = try await signIn.signIn(
                    email: tickets[slot].email, ticket: tickets[slot].ticket,
                    onPush: { frame in if frame.verb == "QNG" { held.pongs.add(1, ordering: .relaxed) } },
                    onClose: { unexpected in if unexpected { held.dropped(slot) } })
                held.store(connection, at: slot)
            }
        report.phases.append(.init(name: "sign-in (ramp-up)", clients: min(rampConcurrency, sessions), result: ramp))
        let afterRamp = memory?.sample()

        let hold = await hold(held, for: settings.limits.duration ?? .seconds(60), memory: memory,
                              showsProgress: settings.showsProgress)
        report.phases.append(.init(name: "hold (PNG → QNG)", clients: sessions, result: hold.result))
        let withSessions = hold.memory

        await held.signOutAll()

        report.metrics["sessionsHeld"] = Double(hold.held)
        report.metrics["sessionsDropped"] = Double(held.drops.load(ordering: .relaxed))
        report.metrics["signInsPerSecond"] = ramp.rate
        report.metrics["pingsSent"] = Double(held.pings.load(ordering: .relaxed))
        report.metrics["challengesAnswered"] = Double(await held.challengesAnswered)
        if let baseline, let beforeSessions, let withSessions {
            let perSession = Double(withSessions - beforeSessions) / Double(max(1, hold.held))
            report.metrics["serverRSSBaselineBytes"] = Double(baseline)
            report.metrics["serverRSSBeforeSessionsBytes"] = Double(beforeSessions)
            report.metrics["serverRSSAfterRampBytes"] = Double(afterRamp ?? 0)
            report.metrics["serverRSSWithSessionsBytes"] = Double(withSessions)
            report.metrics["serverRSSPerSessionBytes"] = perSession
            report.notes.append("server RSS: \(ProcessResources.megabytes(baseline)) at start, "
                + "\(ProcessResources.megabytes(beforeSessions)) with \(tickets.count) tickets issued, "
                + "\(ProcessResources.megabytes(withSessions)) with \(hold.held) sessions held")
            report.notes.append("server RSS per session: \(BenchReportPrinter.format(perSession / 1024, 1)) KB "
                + "((with sessions − before sessions) ÷ sessions); total per session "
                + "\(BenchReportPrinter.format(Double(withSessions) / Double(max(1, hold.held)) / 1024, 1)) KB")
        } else {
            report.notes.append("server RSS: not measured (give --server-pid with --server)")
        }
        report.notes.append("sessions held: \(hold.held) of \(sessions); dropped: \(held.drops.load(ordering: .relaxed)); "
            + "sign-ins \(BenchReportPrinter.format(ramp.rate, 1))/s during ramp-up")
        return report
    }

    private func hold(_ held: BenchSessionTable, for duration: Duration, memory: ServerMemory?,
                      showsProgress: Bool) async -> (result: LoadResult, held: Int, memory: Int?) {
        let clock = ContinuousClock()
        let start = clock.now
        let interval = min(pingInterval, max(.milliseconds(500), duration / 2))
        let tick = Duration.milliseconds(250)
        let ticksPerRound = max(1, Int((interval / tick).rounded(.up)))
        let count = held.count
        var tickIndex = 0
        var lastProgress = start
        while clock.now - start < duration {
            // Ping the slice of sessions due in this tick: every session once per interval.
            let slice = tickIndex % ticksPerRound
            let from = count * slice / ticksPerRound, to = count * (slice + 1) / ticksPerRound
            held.ping(from..<to)
            tickIndex += 1
            try? await Task.sleep(for: tick)
            if clock.now - lastProgress >= .seconds(2) {
                lastProgress = clock.now
                let rss = memory?.sample()
                if showsProgress {
                    let line = "\rhold: \(held.openCount) open, \(held.drops.load(ordering: .relaxed)) dropped, "
                        + "\(held.pongs.load(ordering: .relaxed)) QNG"
                        + (rss.map { ", server RSS \(ProcessResources.megabytes($0))" } ?? "")
                        + ", \(Int((clock.now - start).seconds)) s   "
                    FileHandle.standardError.write(Data(line.utf8))
                }
            }
        }
        // Let the last QNGs arrive.
        let settle = clock.now + .seconds(5)
        while held.pongs.load(ordering: .relaxed) < held.pings.load(ordering: .relaxed), clock.now < settle {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let rss = memory?.sample()
        let open = held.openCount
        let pings = held.pings.load(ordering: .relaxed), pongs = held.pongs.load(ordering: .relaxed)
        let drops = held.drops.load(ordering: .relaxed)
        var errors: [String] = []
        if drops > 0 { errors.append("\(drops) sessions closed by the server while held") }
        if pongs < pings { errors.append("\(pings - pongs) PNG without QNG") }
        let result = LoadResult(succeeded: pongs, failed: drops + max(0, pings - pongs), sampleErrors: errors,
                                elapsed: clock.now - start, latency: LatencySummary())
        return (result, open, rss)
    }
}

/// Reads a server's resident memory.
struct ServerMemory: Sendable {
    var pid: Int32
    func sample() -> Int? { ProcessResources.residentBytes(of: pid) }
}

/// The sessions `idle` holds, by slot.
final class BenchSessionTable: Sendable {
    private let slots: Mutex<[BenchConnection?]>
    let count: Int
    let drops = Atomic<Int>(0)
    let pings = Atomic<Int>(0)
    let pongs = Atomic<Int>(0)

    init(count: Int) {
        self.count = count
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ connection: BenchConnection, at slot: Int) {
        slots.withLock { $0[slot] = connection }
    }

    func dropped(_ slot: Int) {
        drops.add(1, ordering: .relaxed)
    }

    var openCount: Int { slots.withLock { $0.reduce(0) { $0 + (($1?.isActive ?? false) ? 1 : 0) } } }

    /// Sends `PNG` on the open sessions in `range`.
    func ping(_ range: Range<Int>) {
        let connections = slots.withLock { Array($0[range.clamped(to: 0..<$0.count)]) }
        for case let connection? in connections where connection.isActive {
            pings.add(1, ordering: .relaxed)
            connection.send(Frame(verb: "PNG"))
        }
    }

    var challengesAnswered: Int {
        get async {
            var total = 0
            for case let connection? in slots.withLock({ $0 }) { total += await connection.challengesAnswered() }
            return total
        }
    }

    /// Signs every session out (`OUT`), 256 at a time.
    func signOutAll() async {
        await BenchConnection.signOutAll(slots.withLock { $0.compactMap { $0 } }, concurrency: 256)
    }
}
