import AsyncHTTPClient
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MSNClient
import MSNCore
import MSNServer
import NIOCore
import Synchronization

/// `msn bench sync`: how long an account with N contacts takes to fetch its whole list.
///
/// Two phases, each a run of one-at-a-time syncs of the same account:
/// 1. **SYN** (MSNP8–12; `--dialect` if it syncs with `SYN`, else MSNP11): from `SYN n 0 0`
///    sent to the last of its `LST` lines received, on a raw signed-in connection.
/// 2. **ABFindAll** (MSNP13+; `--dialect` if it uses the address book, else MSNP15): an HTTP
///    `POST /abservice/abservice.asmx` with the `contacts.msn.com` ticket, until the whole
///    response has arrived and been parsed (every `<Contact>` counted).
///
/// ```
/// C: SYN 6 0 0                 t0
/// S: SYN 6 2026-… 2026-… 1000 0
/// S: GTC A / BLP AL / PRP MFN … / LST N=bench0002@… … (×1000)   ← last LST: t0 + latency
/// ```
struct SyncScenario: BenchScenario {
    var name: String { "sync" }

    static let syncTimeout: Duration = .seconds(60)
    /// Largest ABFindAll response read (a 10,000-contact book is about 10 MB).
    static let maximumResponse = 64 << 20
    static let ticketConcurrency = 16

    func embeddedAccounts(settings: BenchSettings) -> Int { settings.clients + 1 }
    func embeddedPasswordIterations(settings: BenchSettings) -> Int { min(settings.passwordIterations, 1_000) }

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        guard target.accounts.count >= 2 else { throw BenchError("sync needs at least two accounts") }
        let subject = target.accounts[0]
        let contacts = Array(target.accounts.dropFirst().prefix(settings.clients))
        let progress = BenchProgress(enabled: settings.showsProgress)
        if let embedded = target.embedded {
            progress.say("preparing \(contacts.count) contacts of \(subject.email)")
            try await embedded.store.addMutualContacts(owner: subject.email, contacts: contacts.map(\.email))
        }
        let synDialect = settings.dialect.contactListMechanism == .addressBookSOAP || settings.dialect.authenticationScheme == .md5
            ? Dialect.msnp11 : settings.dialect
        let bookDialect = settings.dialect.contactListMechanism == .addressBookSOAP ? settings.dialect : .msnp15
        var report = BenchReport(scenario: name, dialect: "\(synDialect.token) + \(bookDialect.token)", target: target.label)

        let syn = try await synPhase(target: target, dialect: synDialect, subject: subject, settings: settings,
                                     progress: progress)
        report.phases.append(.init(name: "SYN, \(contacts.count) contacts (\(synDialect.token))", clients: 1, result: syn))
        let book = try await addressBookPhase(target: target, dialect: bookDialect, subject: subject,
                                              contacts: contacts.count, settings: settings, progress: progress)
        report.phases.append(.init(name: "ABFindAll, \(contacts.count) contacts (\(bookDialect.token))", clients: 1,
                                   result: book.result))
        report.notes = ["cores: \(ProcessInfo.processInfo.activeProcessorCount); one sync at a time",
                        "SYN: SYN sent → last LST received; ABFindAll: POST sent → response parsed "
                            + "(\(book.bytes) bytes, \(contacts.count + 1) <Contact> elements with Me)"]
        return report
    }

    // MARK: - SYN

    private func synPhase(target: BenchTarget, dialect: Dialect, subject: BenchAccount, settings: BenchSettings,
                          progress: BenchProgress) async throws -> LoadResult {
        let server = try await PresenceScenario.notificationServer(of: target, dialect: dialect)
        let ticket = try await Self.tickets(target: target, dialect: dialect, accounts: [subject])[subject.email]!
        let waiter = SyncWaiter(countArgument: dialect.contactListMechanism == .compactSYN ? 1 : 2)
        let channel = try await OnlineNotificationClient.connect(server: server, dialect: dialect, email: subject.email,
                                                                 ticket: ticket) { frame in waiter.received(frame) }
        defer { channel.close(promise: nil) }
        let arguments = dialect.contactListMechanism == .compactSYN ? ["0"] : ["0", "0"]
        var id: UInt32 = 6
        return await LoadRunner.repeatRuns("SYN", unit: "syncs", settings: settings, progress: progress) {
            id += 1
            let trID = TransactionID(id)
            guard let elapsed = await waiter.run(transactionID: trID, timeout: Self.syncTimeout, send: {
                OnlineNotificationClient.send(Frame(verb: .syn, transactionID: trID, arguments: arguments), on: channel)
            }) else { throw BenchError("SYN \(id): no complete list within \(Self.syncTimeout)") }
            return elapsed
        }
    }

    // MARK: - ABFindAll

    private func addressBookPhase(target: BenchTarget, dialect: Dialect, subject: BenchAccount, contacts: Int,
                                  settings: BenchSettings, progress: BenchProgress) async throws
        -> (result: LoadResult, bytes: Int)
    {
        let ticket = try await Self.tickets(target: target, dialect: dialect, accounts: [subject])[subject.email]!
        guard let contactsTicket = ticket.tickets["contacts.msn.com"] else {
            throw BenchError("the RST answer had no contacts.msn.com ticket")
        }
        let url = target.httpBaseURL + "/abservice/abservice.asmx"
        let body = Self.findAllRequest(ticket: contactsTicket)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var size = 0
        let result = await LoadRunner.repeatRuns("ABFindAll", unit: "syncs", settings: settings, progress: progress) {
            let start = ContinuousClock.now
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "text/xml; charset=utf-8")
            request.headers.add(name: "SOAPAction", value: "http://www.msn.com/webservices/AddressBook/ABFindAll")
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await client.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: Self.maximumResponse)
            guard response.status == .ok else {
                throw BenchError("ABFindAll: HTTP \(response.status.code): \(String(buffer: bytes).prefix(200))")
            }
            let found = ContactCounter.count(Data(bytes.readableBytesView))
            guard found == contacts + 1 else { throw BenchError("ABFindAll: \(found) contacts, expected \(contacts + 1)") }
            size = bytes.readableBytes
            return ContinuousClock.now - start
        }
        try? await client.shutdown()
        return (result, size)
    }

    /// The `ABFindAll` envelope MSNP15 clients send.
    static func findAllRequest(ticket: String) -> String {
        let escaped = ticket.replacingOccurrences(of: "&", with: "&amp;")
        return """
            <?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\
            <soap:Header><ABApplicationHeader xmlns="http://www.msn.com/webservices/AddressBook">\
            <ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration>\
            <PartnerScenario>Initial</PartnerScenario></ABApplicationHeader>\
            <ABAuthHeader xmlns="http://www.msn.com/webservices/AddressBook"><ManagedGroupRequest>false</ManagedGroupRequest>\
            <TicketToken>\(escaped)</TicketToken></ABAuthHeader></soap:Header>\
            <soap:Body><ABFindAll xmlns="http://www.msn.com/webservices/AddressBook"><abId>00000000-0000-0000-0000-000000000000</abId>\
            <abView>Full</abView><deltasOnly>false</deltasOnly><lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange>\
            </ABFindAll></soap:Body></soap:Envelope>
            """
    }

    // MARK: - Shared


    /// A ticket for each of `accounts`, fetched over HTTP, ``ticketConcurrency`` at a time.
    static func tickets(target: BenchTarget, dialect: Dialect, accounts: [BenchAccount]) async throws
        -> [String: MessengerClient.PassportTicket]
    {
        let fetched = try await BenchTickets.fetch(target: target, dialect: dialect, accounts: accounts,
                                                   concurrency: ticketConcurrency, showsProgress: false)
        return Dictionary(fetched.map { ($0.email, $0.ticket) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Waits for one `SYN`'s whole answer on a connection: the `SYN` reply names the number of
/// `LST` lines to come; the last one ends the wait.
final class SyncWaiter: Sendable {
    private struct State {
        var transactionID: TransactionID?
        var expected: Int?
        var received = 0
        var sent = ContinuousClock.now
        var waiter: CheckedContinuation<Duration?, Never>?
    }

    /// Where the `SYN` reply carries the contact count (`SYN 6 ts ts 1000 0`: 2; `SYN 6 9 1000 1`: 1).
    private let countArgument: Int
    private let state = Mutex(State())

    init(countArgument: Int) { self.countArgument = countArgument }

    /// Sends (through `send`) and waits; `nil` after `timeout`.
    func run(transactionID: TransactionID, timeout: Duration, send: () -> Void) async -> Duration? {
        var timer: Task<Void, Never>?
        let elapsed: Duration? = await withCheckedContinuation { continuation in
            state.withLock { state in
                state = State(transactionID: transactionID, sent: ContinuousClock.now, waiter: continuation)
            }
            send()
            timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self.complete(nil) }
            }
        }
        timer?.cancel()
        return elapsed
    }

    /// A frame from the connection.
    func received(_ frame: Frame) {
        let now = ContinuousClock.now
        let done = state.withLock { state -> Bool in
            guard state.waiter != nil else { return false }
            if frame.verb == .syn, frame.transactionID == state.transactionID {
                state.expected = frame.argument(countArgument).flatMap { Int($0) } ?? 0
            } else if frame.verb == .lst {
                state.received += 1
            } else {
                return false
            }
            guard let expected = state.expected else { return false }
            return state.received >= expected
        }
        if done { complete(now) }
    }

    private func complete(_ at: ContinuousClock.Instant?) {
        let (waiter, sent) = state.withLock { state in
            defer { state.waiter = nil }
            return (state.waiter, state.sent)
        }
        waiter?.resume(returning: at.map { $0 - sent })
    }
}

/// Counts `<Contact>` elements of an `ABFindAll` response with Foundation's XML parser.
final class ContactCounter: NSObject, XMLParserDelegate {
    private var count = 0

    static func count(_ data: Data) -> Int {
        let counter = ContactCounter()
        let parser = XMLParser(data: data)
        parser.delegate = counter
        guard parser.parse() else { return -1 }
        return counter.count
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "Contact" { count += 1 }
    }
}
