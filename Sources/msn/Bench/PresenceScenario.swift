import Foundation
import MSNClient
import MSNCore
import NIOCore
import Synchronization

/// `msn bench presence`: how long one status change takes to reach every online contact.
///
/// One account (the subject) has N contacts, all on each other's FL/AL/RL (embedded: written
/// straight into the store). The N watchers sign in with tickets in hand on raw connections
/// (``OnlineNotificationClient``) and go online; then the subject signs in and, round after
/// round, sends `CHG n <status>` with a new status. A round's latency is the time from that
/// `CHG` to the moment the **last** watcher has its `NLN <status> subject …`:
///
/// ```
/// [subject]   C: CHG 6 AWY 0              t0
/// [watcher 1] S: NLN AWY bench0001@… …    t0 + 2.1 ms
/// …
/// [watcher N] S: NLN AWY bench0001@… …    t0 + 7.9 ms   ← the round's latency
/// ```
/// Phase 1 times rounds with every watcher reading. Phase 2 repeats with a few watchers that
/// stop reading their sockets (small receive buffers, reads paused): the others' fan-out must
/// not slow down, and the server's bounded outboxes close the slow ones once they are full.
struct PresenceScenario: BenchScenario {
    var name: String { "presence" }

    /// How long a round may take before its missing `NLN`s count as errors.
    static let roundTimeout: Duration = .seconds(5)
    /// The statuses rounds cycle through (consecutive rounds always differ).
    static let statuses = ["AWY", "BSY", "BRB", "IDL", "PHN", "LUN", "NLN"]
    /// `SO_RCVBUF` of the slow readers, so their backlog reaches the server's outbox soon.
    static let slowReceiveBuffer = 4_096
    /// Watchers signing in at once.
    static let connectConcurrency = 32

    func embeddedAccounts(settings: BenchSettings) -> Int { settings.clients + 1 }
    /// Sign-ins are not what this measures: cheap hashes keep preparing 1,000 accounts quick.
    func embeddedPasswordIterations(settings: BenchSettings) -> Int { min(settings.passwordIterations, 1_000) }

    /// How many watchers stop reading in phase 2.
    static func slowReaders(of watchers: Int) -> Int { watchers < 2 ? 0 : max(1, min(10, watchers / 20)) }

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        let dialect = settings.dialect
        guard dialect.authenticationScheme != .md5 else {
            throw BenchError("the presence scenario needs a Passport dialect (MSNP8–MSNP18), not \(dialect)")
        }
        guard target.accounts.count >= 2 else { throw BenchError("presence needs at least two accounts") }
        let subject = target.accounts[0]
        let watchers = Array(target.accounts.dropFirst().prefix(settings.clients))
        var report = BenchReport(scenario: name, dialect: dialect.token, target: target.label)
        let progress = BenchProgress(enabled: settings.showsProgress)

        if let embedded = target.embedded {
            progress.say("preparing \(watchers.count) mutual contacts of \(subject.email)")
            try await embedded.store.addMutualContacts(owner: subject.email, contacts: watchers.map(\.email))
        }
        let server = try await Self.notificationServer(of: target, dialect: dialect)
        progress.say("fetching \(watchers.count + 1) tickets")
        let tickets = try await SyncScenario.tickets(target: target, dialect: dialect, accounts: [subject] + watchers)

        let slowCount = Self.slowReaders(of: watchers.count)
        let round = FanOutRound(watchers: watchers.count)
        let connections = ConnectionEnds()
        progress.say("signing in \(watchers.count) watchers")
        let channels = try await Self.connectAll(count: watchers.count) { index in
            let channel = try await OnlineNotificationClient.connect(
                server: server, dialect: dialect, email: watchers[index].email, ticket: tickets[watchers[index].email]!,
                receiveBuffer: index < slowCount ? Self.slowReceiveBuffer : nil,
                onStatus: { status in round.arrived(watcher: index, status: status) }
            ) { _ in }
            channel.closeFuture.whenComplete { _ in connections.ended() }
            return channel
        }
        progress.say("signing in the subject")
        let subjectChannel = try await OnlineNotificationClient.connect(
            server: server, dialect: dialect, email: subject.email, ticket: tickets[subject.email]!) { _ in }
        defer {
            connections.closing.store(true, ordering: .relaxed)
            subjectChannel.close(promise: nil)
            for channel in channels { channel.close(promise: nil) }
        }
        // Let the subject's first NLN reach everyone before timing.
        try await Task.sleep(for: .milliseconds(200))

        var transactionID = 6
        func rounds(_ label: String, expecting: [Bool]) async -> LoadResult {
            await LoadRunner.repeatRuns(label, unit: "rounds", settings: settings, progress: progress) {
                let status = Self.statuses[transactionID % Self.statuses.count]
                let id = transactionID
                transactionID += 1
                let outcome = await round.run(status: status, expecting: expecting, timeout: Self.roundTimeout) {
                    OnlineNotificationClient.send(Frame(verb: .chg, transactionID: TransactionID(UInt32(id)),
                                                        arguments: [status, "0"]), on: subjectChannel)
                }
                guard let elapsed = outcome.elapsed else {
                    throw BenchError("round \(id): \(outcome.missing) NLN \(status) missing after \(Self.roundTimeout)")
                }
                return elapsed
            }
        }

        let all = Array(repeating: true, count: watchers.count)
        let normal = await rounds("fan-out", expecting: all)
        report.phases.append(.init(name: "fan-out to \(watchers.count)", clients: watchers.count, result: normal))
        let unexpected = connections.unexpected.load(ordering: .relaxed)
        if unexpected > 0 {
            report.phases[0].failed += unexpected
            report.phases[0].errors.append("\(unexpected) watcher connections closed during the rounds")
        }

        guard slowCount > 0 else { return report }
        for index in 0..<slowCount { try await channels[index].setOption(ChannelOptions.autoRead, value: false).get() }
        let readers = all.indices.map { $0 >= slowCount }
        let before = connections.unexpected.load(ordering: .relaxed)
        let sessionsBefore = await target.embedded?.network.registry.count
        let slow = await rounds("fan-out, \(slowCount) slow readers", expecting: readers)
        report.phases.append(.init(name: "fan-out to \(watchers.count - slowCount), \(slowCount) not reading",
                                   clients: watchers.count - slowCount, result: slow))
        let sessionsAfter = await target.embedded?.network.registry.count
        // Resume reading: a connection the server closed now sees its end after the backlog.
        for index in 0..<slowCount { _ = try? await channels[index].setOption(ChannelOptions.autoRead, value: true).get() }
        try await Task.sleep(for: .seconds(1))
        let slowClosed = (0..<slowCount).filter { !channels[$0].isActive }.count
        let readerCloses = connections.unexpected.load(ordering: .relaxed) - before - slowClosed
        if readerCloses > 0 {
            report.phases[1].failed += readerCloses
            report.phases[1].errors.append("\(readerCloses) reading watchers were disconnected")
        }
        report.notes = Self.notes(normal: normal, slow: slow, slowCount: slowCount, slowClosed: slowClosed,
                                  sessions: (sessionsBefore, sessionsAfter))
        return report
    }

    static func notes(normal: LoadResult, slow: LoadResult, slowCount: Int, slowClosed: Int,
                      sessions: (Int?, Int?)) -> [String] {
        var notes = ["cores: \(ProcessInfo.processInfo.activeProcessorCount); latency = CHG sent → last watcher's NLN"]
        let ratio = normal.latency.p99 > .zero ? slow.latency.p99.milliseconds / normal.latency.p99.milliseconds : 0
        notes.append("slow readers: \(slowCount) stopped reading (SO_RCVBUF \(slowReceiveBuffer)) for "
            + "\(slow.succeeded + slow.failed) rounds; p99 of the others \(BenchReportPrinter.format(ratio, 2))× phase 1")
        var closed = "the server closed \(slowClosed) of \(slowCount) slow readers"
        if let before = sessions.0, let after = sessions.1 {
            closed += " (signed-in sessions \(before) → \(after))"
        }
        notes.append(slowClosed == 0
            ? closed + ": their backlog still fitted in socket buffers, NIO and the outbox; run more rounds (--count) to fill it"
            : closed + ": outbox full, connection closed, nobody else delayed")
        return notes
    }

    /// The notification server: known for an embedded network, else from a full sign-in's redirect.
    static func notificationServer(of target: BenchTarget, dialect: Dialect) async throws -> ServerAddress {
        if let known = target.notificationServer { return known }
        return try await LoginScenario.fullSignIn(target: target, dialect: dialect, worker: 0)
    }

    /// Opens `count` connections, ``connectConcurrency`` at a time, in index order.
    static func connectAll(count: Int, _ open: @escaping @Sendable (Int) async throws -> any Channel) async throws
        -> [any Channel]
    {
        var channels: [(any Channel)?] = Array(repeating: nil, count: count)
        do {
            for batch in stride(from: 0, to: count, by: connectConcurrency) {
                try await withThrowingTaskGroup(of: (Int, any Channel).self) { group in
                    for index in batch..<min(batch + connectConcurrency, count) {
                        group.addTask { (index, try await open(index)) }
                    }
                    for try await (index, channel) in group { channels[index] = channel }
                }
            }
        } catch {
            for channel in channels.compactMap({ $0 }) { channel.close(promise: nil) }
            throw error
        }
        return channels.compactMap { $0 }
    }
}

/// Counts connections that ended while the scenario still needed them.
final class ConnectionEnds: Sendable {
    /// Set before the scenario closes its own connections.
    let closing = Atomic<Bool>(false)
    let unexpected = Atomic<Int>(0)

    func ended() {
        if !closing.load(ordering: .relaxed) { unexpected.add(1, ordering: .relaxed) }
    }
}

/// The progress line of scenarios that run their own loops: at most one update a second.
final class BenchProgress: Sendable {
    private let enabled: Bool
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(enabled: Bool) { self.enabled = enabled }

    /// A line of its own.
    func say(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }

    /// Rewrites the current line, at most once a second.
    func tick(_ text: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = last.withLock { last -> Bool in
            if let previous = last, now - previous < .seconds(1) { return false }
            last = now
            return true
        }
        if due { FileHandle.standardError.write(Data("\r\(text)   ".utf8)) }
    }

    /// Ends the current line.
    func end() {
        guard enabled else { return }
        last.withLock { $0 = nil }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
