#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A child process started with `posix_spawn`: its standard input, output and error are the
/// descriptors given, and no other descriptor of this process is passed on.
///
/// Used instead of Foundation's `Process`, whose `run()` on Linux (through Swift 6.3) reads past
/// the end of a `/proc/self/fd` directory entry while it looks for descriptors to close, and
/// so crashes now and then in a process with many sockets open — such as the test runner, or
/// `msn bench` with thousands of connections.
///
/// ```swift
/// let child = try ChildProcess.spawn(path: "/usr/bin/true", arguments: [])
/// let status = await child.waitUntilExit(within: .seconds(10))   // 0
/// ```
final class ChildProcess: Sendable {
    /// The child's process id.
    let processIdentifier: pid_t
    /// The child's exit status once reaped (`128 + signal` when a signal ended it).
    private let exitStatus = Mutex<Int32?>(nil)

    private init(processIdentifier: pid_t) {
        self.processIdentifier = processIdentifier
    }

    /// Starts `path` with `arguments` and this process's environment; descriptors `input`,
    /// `output` and `error` (kept open here; close them after the call) become the child's 0, 1
    /// and 2 — `nil` means `/dev/null` for input and this process's own for output and error.
    static func spawn(path: String, arguments: [String], input: Int32? = nil, output: Int32? = nil,
                      error: Int32? = nil) throws(SpawnError) -> ChildProcess {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw SpawnError(call: "open /dev/null", code: errno) }
        defer { _ = close(null) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input ?? null, 0)
        posix_spawn_file_actions_adddup2(&actions, output ?? 1, 1)
        posix_spawn_file_actions_adddup2(&actions, error ?? 2, 2)
        // Nothing else is inherited (a child holding the test runner's sockets or pipes would
        // keep them open after this process closes them).
        guard closeFrom(3, &actions) else { throw SpawnError(call: "posix_spawn_file_actions_addclosefrom_np", code: ENOSYS) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = argv.withUnsafeBufferPointer { argv in
            posix_spawn(&pid, path, &actions, nil, argv.baseAddress!, environ)
        }
        guard result == 0 else { throw SpawnError(call: "posix_spawn \(path)", code: result) }
        return ChildProcess(processIdentifier: pid)
    }

    /// A pipe whose ends are closed in any child started later (give one end to ``spawn``).
    static func makePipe() throws(SpawnError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SpawnError(call: "pipe", code: errno) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// `true` until the child has exited (and been reaped here).
    var isRunning: Bool { reap() == nil }

    /// The exit status, `nil` while it runs.
    var terminationStatus: Int32? { reap() }

    /// Sends `SIGTERM`.
    func terminate() { signal(SIGTERM) }

    /// Sends `signal` unless the child was already reaped.
    func signal(_ signal: Int32) {
        exitStatus.withLock { status in
            if status == nil { _ = kill(processIdentifier, signal) }
        }
    }

    /// Waits for the exit, for at most `timeout`; then sends `SIGKILL` and waits for that.
    /// Returns the exit status.
    @discardableResult
    func waitUntilExit(within timeout: Duration) async -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap() { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
        signal(SIGKILL)
        while true {
            if let status = reap() { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Reaps the child if it has exited; its status.
    private func reap() -> Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            let result = waitpid(processIdentifier, &raw, WNOHANG)
            if result == processIdentifier {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            } else if result < 0 && errno != EINTR {
                status = -1   // not our child any more (reaped elsewhere)
            }
            return status
        }
    }

    /// A system call that starting a child needs failed.
    struct SpawnError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }
}

/// Adds "close every descriptor from `lowest` up" to `actions` (glibc 2.34+, which Swift's
/// Glibc module does not declare: looked up at run time). `false` when it is not available.
private func closeFrom(_ lowest: Int32, _ actions: inout posix_spawn_file_actions_t) -> Bool {
    #if os(Linux)
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return false }
    let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
    return addCloseFrom(&actions, lowest) == 0
    #else
    return true
    #endif
}
