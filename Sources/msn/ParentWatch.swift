import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `msn serve --parent-pid N`: sends this process `SIGTERM` (a graceful stop) once process `N`
/// is gone. A server started by `msn bench` or by a test then does not outlive a parent that
/// crashed — nor hold on to the parent's standard error, which would keep `swift test` waiting
/// for the end of its output.
///
/// When `N` is the parent, "gone" means no longer the parent (the orphan was handed to init or a
/// subreaper), which also holds while a dead parent is a zombie nobody has reaped. When `N` is
/// further up — a wrapper such as `heaptrack` or `valgrind` sits in between, as in
/// `scripts/heap-profile.sh` — it means that no process `N` exists any more. The id is given
/// rather than read at start, when the parent may already be gone.
enum ParentWatch {
    /// Checks every half second until cancelled or process `parent` is gone.
    static func signalWhenOrphaned(from parent: pid_t, every interval: Duration = .milliseconds(500)) async {
        let direct = getppid() == parent
        // The first check after one interval: by then the service group handles SIGTERM.
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            if direct ? getppid() != parent : isGone(parent) {
                _ = kill(getpid(), SIGTERM)
                return
            }
        }
    }

    /// No process `pid` exists, or it has exited and waits to be reaped (a zombie still
    /// answers `kill(pid, 0)`).
    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state == "Z" || state == "X"
    }
}
