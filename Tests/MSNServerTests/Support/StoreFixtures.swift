import Logging
import MSNServer

/// Logs nowhere: tests assert on results, not on log lines.
let quietLogger = Logger(label: "msn.test", factory: { _ in SwiftLogNoOpLogHandler() })

/// PBKDF2 iterations for tests: fast, but still the real code path.
let testIterations = 1_000

/// A store in a fresh temporary directory, closed after `body`.
func withTestStore<T>(iterations: Int = testIterations, _ body: (SQLiteMessengerStore, String) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { directory in
        let store = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: iterations), logger: quietLogger)
        defer { try? store.close() }
        return try await body(store, directory)
    }
}
