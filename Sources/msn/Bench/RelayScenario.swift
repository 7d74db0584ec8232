import Foundation
import MSNClient
import MSNCore
import NIOCore

/// `msn bench relay`: switchboard messages per second over N conversations, delivery latency
/// at half that rate, and the same traffic through a byte relay as the ceiling.
///
/// 1. 2×N accounts sign in on lightweight notification connections (tickets fetched first)
///    and open N conversations (`XFR SB`, `USR`, `CAL`, `RNG`, `ANS`, `JOI`).
/// 2. **peak** — in each conversation one side keeps ``window`` `MSG n A` outstanding,
///    topping up as `ACK`s arrive; the other side counts what it receives.
/// 3. **half peak** — each sender sends at half the peak rate (or `--paced-rate`) ÷ N, evenly and open-loop
///    (``RelayPacer``: one timer per event loop, batches every millisecond); each message
///    carries its scheduled send time, and the receiver records send → receipt.
/// 4. **ceiling** — N pairs of connections through ``ByteRelay`` carry the same message bytes
///    with the same window; the receiver echoes one byte per message instead of an `ACK`.
/// 5. **ceiling at the same pace** — the byte relay paced exactly as phase 3: the delivery
///    latency of a relay that does nothing but copy bytes, with the same load generator on the
///    same cores (the floor under the switchboard's latency).
///
/// Any `NAK`, lost message or disconnect is an error (and a non-zero exit status).
struct RelayScenario: BenchScenario {
    var name: String { "relay" }

    /// Messages each sender keeps outstanding in the peak phases.
    static let window = 32
    /// Conversations opened at once.
    static let setupConcurrency = 16

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        let dialect = settings.dialect
        guard dialect.authenticationScheme != .md5 else {
            throw BenchError("the relay scenario needs a Passport dialect (MSNP8–MSNP18), not \(dialect)")
        }
        let count = settings.clients
        guard target.accounts.count >= 2 * count else {
            throw BenchError("relay needs 2 accounts per conversation: \(2 * count), got \(target.accounts.count)")
        }
        let duration = settings.limits.duration ?? .seconds(10)
        var report = BenchReport(scenario: name, dialect: dialect.token, target: target.label)
        let embedded = target.label == "embedded"

        let notificationServer: ServerAddress
        if let known = target.notificationServer {
            notificationServer = known
        } else {
            notificationServer = try await LoginScenario.fullSignIn(target: target, dialect: dialect, worker: 0)
        }
        Self.progress(settings, "fetching \(2 * count) tickets…")
        let tickets = try await LoginScenario.fetchTickets(target: target, dialect: dialect, count: 2 * count)
            .map { BenchTicket(email: $0.email, ticket: $0.ticket) }
        Self.progress(settings, "opening \(count) conversations…")
        let conversations = try await Self.open(count, tickets: tickets, notificationServer: notificationServer,
                                                dialect: dialect)
        let rssBefore = embedded ? Self.residentMemory() : nil

        let peak: RelayPhaseResult, paced: RelayPhaseResult
        let peakLatency: LatencySummary, pacedLatency: LatencySummary
        let ceiling: CeilingResult
        var rssAfter: Int?
        let pacedRate: Double
        let pacedName = Self.pacedName("switchboard", settings: settings)
        var lateness = LatencySummary()
        do {
            let pairs = conversations.map { RelayPair(sender: $0.sender, receiver: $0.receiver) }
            for pair in pairs {
                try await pair.receiver.becomeReceiver(echo: false)
                try await pair.sender.becomeSender(echoAcknowledges: false)
            }
            let window = Self.window
            peak = try await RelayLoad(label: "switchboard peak", duration: duration, showsProgress: settings.showsProgress)
                .run(pairs) { senders in
                    for sender in senders { sender.startWindow(window) }
                }
            pacedRate = settings.relayPacedRate ?? peak.rate / 2
            let perSender = pacedRate / Double(count)
            let from = RelayMessage.now()
            for pair in pairs { try await pair.receiver.setLatencyPhase(from: from) }
            paced = try await RelayLoad(label: pacedName, duration: duration,
                                        showsProgress: settings.showsProgress)
                .run(pairs) { RelayPacer.start($0, rate: perSender, period: settings.relayPacePeriod) }
            let recorded = try await Self.latencies(pairs)
            lateness = try await Self.paceLateness(pairs)
            peakLatency = recorded.0
            pacedLatency = recorded.1
            rssAfter = embedded ? Self.residentMemory() : nil
            await Self.close(conversations)

            ceiling = try await Self.measureCeiling(count: count, duration: duration, pacedRate: pacedRate,
                                                    settings: settings)
        } catch {
            await Self.close(conversations)
            throw error
        }

        report.phases.append(.init(name: "switchboard peak (window \(Self.window))", clients: count,
                                   result: peak.loadResult(latency: peakLatency)))
        report.phases.append(.init(name: pacedName, clients: count,
                                   result: paced.loadResult(latency: pacedLatency)))
        report.phases.append(.init(name: "byte relay ceiling (window \(Self.window))", clients: count,
                                   result: ceiling.peak.loadResult(latency: ceiling.peakLatency)))
        report.phases.append(.init(name: Self.pacedName("byte relay", settings: settings), clients: count,
                                   result: ceiling.paced.loadResult(latency: ceiling.pacedLatency)))
        report.notes = Self.notes(peak: peak, paced: paced, pacedName: pacedName, pacedRate: pacedRate, pacedLatency: pacedLatency,
                                  lateness: lateness, period: settings.relayPacePeriod, ceiling: ceiling,
                                  rss: (rssBefore, rssAfter), embedded: embedded)
        return report
    }

    /// Opens `count` conversations, ``setupConcurrency`` at a time; tickets are used in pairs.
    static func open(_ count: Int, tickets: [BenchTicket], notificationServer: ServerAddress,
                     dialect: Dialect) async throws -> [RelayConversation] {
        var conversations: [RelayConversation] = []
        do {
            for batch in stride(from: 0, to: count, by: setupConcurrency) {
                try await withThrowingTaskGroup(of: RelayConversation.self) { group in
                    for index in batch..<min(batch + setupConcurrency, count) {
                        group.addTask {
                            try await RelayConversation.open(caller: tickets[2 * index], callee: tickets[2 * index + 1],
                                                             notificationServer: notificationServer, dialect: dialect)
                        }
                    }
                    for try await conversation in group { conversations.append(conversation) }
                }
            }
        } catch {
            await close(conversations)
            throw error
        }
        return conversations
    }

    static func close(_ conversations: [RelayConversation]) async {
        for conversation in conversations { await conversation.close() }
    }

    /// The latencies recorded by every receiver: (peak phase, half-peak phase).
    static func latencies(_ pairs: [RelayPair]) async throws -> (LatencySummary, LatencySummary) {
        var peak = LatencyRecorder(), paced = LatencyRecorder()
        for pair in pairs {
            let recorded = try await pair.receiver.latencies()
            peak.merge(recorded.peak)
            paced.merge(recorded.paced)
        }
        return (peak.summary(), paced.summary())
    }

    /// How late the senders' writes were against their schedules, over all paced messages.
    static func paceLateness(_ pairs: [RelayPair]) async throws -> LatencySummary {
        var lateness = LatencyRecorder()
        for pair in pairs { lateness.merge(try await pair.sender.paceLateness()) }
        return lateness.summary()
    }

    /// The name of a paced phase: `switchboard at half peak`, `byte relay paced at 1,000 msg/s`.
    static func pacedName(_ relay: String, settings: BenchSettings) -> String {
        settings.relayPacedRate.map { "\(relay) paced at \(BenchReportPrinter.format($0, 0)) msg/s" } ?? "\(relay) at half peak"
    }

    /// What the byte relay measured: with the window, and paced as the switchboard was.
    struct CeilingResult: Sendable {
        var peak: RelayPhaseResult
        var peakLatency: LatencySummary
        var paced: RelayPhaseResult
        var pacedLatency: LatencySummary
    }

    /// The same traffic through ``ByteRelay``: `count` pairs, the same window and duration,
    /// then the same pace (`pacedRate` over all pairs, ``BenchSettings/relayPacePeriod``).
    static func measureCeiling(count: Int, duration: Duration, pacedRate: Double,
                               settings: BenchSettings) async throws -> CeilingResult {
        let relay = try await ByteRelay.start()
        var pairs: [RelayPair] = []
        do {
            for index in 0..<count {
                pairs.append(try await RelayPair.throughByteRelay(port: relay.port, index: index))
            }
            let window = window
            let result = try await RelayLoad(label: "byte relay ceiling", duration: duration,
                                             showsProgress: settings.showsProgress)
                .run(pairs) { senders in
                    for sender in senders { sender.startWindow(window) }
                }
            let from = RelayMessage.now()
            for pair in pairs { try await pair.receiver.setLatencyPhase(from: from) }
            let paced = try await RelayLoad(label: pacedName("byte relay", settings: settings), duration: duration,
                                            showsProgress: settings.showsProgress)
                .run(pairs) { RelayPacer.start($0, rate: pacedRate / Double(count), period: settings.relayPacePeriod) }
            let (latency, pacedLatency) = try await latencies(pairs)
            for pair in pairs {
                await pair.sender.close()
                await pair.receiver.close()
            }
            try? await relay.stop()
            return CeilingResult(peak: result, peakLatency: latency, paced: paced, pacedLatency: pacedLatency)
        } catch {
            for pair in pairs {
                await pair.sender.close()
                await pair.receiver.close()
            }
            try? await relay.stop()
            throw error
        }
    }

    /// This process's resident memory in bytes (`VmRSS` of `/proc/self/status`), when readable.
    static func residentMemory() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }

    static func notes(peak: RelayPhaseResult, paced: RelayPhaseResult, pacedName: String,
                      pacedRate: Double, pacedLatency: LatencySummary,
                      lateness: LatencySummary = LatencySummary(), period: Duration = RelayPacer.period,
                      ceiling: CeilingResult, rss: (before: Int?, after: Int?), embedded: Bool) -> [String] {
        let f = BenchReportPrinter.format
        var notes: [String] = []
        let ratio = ceiling.peak.rate > 0 ? peak.rate / ceiling.peak.rate * 100 : 0
        notes.append("switchboard peak \(f(peak.rate, 0)) msg/s = \(f(ratio, 1)) % of the byte relay's \(f(ceiling.peak.rate, 0)) msg/s "
            + "(aims: ≥ 50,000 msg/s, ≥ 40 %)")
        let periodText = f(period.milliseconds, period.milliseconds.rounded() == period.milliseconds ? 0 : 2)
        notes.append("\(pacedName) (aimed \(f(pacedRate, 0)) msg/s, got \(f(paced.rate, 0))): delivery p50 "
            + "\(f(pacedLatency.p50.milliseconds, 3)) ms, p99 \(f(pacedLatency.p99.milliseconds, 3)) ms (aim: p99 < 5 ms), "
            + "from each message's scheduled send time (each sender writes every \(periodText) ms)")
        notes.append("the byte relay at the same pace (\(f(ceiling.paced.rate, 0)) msg/s): delivery p50 "
            + "\(f(ceiling.pacedLatency.p50.milliseconds, 3)) ms, p99 \(f(ceiling.pacedLatency.p99.milliseconds, 3)) ms: "
            + "the floor this machine and load generator set under the switchboard's")
        if lateness.count > 0 {
            notes.append("load generator's send timer behind schedule (write time − scheduled time, included in the latency "
                + "above): p50 \(f(lateness.p50.milliseconds, 3)) ms, p99 \(f(lateness.p99.milliseconds, 3)) ms, "
                + "max \(f(lateness.maximum.milliseconds, 3)) ms")
        }
        notes.append("messages \(RelayMessage().count) bytes on the wire from the sender; sent / received / lost: "
            + "peak \(peak.sent) / \(peak.received) / \(peak.lost), paced \(paced.sent) / \(paced.received) / \(paced.lost), "
            + "ceiling \(ceiling.peak.sent) / \(ceiling.peak.received) / \(ceiling.peak.lost), "
            + "ceiling paced \(ceiling.paced.sent) / \(ceiling.paced.received) / \(ceiling.paced.lost)")
        if let before = rss.before, let after = rss.after {
            notes.append("resident memory of this process (server and load generator together): "
                + "\(f(Double(before) / 1_048_576, 1)) MB after setup, \(f(Double(after) / 1_048_576, 1)) MB after the switchboard phases")
        } else if !embedded {
            notes.append("server memory: not readable with --server")
        }
        notes.append("cores: \(ProcessInfo.processInfo.activeProcessorCount), load generator on the same machine")
        return notes
    }

    private static func progress(_ settings: BenchSettings, _ text: String) {
        if settings.showsProgress { FileHandle.standardError.write(Data("relay: \(text)\n".utf8)) }
    }
}

extension RelayScenario {
    /// Two accounts per conversation.
    func embeddedAccounts(settings: BenchSettings) -> Int { 2 * settings.clients }
}
