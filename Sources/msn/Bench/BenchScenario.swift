import ArgumentParser
import MSNCore

/// Settings every scenario receives from `msn bench`.
struct BenchSettings: Sendable {
    /// Concurrent clients.
    var clients = 50
    /// How long each timed phase runs.
    var limits = LoadLimits(count: nil, duration: .seconds(10))
    /// The dialect the clients speak.
    var dialect: Dialect = .msnp11
    /// PBKDF2 iterations the server hashes passwords with.
    var passwordIterations = 210_000
    /// How many hashes the hash-cost phase times.
    var hashSamples = 20
    /// Print a progress line on standard error.
    var showsProgress = true
    /// The server's process id, for its resident memory (`--server-pid`, or the child server).
    var serverPID: Int32?
    /// Operation rates of the `mixed` scenario.
    var mixed = MixedRates()
    /// Messages/s of `relay`'s paced phase (`--paced-rate`); `nil`: half the measured peak.
    var relayPacedRate: Double?
    /// Time between two writes of one paced sender in `relay` (`--pace-period`).
    var relayPacePeriod: Duration = RelayPacer.period
}

/// One load pattern of `msn bench`: it drives a ``BenchTarget`` and reports what it measured.
///
/// New patterns (`presence`, `relay`, `idle`, `mixed`) conform to this, add a case to
/// ``BenchScenarioKind``, and reuse ``LoadRunner``, ``LatencyRecorder`` and ``BenchReport``.
protocol BenchScenario: Sendable {
    /// The name on the command line and in the report.
    var name: String { get }
    /// Runs the scenario. Failures of single operations are counted in the report, not thrown.
    func run(on target: BenchTarget, settings: BenchSettings) async throws -> BenchReport
    /// How many accounts an embedded network creates for this scenario (default: one per client).
    func embeddedAccounts(settings: BenchSettings) -> Int
    /// The PBKDF2 iterations of those accounts (default: `settings.passwordIterations`).
    func embeddedPasswordIterations(settings: BenchSettings) -> Int
}

extension BenchScenario {
    func embeddedAccounts(settings: BenchSettings) -> Int { settings.clients }
    func embeddedPasswordIterations(settings: BenchSettings) -> Int { settings.passwordIterations }
}

/// The scenarios `msn bench` knows.
enum BenchScenarioKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Full sign-ins, notification-server sign-ins with tickets in hand, the password-hash cost.
    case login
    /// Many signed-in sessions held open with keepalives: server memory per session.
    case idle
    /// A day in the life: sign-ins, status changes, conversations, messages, sign-outs.
    case mixed
    /// Fan-out of one account's `CHG` to N online contacts, with and without slow readers.
    case presence
    /// Contact-list sync of an account with N contacts: `SYN` (MSNP8–12) or `ABFindAll` (MSNP13+).
    case sync
    /// Switchboard messages per second, delivery latency at half that rate, a byte-relay ceiling.
    case relay

    /// The scenario itself.
    var scenario: any BenchScenario {
        switch self {
        case .login: LoginScenario()
        case .idle: IdleScenario()
        case .mixed: MixedScenario()
        case .presence: PresenceScenario()
        case .sync: SyncScenario()
        case .relay: RelayScenario()
        }
    }
}

/// A scenario that, without `--server`, starts its own server (``ServerProcess``: a child
/// process, so that the server's memory can be measured apart from the load generator's).
protocol SelfHostedBenchScenario: BenchScenario {
    func runOwnServer(settings: BenchSettings) async throws -> BenchReport
}
