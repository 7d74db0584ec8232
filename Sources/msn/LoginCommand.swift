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

/// `msn login EMAIL`: signs in, says as whom and in which dialect, signs out.
///
/// ```
/// $ msn login alice@example.com --dialect MSNP8 --password-stdin --trace <<< secret
/// >>> VER 1 MSNP8 CVR0
/// <<< VER 1 MSNP8
/// …
/// signed in as alice@example.com (MSNP8) on 127.0.0.1:1863
/// ```
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to an MSN server, report the account and dialect, then sign out."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Option(help: "The dispatch or notification server, host:port.")
    var server: String = "127.0.0.1:1863"

    @Option(help: "The base URL of the HTTP services (Nexus, Passport, RST).")
    var http: String = "http://127.0.0.1:8080"

    @Option(name: .customLong("dialect"), parsing: .upToNextOption,
            help: "Dialects to offer, e.g. MSNP8 MSNP11 (default: MSNP2–MSNP18).")
    var dialects: [String] = []

    @Flag(help: "Read the password from standard input instead of the terminal.")
    var passwordStdin = false

    @Flag(help: "Print every line sent (>>>) and received (<<<).")
    var trace = false

    func run() async throws {
        guard let address = ServerAddress(server) else {
            fail("not a host:port: \(server)")
        }
        var offered: [Dialect] = []
        for token in dialects {
            guard let dialect = Dialect(token: token.uppercased()) ?? Int(token).flatMap(Dialect.init(version:)) else {
                fail("unknown dialect \(token) (MSNP2 … MSNP18)")
            }
            offered.append(dialect)
        }
        guard let password = passwordStdin ? readLine(strippingNewline: true) : Self.readPasswordFromTerminal() else {
            fail("no password given")
        }

        var configuration = MessengerClient.Configuration(server: address)
        configuration.httpBaseURL = http
        if !offered.isEmpty { configuration.dialects = offered }
        if trace { configuration.trace = Self.printTrace }

        var logger = Logger(label: "msn.login")
        logger.logLevel = .warning
        let client = MessengerClient(configuration: configuration, logger: logger)
        do {
            let account = try await client.signIn(email: email, password: password)
            var line = "signed in as \(account.email)"
            if let name = account.friendlyName, name != account.email { line += " (\(name))" }
            line += " in \(account.dialect) on \(account.server)"
            print(line)
            await client.signOut()
            await client.close()
        } catch {
            await client.close()
            fail("login failed: \(error)")
        }
    }

    /// Writes one line to standard error and exits with status 1.
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("msn: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// `>>> USR 3 TWN I alice@example.com`, payload lines indented below.
    @Sendable
    static func printTrace(_ record: TraceRecord) {
        var text = (record.direction == .sent ? ">>> " : "<<< ") + record.line + "\n"
        if let payload = record.payload, !payload.isEmpty {
            var lines = payload.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            if lines.last?.isEmpty == true { lines.removeLast() }
            for line in lines { text += "    " + line + "\n" }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
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
