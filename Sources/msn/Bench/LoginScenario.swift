import Foundation
import MSNAuth
import MSNClient
import MSNCore
import MSNServer

/// `msn bench login`: how fast the network signs people in.
///
/// Three phases:
/// 1. **full sign-in** — `MessengerClient.signIn` then `signOut`, end to end: dispatch
///    redirect, notification server, Passport/RST over HTTP (one PBKDF2 password check),
///    `USR … OK`, `OUT`.
/// 2. **NS sign-in, ticket in hand** — each account's ticket is fetched once beforehand; only
///    the notification server's exchange is timed (`VER`, `CVR`, `USR I`, `USR S`, `OUT`), with
///    a fresh nonce and MBI blob for every SSO sign-in.
/// 3. **password hash** — one PBKDF2 hash at the server's iteration count, on one thread.
struct LoginScenario: BenchScenario {
    var name: String { "login" }

    /// Most tickets fetched at once before phase 2 (each costs the server one password hash).
    static let ticketConcurrency = 4

    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport {
        let dialect = settings.dialect
        guard dialect.authenticationScheme != .md5 else {
            throw BenchError("the login scenario needs a Passport dialect (MSNP8–MSNP18), not \(dialect)")
        }
        var report = BenchReport(scenario: name, dialect: dialect.token, target: target.label)

        let full = await LoadRunner(label: "full sign-in", concurrency: settings.clients, limits: settings.limits,
                                    showsProgress: settings.showsProgress)
            .run { worker, _ in try await Self.fullSignIn(target: target, dialect: dialect, worker: worker) }
        report.phases.append(.init(name: "full sign-in", clients: settings.clients, result: full))

        let notificationServer: ServerAddress
        if let known = target.notificationServer {
            notificationServer = known
        } else {
            notificationServer = try await Self.fullSignIn(target: target, dialect: dialect, worker: 0)
        }
        let tickets = try await Self.fetchTickets(target: target, dialect: dialect, count: settings.clients)
        let client = NotificationLoginClient(server: notificationServer, dialect: dialect)
        let ns = await LoadRunner(label: "NS sign-in, ticket in hand", concurrency: settings.clients,
                                  limits: settings.limits, showsProgress: settings.showsProgress)
            .run { worker, _ in
                let slot = worker % tickets.count
                try await client.signIn(email: tickets[slot].email, ticket: tickets[slot].ticket)
            }
        report.phases.append(.init(name: "NS sign-in, ticket in hand", clients: settings.clients, result: ns))

        let hash = await HashCost.measure(iterations: settings.passwordIterations, samples: settings.hashSamples)
        report.phases.append(.init(name: "password hash (\(settings.passwordIterations) it.)", clients: 1, result: hash))
        report.notes = Self.notes(full: full, ns: ns, hash: hash)
        return report
    }

    /// One end-to-end sign-in and sign-out; returns the notification server it ended on.
    @discardableResult
    static func fullSignIn(target: BenchTarget, dialect: Dialect, worker: Int) async throws -> ServerAddress {
        let account = target.account(for: worker)
        let client = target.makeClient(dialect: dialect)
        do {
            let signedIn = try await client.signIn(email: account.email, password: account.password)
            await client.signOut()
            await client.close()
            return signedIn.server
        } catch {
            await client.close()
            throw error
        }
    }

    /// Fetches one ticket for each of the first `count` accounts (fewer if there are fewer).
    static func fetchTickets(target: BenchTarget, dialect: Dialect, count: Int) async throws -> [BenchTickets.Ticket] {
        try await BenchTickets.fetch(target: target, dialect: dialect, accounts: Array(target.accounts.prefix(max(1, count))),
                                     concurrency: ticketConcurrency, showsProgress: false)
    }

    /// What the figures mean together: how much of a full sign-in is password hashing.
    static func notes(full: LoadResult, ns: LoadResult, hash: LoadResult) -> [String] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let hashMilliseconds = hash.latency.p50.milliseconds
        var notes = ["cores: \(cores); password hash p50 \(BenchReportPrinter.format(hashMilliseconds, 2)) ms on one core"]
        if hashMilliseconds > 0 {
            let ceiling = Double(cores) * 1_000 / hashMilliseconds
            notes.append("hashing alone caps full sign-ins at \(BenchReportPrinter.format(ceiling, 1))/s on \(cores) cores")
        }
        if full.rate > 0 {
            let cpuPerSignIn = Double(cores) * 1_000 / full.rate
            let share = hashMilliseconds / cpuPerSignIn * 100
            notes.append("a full sign-in costs ≤ \(BenchReportPrinter.format(cpuPerSignIn, 2)) ms of machine time "
                + "(cores ÷ rate); the hash is \(BenchReportPrinter.format(share, 0)) % of it, the rest "
                + "\(BenchReportPrinter.format(cpuPerSignIn - hashMilliseconds, 2)) ms")
        }
        if ns.rate > 0, full.rate > 0 {
            notes.append("NS sign-ins with tickets run \(BenchReportPrinter.format(ns.rate / full.rate, 0))× the full rate")
        }
        return notes
    }
}
