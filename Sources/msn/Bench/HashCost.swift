import MSNAuth

/// Times the password hash the server runs once per Passport sign-in.
enum HashCost {
    /// Hashes a password `samples` times with PBKDF2-HMAC-SHA256 at `iterations`, one at a
    /// time on one thread, and reports the time of each.
    static func measure(iterations: Int, samples: Int) async -> LoadResult {
        let salt = [UInt8](repeating: 0x5A, count: PasswordHash.saltByteCount)
        let runner = LoadRunner(label: "password hash", concurrency: 1,
                                limits: LoadLimits(count: max(1, samples), duration: .seconds(60)),
                                showsProgress: false)
        return await runner.run { _, iteration in
            _ = try PasswordHash.make(password: "bench-password-\(iteration)", salt: salt, iterations: iterations)
        }
    }
}
