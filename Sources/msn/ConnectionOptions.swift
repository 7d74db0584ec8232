import ArgumentParser
import Foundation
import Logging
import MSNClient
import MSNCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The connection options every signed-in command shares (`msn login`, `msn contacts`, …).
///
/// ```
/// msn contacts alice@example.com --server 127.0.0.1:1863 --http http://127.0.0.1:8080 --dialect MSNP15 --trace
/// ```
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The dispatch or notification server, host:port.")
    var server: String = "127.0.0.1:1863"

    @Option(help: "The base URL of the HTTP services (Nexus, Passport, RST, address book).")
    var http: String = "http://127.0.0.1:8080"

    @Option(name: .customLong("dialect"), parsing: .upToNextOption,
            help: "Dialects to offer, e.g. MSNP8 MSNP11 (default: MSNP2–MSNP18).")
    var dialects: [String] = []

    @Flag(help: "Read the password from standard input instead of the terminal.")
    var passwordStdin = false

    @Flag(help: "Print every line sent (>>>) and received (<<<).")
    var trace = false

    /// The client configuration these options describe.
    func configuration() throws(CommandFailure) -> MessengerClient.Configuration {
        guard let address = ServerAddress(server) else { throw CommandFailure("not a host:port: \(server)") }
        var offered: [Dialect] = []
        for token in dialects {
            guard let dialect = Dialect(token: token.uppercased()) ?? Int(token).flatMap(Dialect.init(version:)) else {
                throw CommandFailure("unknown dialect \(token) (MSNP2 … MSNP18)")
            }
            offered.append(dialect)
        }
        var configuration = MessengerClient.Configuration(server: address)
        configuration.httpBaseURL = http
        if !offered.isEmpty { configuration.dialects = offered }
        if trace { configuration.trace = Self.printTrace }
        return configuration
    }

    /// The configuration and the password, or one line on standard error and exit status 1:
    /// what an interactive command needs before it signs in.
    func configurationAndPassword() -> (MessengerClient.Configuration, String) {
        do throws(CommandFailure) {
            return (try configuration(), try readPassword())
        } catch {
            error.exit()
        }
    }

    /// The password, from standard input or the terminal.
    func readPassword() throws(CommandFailure) -> String {
        guard let password = passwordStdin ? readLine(strippingNewline: true) : Self.readPasswordFromTerminal() else {
            throw CommandFailure("no password given")
        }
        return password
    }

    /// Signs in with `initialStatus`, runs `body`, signs out and closes the client, whatever happens.
    func withSession<Result: Sendable>(
        email: String, password: String, initialStatus: PresenceStatus?, action: String,
        _ body: (MessengerClient, SignedInAccount) async throws -> Result
    ) async throws(CommandFailure) -> Result {
        var configuration = try configuration()
        configuration.initialStatus = initialStatus
        var logger = Logger(label: "msn.cli")
        logger.logLevel = .warning
        let client = MessengerClient(configuration: configuration, logger: logger)
        do {
            let account = try await client.signIn(email: email, password: password)
            let result = try await body(client, account)
            await client.signOut()
            await client.close()
            return result
        } catch {
            await client.close()
            throw CommandFailure("\(action) failed: \(error)")
        }
    }

    /// `>>> USR 3 TWN I alice@example.com`, payload lines indented below.
    @Sendable
    static func printTrace(_ record: TraceRecord) {
        let text = record.printedLines.map { $0 + "\n" }.joined()
        // `try?`: a closed pipe (`| head`) ends the output, not the process.
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    /// Prompts on standard error and reads a line with echo off when standard input is a terminal.
    static func readPasswordFromTerminal() -> String? {
        FileHandle.standardError.write(Data("Password: ".utf8))
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}

/// A command's failure: one line for standard error, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }

    /// Writes `msn: <message>` to standard error and exits with status 1.
    func exit() -> Never {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("msn: \(line)\n".utf8))
        Foundation.exit(1)
    }
}

/// Runs a command body that yields output lines: prints them, or the failure and exits 1.
func runPrinting(_ body: () async throws(CommandFailure) -> [String]) async {
    do throws(CommandFailure) {
        for line in try await body() { print(line) }
    } catch {
        error.exit()
    }
}
