import Foundation
import MSNClient
import MSNCore
import Synchronization

/// `msn bench mixed`: a day in the life of the network.
///
/// `--clients` people, each with about 20–50 mutual, allowed contacts among the others
/// (written straight into the store before the server starts). Half of them sign in during a
/// warm-up; then, for `--duration` seconds, operations start at the rates of ``MixedRates``:
///
/// | operation | wire |
/// |---|---|
/// | sign-in | `VER`, `CVR`, `USR I`, `USR S` (ticket in hand), `CHG 5 NLN 0` → echo and `ILN`s |
/// | status | `CHG 9 AWY 0` → echo (watchers get `NLN AWY …` first) |
/// | open conversation | `XFR 10 SB` → `USR`, `CAL` → `RINGING`, then `JOI` once the callee answered |
/// | answer | the callee's `RNG` → `ANS` → `IRO`…, `ANS 1 OK` |
/// | message | `MSG 4 A` → `ACK 4`, and the callee's `MSG A` reply arrives |
/// | close conversation | `OUT` on the switchboard (the callee sees `BYE` and leaves too) |
/// | sign-out | `OUT` on the notification server (people sign back in later) |
///
/// Everyone online sends `PNG` every 30 s and answers `CHL`. Any failed operation, lost
/// reply, or connection the server closes unasked is an error. The server's resident memory
/// is sampled every 2 s: at the start of the timed run, its maximum, at the end.
struct MixedScenario: BenchScenario, SelfHostedBenchScenario {
    var name: String { "mixed" }
    /// How many contacts each person has, about.
    var contacts = 20...50
    /// Share of the people signed in before the timed run.
    var warmUpShare = 0.5

    func runOwnServer(settings: BenchSettings) async throws -> BenchReport {
        ProcessResources.raiseOpenFileLimit()
        let graph = Self.contactGraph(people: settings.clients, contacts: contacts)
        return try await ServerProcess.withRunning(accounts: settings.clients, contacts: graph.pairs) { target, pid in
            var settings = settings
            settings.serverPID = pid
            return try await run(on: target, settings: settings, adjacency: graph.adjacency)
        }
    }

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        throw BenchError("mixed prepares its people's contact lists in the server's store: run it without --server")
    }

    /// Mutual contact pairs: each person adds about half of a random 20–50 others, so that
    /// with everyone else's additions each ends with about 20–50.
    static func contactGraph(people: Int, contacts: ClosedRange<Int>) -> (pairs: [(Int, Int)], adjacency: [[Int]]) {
        guard people > 1 else { return ([], Array(repeating: [], count: max(0, people))) }
        var seen = Set<Int>()
        var pairs: [(Int, Int)] = []
        var adjacency = Array(repeating: [Int](), count: people)
        for person in 0..<people {
            let wanted = min(people - 1, Int.random(in: contacts)) / 2 + 1
            var added = 0, attempts = 0
            while added < wanted, attempts < wanted * 4 {
                attempts += 1
                let other = Int.random(in: 0..<people)
                guard other != person else { continue }
                let key = min(person, other) * people + max(person, other)
                guard seen.insert(key).inserted else { continue }
                pairs.append((person, other))
                adjacency[person].append(other)
                adjacency[other].append(person)
                added += 1
            }
        }
        return (pairs, adjacency)
    }

    func run(on target: BenchTarget, settings: BenchSettings, adjacency: [[Int]]) async throws -> BenchReport {
        let dialect = settings.dialect
        guard dialect.authenticationScheme != .md5 else {
            throw BenchError("the mixed scenario needs a Passport dialect (MSNP8–MSNP18), not \(dialect)")
        }
        guard let notificationServer = target.notificationServer else { throw BenchError("no notification server") }
        let people = settings.clients
        var report = BenchReport(scenario: name, dialect: dialect.token, target: target.label)
        let tickets = try await BenchTickets.fetch(target: target, dialect: dialect,
                                                   accounts: Array(target.accounts.prefix(people)),
                                                   showsProgress: settings.showsProgress)
        let ticketsByEmail = Dictionary(tickets.map { ($0.email, $0.ticket) }, uniquingKeysWith: { a, _ in a })
        let emails = target.accounts.prefix(people).map(\.email)
        let world = MixedWorld(emails: emails, tickets: emails.map { ticketsByEmail[$0] }, adjacency: adjacency,
                               signIn: BenchSignIn(server: notificationServer, dialect: dialect), dialect: dialect,
                               rates: settings.mixed)

        // Warm-up: half of the people sign in.
        let warmUp = Int((Double(people) * warmUpShare).rounded())
        let nextPerson = SharedCounter()
        let warm = await LoadRunner(label: "sign-in (warm-up)", concurrency: min(32, max(1, warmUp)),
                                    limits: LoadLimits(count: max(1, warmUp), duration: .seconds(600)),
                                    showsProgress: settings.showsProgress)
            .run { _, _ in
                let person = nextPerson.next()
                guard person < people, world.claimForSignIn(person) else { return }
                try await world.signIn(person)
            }
        report.phases.append(.init(name: "sign-in (warm-up)", clients: min(32, max(1, warmUp)), result: warm))

        let memory = settings.serverPID.map { ServerMemory(pid: $0) }
        let duration = settings.limits.duration ?? .seconds(60)
        let timed = await world.run(for: duration, memory: memory, showsProgress: settings.showsProgress)
        let elapsed = timed.elapsed
        for stats in world.operations {
            report.phases.append(.init(name: stats.name, clients: people, result: stats.result(elapsed: elapsed)))
        }
        await world.tearDown()
        let afterTearDown = memory?.sample()

        let rates = settings.mixed
        report.notes.append("cores: \(ProcessInfo.processInfo.activeProcessorCount); \(people) people, "
            + "\(adjacency.reduce(0) { $0 + $1.count } / max(1, people)) contacts each on average; "
            + "\(warm.succeeded) signed in before the timed run of \(BenchReportPrinter.format(duration.seconds, 0)) s")
        report.notes.append("rates per second: sign-in \(rates.signIn) (and as many sign-outs), status \(rates.status), "
            + "conversations \(rates.conversation) (open \(BenchReportPrinter.format(rates.conversationLength.seconds, 0)) s), "
            + "messages \(rates.message)")
        report.notes.append("presence notices received (ILN/NLN/FLN/UBX): \(world.presenceNotices.load(ordering: .relaxed)); "
            + "operations skipped because nobody was free: "
            + world.operations.map { "\($0.name) \($0.skipped.load(ordering: .relaxed))" }.joined(separator: ", "))
        report.metrics["presenceNotices"] = Double(world.presenceNotices.load(ordering: .relaxed))
        if let samples = timed.memory, let first = samples.first, let last = samples.last, let peak = samples.max() {
            report.metrics["serverRSSStartBytes"] = Double(first)
            report.metrics["serverRSSMaxBytes"] = Double(peak)
            report.metrics["serverRSSEndBytes"] = Double(last)
            // The first sample is taken before any conversation is open; the working set (every
            // conversation the rates keep open, the buffers of the traffic) is reached about one
            // conversation length later. "Flat memory" compares the end with the settled sample.
            let settleSeconds = max(30, 3 * rates.conversationLength.seconds)
            let settled = samples[min(samples.count - 1, Int(settleSeconds / 2))]
            report.metrics["serverRSSSettledBytes"] = Double(settled)
            report.notes.append("server RSS (every 2 s, \(samples.count) samples): start \(ProcessResources.megabytes(first)), "
                + "settled (after \(BenchReportPrinter.format(settleSeconds, 0)) s) \(ProcessResources.megabytes(settled)), "
                + "max \(ProcessResources.megabytes(peak)), end \(ProcessResources.megabytes(last))"
                + (afterTearDown.map { ", after everyone signed out \(ProcessResources.megabytes($0))" } ?? ""))
        }
        return report
    }
}

/// Everyone of `msn bench mixed` and what they are doing.
final class MixedWorld: Sendable {
    struct Person {
        var connection: BenchConnection?
        var online = false
        /// Signing in or out.
        var transition = false
        /// Conversations this person is in (as caller or callee).
        var engaged = 0
        /// Status changes under way (no sign-out meanwhile).
        var changing = 0
    }

    /// One open conversation, seen from its caller.
    final class Conversation: Sendable {
        let caller: Int, callee: Int
        let signals: ConversationSignals
        let opened: ContinuousClock.Instant
        let connection: Mutex<BenchConnection?> = Mutex(nil)
        let busy = Atomic<Bool>(false)

        init(caller: Int, callee: Int, signals: ConversationSignals) {
            self.caller = caller
            self.callee = callee
            self.signals = signals
            opened = .now
        }
    }

    /// What the caller's switchboard connection has seen.
    final class ConversationSignals: Sendable {
        let joined = Atomic<Bool>(false)
        let replies = Atomic<Int>(0)
        let closing = Atomic<Bool>(false)
    }

    let emails: [String]
    let tickets: [MessengerClient.PassportTicket?]
    let adjacency: [[Int]]
    let signInClient: BenchSignIn
    let dialect: Dialect
    let rates: MixedRates
    private let people: Mutex<[Person]>
    private let conversations = Mutex<[ObjectIdentifier: Conversation]>([:])
    let presenceNotices = Atomic<Int>(0)

    let signIns = OperationStats("sign-in")
    let statuses = OperationStats("status (CHG)")
    let opens = OperationStats("open conversation (XFR…JOI)")
    let answers = OperationStats("answer (RNG→ANS)")
    let messages = OperationStats("message (MSG A→ACK+reply)")
    let closes = OperationStats("close conversation (OUT)")
    let signOuts = OperationStats("sign-out")
    let disconnects = OperationStats("unexpected disconnects")
    var operations: [OperationStats] { [signIns, statuses, opens, answers, messages, closes, signOuts, disconnects] }

    static let statuses = ["NLN", "AWY", "BSY", "BRB", "PHN", "LUN", "IDL"]
    static let waitLimit = Duration.seconds(10)

    init(emails: [String], tickets: [MessengerClient.PassportTicket?], adjacency: [[Int]], signIn: BenchSignIn,
         dialect: Dialect, rates: MixedRates) {
        self.emails = emails
        self.tickets = tickets
        self.adjacency = adjacency
        self.signInClient = signIn
        self.dialect = dialect
        self.rates = rates
        people = Mutex(Array(repeating: Person(), count: emails.count))
    }

    // MARK: - Choosing who acts

    /// Marks `person` as signing in if they are offline and idle.
    func claimForSignIn(_ person: Int) -> Bool {
        people.withLock { people in
            guard !people[person].online, !people[person].transition, people[person].engaged == 0 else { return false }
            people[person].transition = true
            return true
        }
    }

    private func pick(_ tries: Int = 64, where accept: (Person) -> Bool) -> Int? {
        people.withLock { people in
            for _ in 0..<tries {
                let index = Int.random(in: 0..<people.count)
                if accept(people[index]) { return index }
            }
            return nil
        }
    }

    // MARK: - Operations

    /// Signs `person` in and goes online (`CHG NLN`); `person` must be claimed.
    func signIn(_ person: Int) async throws {
        var connection: BenchConnection?
        do {
            guard let ticket = tickets[person] else { throw BenchError("no ticket for \(emails[person])") }
            let email = emails[person]
            let made = try await signInClient.signIn(
                email: email, ticket: ticket,
                onPush: { [weak self] frame in self?.notificationPush(frame, person: person) },
                onClose: { [weak self] unexpected in
                    guard let self, unexpected else { return }
                    self.disconnects.failure("the server closed \(email)'s notification session")
                    self.people.withLock { $0[person].online = false; $0[person].connection = nil }
                })
            connection = made
            _ = try await made.request(Frame(verb: "CHG", transactionID: made.makeTransactionID(), arguments: ["NLN", "0"]),
                                       expecting: "CHG")
            people.withLock {
                $0[person].connection = made
                $0[person].online = true
                $0[person].transition = false
            }
        } catch {
            connection?.close()
            people.withLock { $0[person].transition = false }
            throw error
        }
    }

    private func signInSomeone() async {
        guard let person = pick(where: { !$0.online && !$0.transition && $0.engaged == 0 }),
              claimForSignIn(person) else { signIns.skipped.add(1, ordering: .relaxed); return }
        await signIns.measure { try await signIn(person) }
    }

    private func signOutSomeone() async {
        let chosen: (Int, BenchConnection)? = people.withLock { people in
            for _ in 0..<64 {
                let index = Int.random(in: 0..<people.count)
                let p = people[index]
                if p.online, !p.transition, p.engaged == 0, p.changing == 0, let connection = p.connection {
                    people[index].transition = true
                    return (index, connection)
                }
            }
            return nil
        }
        guard let (person, connection) = chosen else { signOuts.skipped.add(1, ordering: .relaxed); return }
        await signOuts.measure { try await connection.signOut() }
        people.withLock {
            $0[person].online = false
            $0[person].connection = nil
            $0[person].transition = false
        }
    }

    private func changeStatus() async {
        let chosen: (Int, BenchConnection)? = people.withLock { people in
            for _ in 0..<64 {
                let index = Int.random(in: 0..<people.count)
                let p = people[index]
                if p.online, !p.transition, let connection = p.connection {
                    people[index].changing += 1
                    return (index, connection)
                }
            }
            return nil
        }
        guard let (person, connection) = chosen else { statuses.skipped.add(1, ordering: .relaxed); return }
        let status = Self.statuses.randomElement() ?? "NLN"
        await statuses.measure {
            try await connection.request(Frame(verb: "CHG", transactionID: connection.makeTransactionID(),
                                               arguments: [status, "0"]), expecting: "CHG")
        }
        people.withLock { $0[person].changing -= 1 }
    }

    /// A caller and an online contact, both marked engaged.
    private func pickPair() -> (Int, Int, BenchConnection)? {
        people.withLock { people in
            for _ in 0..<64 {
                let caller = Int.random(in: 0..<people.count)
                let a = people[caller]
                guard a.online, !a.transition, let connection = a.connection, !adjacency[caller].isEmpty else { continue }
                for _ in 0..<8 {
                    let callee = adjacency[caller][Int.random(in: 0..<adjacency[caller].count)]
                    let b = people[callee]
                    guard b.online, !b.transition, b.connection != nil else { continue }
                    people[caller].engaged += 1
                    people[callee].engaged += 1
                    return (caller, callee, connection)
                }
            }
            return nil
        }
    }

    private func release(_ conversation: Conversation) {
        people.withLock {
            $0[conversation.caller].engaged -= 1
            $0[conversation.callee].engaged -= 1
        }
    }

    private func openConversation() async {
        guard let (caller, callee, notification) = pickPair() else { opens.skipped.add(1, ordering: .relaxed); return }
        let signals = ConversationSignals()
        let conversation = Conversation(caller: caller, callee: callee, signals: signals)
        let opened: Bool? = await opens.measure {
            let referral = try await notification.request(
                Frame(verb: "XFR", transactionID: notification.makeTransactionID(), arguments: ["SB"]), expecting: "XFR")
            // XFR 10 SB 127.0.0.1:1864 CKI 4831297305.1770432918.9023441750
            guard let text = referral.argument(1), let address = ServerAddress(text), let cookie = referral.argument(3) else {
                throw BenchError("unreadable referral: \(referral.line)")
            }
            let connection = try await BenchConnection.connect(
                to: address, dialect: dialect, answersChallenges: false,
                onPush: { frame in
                    if frame.verb == "JOI" { signals.joined.store(true, ordering: .relaxed) }
                    if frame.verb == "MSG" { signals.replies.add(1, ordering: .relaxed) }
                },
                onClose: { [weak self] unexpected in
                    if unexpected, !signals.closing.load(ordering: .relaxed) {
                        self?.disconnects.failure("the switchboard closed a caller's connection")
                    }
                })
            conversation.connection.withLock { $0 = connection }
            _ = try await connection.request(Frame(verb: "USR", transactionID: connection.makeTransactionID(),
                                                   arguments: [emails[caller], String(cookie)]), expecting: "USR")
            _ = try await connection.request(Frame(verb: "CAL", transactionID: connection.makeTransactionID(),
                                                   arguments: [emails[callee]]), expecting: "CAL")
            try await Self.wait(until: { signals.joined.load(ordering: .relaxed) }, what: "JOI of \(emails[callee])")
            return true
        }
        if opened == true {
            conversations.withLock { $0[ObjectIdentifier(conversation)] = conversation }
        } else {
            signals.closing.store(true, ordering: .relaxed)
            conversation.connection.withLock { $0 }?.close()
            release(conversation)
        }
    }

    /// The callee's side: `RNG` → connect, `ANS`; reply to each message; leave after `BYE`.
    private func answer(_ frame: Frame, person: Int) {
        // RNG 6d31a52d… 127.0.0.1:1864 CKI 0e01f560dea515bbf09a alice@bench.invalid alice@bench.invalid
        let email = emails[person], dialect = dialect
        Task {
            await answers.measure {
                guard let sessionID = frame.argument(0), let text = frame.argument(1),
                      let address = ServerAddress(text), let cookie = frame.argument(3) else {
                    throw BenchError("unreadable RNG: \(frame.line)")
                }
                let box = SharedBox<BenchConnection?>(nil)
                let connection = try await BenchConnection.connect(
                    to: address, dialect: dialect, answersChallenges: false,
                    onPush: { [weak self] frame in
                        guard let self, let connection = box.withLock({ $0 }) else { return }
                        switch frame.verb {
                        case "MSG":
                            guard frame.payloadText?.contains("text/plain") == true else { return }
                            Task { await self.reply(on: connection) }
                        case "BYE":
                            connection.expectClose()
                            connection.send(Frame(verb: "OUT"))
                        default:
                            break
                        }
                    },
                    onClose: { [weak self] unexpected in
                        if unexpected { self?.disconnects.failure("the switchboard closed \(email)'s answering connection") }
                    })
                box.withLock { $0 = connection }
                do {
                    _ = try await connection.request(
                        Frame(verb: "ANS", transactionID: connection.makeTransactionID(),
                              arguments: [email, String(cookie), String(sessionID)]), expecting: "ANS")
                } catch {
                    connection.close()
                    throw error
                }
            }
        }
    }

    private func reply(on connection: BenchConnection) async {
        do {
            _ = try await connection.request(
                Frame(verb: "MSG", transactionID: connection.makeTransactionID(), arguments: ["A"],
                      payloadText: Self.text("fine, thanks")), expecting: "ACK")
        } catch {
            messages.failure("the callee's reply: \(error)")
        }
    }

    private func sendMessage() async {
        let chosen: Conversation? = conversations.withLock { open in
            for conversation in open.values.shuffled().prefix(16)
            where conversation.busy.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
                return conversation
            }
            return nil
        }
        guard let conversation = chosen, let connection = conversation.connection.withLock({ $0 }) else {
            messages.skipped.add(1, ordering: .relaxed)
            return
        }
        defer { conversation.busy.store(false, ordering: .relaxed) }
        await messages.measure {
            let before = conversation.signals.replies.load(ordering: .relaxed)
            _ = try await connection.request(
                Frame(verb: "MSG", transactionID: connection.makeTransactionID(), arguments: ["A"],
                      payloadText: Self.text("how are you?")), expecting: "ACK")
            try await Self.wait(until: { conversation.signals.replies.load(ordering: .relaxed) > before },
                                what: "the callee's reply (lost message)")
        }
    }

    /// Closes the conversations older than the conversation length (all with `everything`).
    private func closeConversations(everything: Bool) async {
        let now = ContinuousClock.now
        let due: [Conversation] = conversations.withLock { open in
            var due: [Conversation] = []
            for (key, conversation) in open where everything || now - conversation.opened >= rates.conversationLength {
                guard conversation.busy.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
                else { continue }
                open[key] = nil
                due.append(conversation)
            }
            return due
        }
        await withTaskGroup(of: Void.self) { group in
            for conversation in due {
                group.addTask {
                    conversation.signals.closing.store(true, ordering: .relaxed)
                    if let connection = conversation.connection.withLock({ $0 }) {
                        await self.closes.measure { try await connection.signOut() }
                    }
                    self.release(conversation)
                }
            }
        }
    }

    private func notificationPush(_ frame: Frame, person: Int) {
        switch frame.verb {
        case "RNG": answer(frame, person: person)
        case "NLN", "FLN", "ILN", "UBX": presenceNotices.add(1, ordering: .relaxed)
        default: break
        }
    }

    private func ping(slice: Int, of slices: Int) {
        let connections: [BenchConnection] = people.withLock { people in
            let from = people.count * slice / slices, to = people.count * (slice + 1) / slices
            return people[from..<to].compactMap { $0.online ? $0.connection : nil }
        }
        for connection in connections { connection.send(Frame(verb: "PNG")) }
    }

    var onlineCount: Int { people.withLock { $0.reduce(0) { $0 + ($1.online ? 1 : 0) } } }

    // MARK: - The timed run

    /// Runs every operation at its rate for `duration`; returns the elapsed time and the
    /// server RSS samples.
    func run(for duration: Duration, memory: ServerMemory?, showsProgress: Bool)
        async -> (elapsed: Duration, memory: [Int]?)
    {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + duration
        let samples = SharedBox<[Int]>([])
        if let rss = memory?.sample() { samples.withLock { $0.append(rss) } }
        await withTaskGroup(of: Void.self) { group in
            let tickers: [(Double, @Sendable () async -> Void)] = [
                (rates.signIn, { @Sendable in await self.signInSomeone() }),
                (rates.signIn, { @Sendable in await self.signOutSomeone() }),
                (rates.status, { @Sendable in await self.changeStatus() }),
                (rates.conversation, { @Sendable in await self.openConversation() }),
                (rates.message, { @Sendable in await self.sendMessage() }),
            ]
            for (rate, operation) in tickers where rate > 0 {
                group.addTask { await Self.tick(rate: rate, until: end, operation) }
            }
            group.addTask {
                // Conversations end, everyone pings every 30 s, memory is sampled, progress shown.
                var tick = 0
                var lastSample = clock.now
                while clock.now < end {
                    try? await Task.sleep(for: .milliseconds(250))
                    await self.closeConversations(everything: false)
                    self.ping(slice: tick % 120, of: 120)
                    tick += 1
                    if clock.now - lastSample >= .seconds(2) {
                        lastSample = clock.now
                        let rss = memory?.sample()
                        if let rss { samples.withLock { $0.append(rss) } }
                        if showsProgress { self.progress(since: start, rss: rss) }
                    }
                }
            }
        }
        let elapsed = clock.now - start
        if let rss = memory?.sample() { samples.withLock { $0.append(rss) } }
        if showsProgress { progress(since: start, rss: nil); FileHandle.standardError.write(Data("\n".utf8)) }
        return (elapsed, memory == nil ? nil : samples.withLock { $0 })
    }

    private func progress(since start: ContinuousClock.Instant, rss: Int?) {
        let failed = operations.reduce(0) { $0 + $1.failed.load(ordering: .relaxed) }
        let line = "\rmixed: \(onlineCount) online, \(conversations.withLock { $0.count }) conversations, "
            + "\(messages.succeeded.load(ordering: .relaxed)) messages, \(failed) errors"
            + (rss.map { ", server RSS \(ProcessResources.megabytes($0))" } ?? "")
            + ", \(Int((ContinuousClock.now - start).seconds)) s   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Starts `operation` `rate` times a second until `end`, at most 1,000 at once (beyond,
    /// a start is skipped), then waits for the started ones.
    private static func tick(rate: Double, until end: ContinuousClock.Instant,
                             _ operation: @escaping @Sendable () async -> Void) async {
        let interval = Duration.nanoseconds(Int64(1e9 / rate))
        let inFlight = SharedCounter()
        await withDiscardingTaskGroup { group in
            var next = ContinuousClock.now
            while true {
                next += interval
                guard next < end else { break }
                try? await Task.sleep(until: next, clock: .continuous)
                guard inFlight.current < 1_000 else { continue }
                inFlight.add(1)
                group.addTask {
                    await operation()
                    inFlight.add(-1)
                }
            }
        }
    }

    /// Closes every conversation, then signs everyone out (not timed).
    func tearDown() async {
        await closeConversations(everything: true)
        try? await Task.sleep(for: .milliseconds(500))
        let connections: [BenchConnection] = people.withLock { people in
            defer { for index in people.indices { people[index] = Person() } }
            return people.compactMap(\.connection)
        }
        await BenchConnection.signOutAll(connections, concurrency: 128)
    }

    static func wait(until condition: () -> Bool, what: String) async throws {
        let deadline = ContinuousClock.now + waitLimit
        while !condition() {
            guard ContinuousClock.now < deadline else { throw BenchError("no \(what) within \(waitLimit)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    static func text(_ body: String) -> String {
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\n"
            + body
    }
}
