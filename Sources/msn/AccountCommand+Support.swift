import ArgumentParser
import Foundation
import Logging
import MSNServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens the store, runs one account action, prints its outcome, and turns failures into one
/// line on standard error and exit status 1.
enum AccountCommandRunner {
    static func run(data: String, _ action: (AccountAdministration) async throws -> String) async throws {
        do {
            // The CLI writes its own one-line messages; the store's logs would only repeat them.
            let silent = Logger(label: "msn.account", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try SQLiteMessengerStore(configuration: .init(directory: data), logger: silent)
            defer { try? store.close() }
            let output = try await action(AccountAdministration(store: store))
            if !output.isEmpty {
                print(output)
            }
        } catch let error as StoreError {
            try fail(error.description)
        } catch let error as PasswordInput.Failure {
            try fail(error.message)
        }
    }

    private static func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("msn: \(message)\n".utf8))
        throw ExitCode.failure
    }
}

/// Reads a password from the terminal without echo, or from standard input.
enum PasswordInput {
    /// Why no password could be read.
    struct Failure: Error {
        var message: String
    }

    /// Reads a password.
    ///
    /// - Parameters:
    ///   - fromStandardInput: Read the first line of standard input even if it is a terminal.
    ///   - confirm: On a terminal, ask twice and require both to match.
    static func read(fromStandardInput: Bool, confirm: Bool) throws(Failure) -> String {
        guard !fromStandardInput, isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw Failure(message: "no password on standard input")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let password = try prompt("Password: ")
        if confirm, try prompt("Retype password: ") != password {
            throw Failure(message: "the passwords do not match")
        }
        return password
    }

    /// Prompts on standard error and reads one line from the terminal with echo off.
    private static func prompt(_ text: String) throws(Failure) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        let canSilence = tcgetattr(STDIN_FILENO, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if canSilence {
                _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            }
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw Failure(message: "no password entered")
        }
        return line
    }
}
