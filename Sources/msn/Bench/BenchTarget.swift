import Logging
import MSNClient
import MSNCore

/// An account the load generator signs in with.
struct BenchAccount: Sendable, Hashable {
    var email: String
    var password: String
}

/// The network a benchmark drives: where to connect, and with which accounts.
struct BenchTarget: Sendable {
    /// The first server a full sign-in connects to (normally the dispatch server).
    var server: ServerAddress
    /// The notification server, for sign-ins with a ticket in hand; `nil`: learnt from the
    /// redirect of a first full sign-in.
    var notificationServer: ServerAddress?
    /// The HTTP services (Nexus, Passport, RST).
    var httpBaseURL: String
    /// One account per client; clients beyond the list reuse accounts round-robin.
    var accounts: [BenchAccount]
    /// `embedded` or `host:port`, for the report.
    var label: String

    /// The account of client `worker`.
    func account(for worker: Int) -> BenchAccount {
        accounts[worker % accounts.count]
    }

    /// A client that logs warnings and errors only (a sign-in logs at `info`).
    func makeClient(dialect: Dialect) -> MessengerClient {
        var logger = Logger(label: "msn.bench")
        logger.logLevel = .warning
        return MessengerClient(configuration: clientConfiguration(dialect: dialect), logger: logger)
    }

    /// A client configuration for one sign-in in `dialect`.
    func clientConfiguration(dialect: Dialect, server: ServerAddress? = nil) -> MessengerClient.Configuration {
        var configuration = MessengerClient.Configuration(server: server ?? self.server)
        configuration.httpBaseURL = httpBaseURL
        configuration.dialects = [dialect]
        configuration.timeouts.connect = .seconds(10)
        configuration.timeouts.reply = .seconds(30)
        configuration.timeouts.http = .seconds(30)
        // The login benchmark measures sign-in only: no contact list, no first CHG.
        configuration.synchronizesContactList = false
        configuration.initialStatus = nil
        return configuration
    }
}
