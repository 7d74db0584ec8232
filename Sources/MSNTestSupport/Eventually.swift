/// Waits until `condition` holds, checking it again every 10 ms, for at most `timeout`.
///
/// For a test that must see a state another task or connection reaches on its own time (a
/// session gone from the server's registry, a status set by another client): it waits for that
/// state itself rather than for a guessed delay, and fails with ``EventuallyTimeout`` when the
/// state is not reached in time.
///
/// ```swift
/// try await eventually("bob is signed out") { await network.registry.sessions(of: "bob@example.com").isEmpty }
/// ```
public func eventually(_ what: String, within timeout: Duration = .seconds(10),
                       _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return }
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(what: what, timeout: timeout) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// The condition given to ``eventually(_:within:_:)`` did not hold in time.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    public let what: String
    public let timeout: Duration
    public var description: String { "not reached within \(timeout): \(what)" }
}

extension TestNetwork {
    /// Waits until no notification session of `email` is left on the server.
    public func waitUntilSignedOut(_ email: String, within timeout: Duration = .seconds(10)) async throws {
        try await eventually("\(email) is signed out", within: timeout) { await registry.sessions(of: email).isEmpty }
    }
}
