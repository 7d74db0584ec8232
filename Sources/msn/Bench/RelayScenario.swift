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

        let peak: RelayPhaseResult, paced: RelayPhaseResult, ceiling: RelayPhaseResult
        let peakLatency: LatencySummary, pacedLatency: LatencySummary, ceilingLatency: LatencySummary
        var rssAfter: Int?
        let pacedRate: Double
        let pacedName = settings.relayPacedRate.map { "switchboard paced at \(BenchReportPrinter.format($0, 0)) msg/s" }
            ?? "switchboard at half peak"
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
                .run(pairs) { RelayPacer.start($0, rate: perSender) }
            let recorded = try await Self.latencies(pairs)
            lateness = try await Self.paceLateness(pairs)
            peakLatency = recorded.0
            pacedLatency = recorded.1
            rssAfter = embedded ? Self.residentMemory() : nil
            await Self.close(conversations)

            let measured = try await Self.measureCeiling(count: count, duration: duration, settings: settings)
            ceiling = measured.0
            ceilingLatency = measured.1
        } catch {
            await Self.close(conversations)
            throw error
        }

        report.phases.append(.init(name: "switchboard peak (window \(Self.window))", clients: count,
                                   result: peak.loadResult(latency: peakLatency)))
        report.phases.append(.init(name: pacedName, clients: count,
                                   result: paced.loadResult(latency: pacedLatency)))
        report.phases.append(.init(name: "byte relay ceiling (window \(Self.window))", clients: count,
                                   result: ceiling.loadResult(latency: ceilingLatency)))
        report.notes = Self.notes(peak: peak, paced: paced, pacedName: pacedName, pacedRate: pacedRate, pacedLatency: pacedLatency,
                                  lateness: lateness, ceiling: ceiling, rss: (rssBefore, rssAfter), embedded: embedded)
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

    /// The same traffic through ``ByteRelay``: `count` pairs, the same window and duration.
    static func measureCeiling(count: Int, duration: Duration,
                               settings: BenchSettings) async throws -> (RelayPhaseResult, LatencySummary) {
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
            let (latency, _) = try await latencies(pairs)
            for pair in pairs {
                await pair.sender.close()
                await pair.receiver.close()
            }
            try? await relay.stop()
            return (result, latency)
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
                      lateness: LatencySummary = LatencySummary(), ceiling: RelayPhaseResult, rss: (before: Int?, after: Int?), embedded: Bool) -> [String] {
        let f = BenchReportPrinter.format
        var notes: [String] = []
        let ratio = ceiling.rate > 0 ? peak.rate / ceiling.rate * 100 : 0
        notes.append("switchboard peak \(f(peak.rate, 0)) msg/s = \(f(ratio, 1)) % of the byte relay's \(f(ceiling.rate, 0)) msg/s "
            + "(aims: ≥ 50,000 msg/s, ≥ 40 %)")
        notes.append("\(pacedName) (aimed \(f(pacedRate, 0)) msg/s, got \(f(paced.rate, 0))): delivery p50 "
            + "\(f(pacedLatency.p50.milliseconds, 3)) ms, p99 \(f(pacedLatency.p99.milliseconds, 3)) ms (aim: p99 < 5 ms), "
            + "from each message's scheduled send time (batches every \(f(RelayPacer.period.milliseconds, 0)) ms)")
        if lateness.count > 0 {
            notes.append("load generator's send timer behind schedule (write time − scheduled time, included in the latency "
                + "above): p50 \(f(lateness.p50.milliseconds, 3)) ms, p99 \(f(lateness.p99.milliseconds, 3)) ms, "
                + "max \(f(lateness.maximum.milliseconds, 3)) ms")
        }
        notes.append("messages \(RelayMessage().count) bytes on the wire from the sender; sent / received / lost: "
            + "peak \(peak.sent) / \(peak.received) / \(peak.lost), paced \(paced.sent) / \(paced.received) / \(paced.lost), "
            + "ceiling \(ceiling.sent) / \(ceiling.received) / \(ceiling.lost)")
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
