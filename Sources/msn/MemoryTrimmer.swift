#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle

/// Gives the server's free heap memory back to the system now and then (`malloc_trim(0)`),
/// on Linux with glibc; does nothing elsewhere.
///
/// glibc keeps memory that was freed in the middle of its arenas: after a burst (a wave of
/// sign-ins, a backlog while the machine is busy) the resident size stays at the burst's high
/// water mark even once that memory is free again, so `msn bench mixed` saw the server's RSS
/// creep up for minutes while its live heap stayed flat. Trimming every `interval` makes the
/// RSS follow the live heap. One trim of a 100 MB process takes about a millisecond.
///
/// ```
/// msn serve --malloc-trim-interval 30
/// ```
struct MemoryTrimmer: Service {
    /// Time between two trims.
    var interval: Duration
    var logger: Logger

    func run() async throws {
        guard let trim = Self.mallocTrim else {
            logger.debug("malloc_trim is not available: memory is not trimmed")
            return
        }
        // Ends at the graceful shutdown like every other service.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                _ = trim(0)
            }
        }
    }

    /// glibc's `malloc_trim`, found at run time (it is not in the Swift `Glibc` module).
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
