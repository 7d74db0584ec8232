#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `msn serve --parent-pid N`: sends this process `SIGTERM` (a graceful stop) once process `N`
/// is no longer its parent (an orphan is handed to init or a subreaper). The parent's id is
/// given rather than read at start, when the parent may already be gone. A server started by `msn bench` or by a test then does not
/// outlive a parent that crashed — nor hold on to the parent's standard error, which would keep
/// `swift test` waiting for the end of its output.
enum ParentWatch {
    /// Checks every half second until cancelled or the parent is not `parent`.
    static func signalWhenOrphaned(from parent: pid_t, every interval: Duration = .milliseconds(500)) async {
        // The first check after one interval: by then the service group handles SIGTERM.
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            if getppid() != parent {
                _ = kill(getpid(), SIGTERM)
                return
            }
        }
    }
}
