import Foundation
import Logging
import MSNClient
import MSNServer

/// The network of `msn bench idle` and `mixed` without `--server`: the same `msn` executable
/// started again as a child process, `msn serve --print-ports` on free loopback ports with a
/// temporary data directory, so that its resident memory is the server's alone (the load
/// generator's connections and tasks live in this process).
///
/// ```swift
/// try await ServerProcess.withRunning(accounts: 10_000, contacts: []) { target, pid in … }
/// ```
/// The accounts (and their contact lists) are written straight into the store before the
/// server starts; the server is stopped with `SIGTERM` and the directory removed afterwards.
enum ServerProcess {
    /// PBKDF2 iterations of the bench accounts' password hashes and of the child server (a
    /// ticket costs one hash; the sign-ins measured here use tickets already in hand).
    static let passwordIterations = 1_000

    /// Starts the server with `count` accounts (``EmbeddedNetwork/email(_:)``) and the mutual
    /// contact pairs `contacts` (indices into the accounts), runs `body`, stops the server.
    static func withRunning<Result: Sendable>(
        accounts count: Int, contacts: [(Int, Int)] = [],
        _ body: (BenchTarget, Int32) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msn-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let accounts = (1...max(1, count)).map { BenchAccount(email: EmbeddedNetwork.email($0), password: EmbeddedNetwork.password) }
        do {
            let logger = Logger(label: "msn.bench", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try SQLiteMessengerStore(
                configuration: .init(directory: directory.path, passwordIterations: passwordIterations), logger: logger)
            defer { try? store.close() }
            try await store.importPopulation(emails: accounts.map(\.email), password: EmbeddedNetwork.password,
                                             mutualContacts: contacts)
        }

        let arguments = ["serve", "--data", directory.path, "--port", "0", "--ns-port", "0", "--sb-port", "0",
                             "--http-port", "0", "--print-ports", "--log-level", "warning",
                             "--password-iterations", String(passwordIterations),
                             // Every bench client connects from 127.0.0.1.
                             "--max-connections-per-address", "0", "--max-changes-per-second", "0",
                             // Gone with this process, even when it crashes.
                             "--parent-pid", String(getpid())]
        // ChildProcess, not Foundation's Process: its run() can crash in a process with many
        // sockets open (see ChildProcess).
        let output = try ChildProcess.makePipe()
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(path: try executable().path, arguments: arguments, output: output.write)
        } catch {
            _ = close(output.read); _ = close(output.write)
            throw error
        }
        _ = close(output.write)
        let reading = FileHandle(fileDescriptor: output.read, closeOnDealloc: true)
        defer {
            if process.isRunning {
                process.terminate()
                let deadline = Date().addingTimeInterval(30)
                while process.isRunning, Date() < deadline { usleep(20_000) }
                if process.isRunning { process.signal(SIGKILL) }
            }
        }
        let ready = try await readyLine(from: reading, process: process)
        let target = BenchTarget(server: ServerAddress(host: "127.0.0.1", port: ready.dispatch),
                                 notificationServer: ServerAddress(host: "127.0.0.1", port: ready.notification),
                                 httpBaseURL: "http://127.0.0.1:\(ready.http)", accounts: accounts,
                                 label: "embedded (child process \(process.processIdentifier))")
        return try await body(target, process.processIdentifier)
    }

    /// Reads the `--print-ports` line (within 60 s).
    private static func readyLine(from handle: FileHandle, process: ChildProcess) async throws -> ServeReadyLine {
        let reader = Task.detached { () -> Data in
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return data
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(60))
            if process.isRunning { process.terminate() }
        }
        defer { timeout.cancel() }
        let data = await reader.value
        guard let line = data.split(separator: UInt8(ascii: "\n")).first,
              let ready = try? JSONDecoder().decode(ServeReadyLine.self, from: Data(line))
        else { throw BenchError("the server process did not start (no ports line on its standard output)") }
        return ready
    }

    /// The `msn` executable: `MSN_EXECUTABLE`, this process when it is `msn`, else an `msn`
    /// next to this process's executable (the test runner in `.build/debug`).
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["MSN_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if me.lastPathComponent == "msn" { return me }
        var directory = me.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("msn")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw BenchError("cannot find the msn executable next to \(me.path); set MSN_EXECUTABLE")
    }
}

/// Resident memory and open-file limits.
enum ProcessResources {
    /// `VmRSS` of process `pid` in bytes, from `/proc/PID/status`; `nil` when unreadable.
    static func residentBytes(of pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// Raises the soft open-file limit to the hard one; returns the soft limit now in force.
    @discardableResult
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// `1234.5 MB`.
    static func megabytes(_ bytes: Int) -> String {
        BenchReportPrinter.format(Double(bytes) / 1_048_576, 1) + " MB"
    }
}
