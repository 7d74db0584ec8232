import Foundation
import Testing
@testable import msn

/// ``ChildProcess``: exit status, standard streams, and nothing else inherited.
@Suite("Child processes", .timeLimit(.minutes(1)))
struct ChildProcessTests {
    /// Runs `/bin/sh -c script` with `input`; its exit status and standard output.
    static func shell(_ script: String, input: String = "") async throws -> (status: Int32, output: String) {
        let stdin = try ChildProcess.makePipe(), stdout = try ChildProcess.makePipe()
        let child = try ChildProcess.spawn(path: "/bin/sh", arguments: ["-c", script], input: stdin.read, output: stdout.write)
        _ = close(stdin.read)
        _ = close(stdout.write)
        let writer = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        writer.write(Data(input.utf8))
        try writer.close()
        let status = await child.waitUntilExit(within: .seconds(20))
        let reader = FileHandle(fileDescriptor: stdout.read, closeOnDealloc: true)
        let output = String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self)
        return (status, output)
    }

    @Test("The exit status, standard input and output")
    func statusAndStreams() async throws {
        #expect(try await Self.shell("exit 3").status == 3)
        let echoed = try await Self.shell("cat; echo done", input: "hello\n")
        #expect(echoed.status == 0)
        #expect(echoed.output == "hello\ndone\n")
    }

    @Test("A descriptor open here without close-on-exec is not passed on")
    func onlyTheStandardStreamsAreInherited() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)   // deliberately without FD_CLOEXEC
        defer { _ = close(ends[0]); _ = close(ends[1]) }
        let listing = try await Self.shell("ls /proc/$$/fd")
        let descriptors = Set(listing.output.split(separator: "\n").compactMap { Int32($0) })
        #expect(!descriptors.contains(ends[0]) && !descriptors.contains(ends[1]), "\(descriptors.sorted())")
        #expect(descriptors.isSuperset(of: [0, 1, 2]))
    }

    @Test("A child that outlives the wait is killed and reaped")
    func killedAfterTheWait() async throws {
        let child = try ChildProcess.spawn(path: "/bin/sh", arguments: ["-c", "sleep 30"])
        #expect(child.isRunning)
        let status = await child.waitUntilExit(within: .milliseconds(200))
        #expect(status == 128 + SIGKILL)
        #expect(!child.isRunning)
    }

    @Test("A missing executable is a typed error")
    func missingExecutable() {
        #expect(throws: ChildProcess.SpawnError.self) {
            try ChildProcess.spawn(path: "/nonexistent/msn", arguments: [])
        }
    }
}

/// `msn serve --parent-pid` stops once that process is gone.
@Suite("msn serve --parent-pid", .timeLimit(.minutes(1)))
struct StopWithParentTests {
    /// Runs `body` with a shell command line that starts `msn serve --parent-pid <parent>` on free
    /// ports in a temporary data directory, its streams detached; skipped when the debug
    /// binary is not built in this layout.
    static func withServeCommand(parent: String, _ body: (String) async throws -> Void) async throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/msn")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("msn-parent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body("'\(binary.path)' serve --data '\(directory.path)' --port 0 --ns-port 0 --sb-port 0 --http-port 0 "
            + "--log-level error --parent-pid \(parent) >/dev/null 2>&1 </dev/null")
    }

    @Test("A server whose parent exits stops on its own")
    func stopsWhenOrphaned() async throws {
        try await Self.withServeCommand(parent: "$$") { serve in
            // The shell starts the server in the background, says its pid, and exits at once.
            let started = try await ChildProcessTests.shell(serve + " & echo $!")
            #expect(started.status == 0)
            let pid = try #require(pid_t(started.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            defer { _ = kill(pid, SIGKILL) }
            // Gone (or a zombie nobody reaped yet) within a few checks of its parent watch.
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline, !ParentWatch.isGone(pid) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(ParentWatch.isGone(pid), "msn serve \(pid) still runs after its parent exited")
        }
    }

    @Test("With a wrapper in between, the server runs while the given process lives and stops after it")
    func stopsWhenAncestorExits() async throws {
        try await Self.withServeCommand(parent: "$P") { serve in
            // `sleep` stands for `msn bench`; a subshell that waits for the server stands for a
            // wrapper such as heaptrack, so the server's parent is not the process it was given.
            let script = "sleep 60 >/dev/null 2>&1 </dev/null & P=$!; echo $P; "
                + "( \(serve) & echo $!; exec >/dev/null 2>&1; wait ) &"
            let started = try await ChildProcessTests.shell(script)
            let pids = started.output.split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
            try #require(pids.count == 2, "\(started.output)")
            let (ancestor, server) = (pids[0], pids[1])
            defer {
                _ = kill(server, SIGKILL)
                _ = kill(ancestor, SIGKILL)
            }
            // Several checks of the watch (every 0.5 s) while the ancestor lives: still running.
            try await Task.sleep(for: .seconds(2))
            #expect(!ParentWatch.isGone(server), "msn serve stopped although process \(ancestor) still runs")
            _ = kill(ancestor, SIGKILL)
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline, !ParentWatch.isGone(server) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(ParentWatch.isGone(server), "msn serve \(server) still runs after process \(ancestor) exited")
        }
    }
}
