import Foundation
import GRDB
import Logging
import MSNAuth
import NIOPosix
import Synchronization

/// The default ``MessengerStore``: SQLite through GRDB, in WAL mode, in a data directory.
///
/// ```swift
/// let store = try SQLiteMessengerStore(configuration: .init(directory: "./msn-data"))
/// let alice = try await store.createAccount(email: "alice@example.com", displayName: nil,
///                                           password: "secret", legacyMD5: false)
/// ```
///
/// The directory is created (mode 0700) on first use and holds `messenger.sqlite` (with its
/// `-wal` and `-shm` companions) and `legacy-md5.key`. Several processes may open the same
/// directory at once — `msn account add` while `msn serve` runs — thanks to WAL mode and a
/// busy timeout. Writes use `PRAGMA synchronous = FULL`, so a write has reached the disk when
/// its call returns.
///
/// Password hashing (PBKDF2, tens of milliseconds) runs on NIO's blocking thread pool, not on
/// the caller's executor.
public final class SQLiteMessengerStore: MessengerStore {
    /// How to open the store.
    public struct Configuration: Sendable {
        /// The data directory; created if missing.
        public var directory: String
        /// PBKDF2 iterations for new password hashes; hashes with fewer are upgraded at the
        /// next successful sign-in. Default `MSNAuth/PasswordHash/defaultIterations`.
        public var passwordIterations: Int
        /// How long a write waits for another process's write lock before failing.
        /// Default 5 seconds.
        public var busyTimeout: Duration
        /// The most contacts one account's lists may hold (`210` beyond). Default 1000.
        public var maximumContacts: Int
        /// The most groups one account may have (`223` beyond). Default 30.
        public var maximumGroups: Int

        /// File name of the database inside ``directory``.
        public static let databaseFileName = "messenger.sqlite"

        /// Creates a configuration.
        public init(directory: String, passwordIterations: Int = PasswordHash.defaultIterations, busyTimeout: Duration = .seconds(5),
                    maximumContacts: Int = 1000, maximumGroups: Int = 30) {
            self.directory = directory
            self.maximumContacts = maximumContacts
            self.maximumGroups = maximumGroups
            self.passwordIterations = passwordIterations
            self.busyTimeout = busyTimeout
        }
    }

    let configuration: Configuration
    let pool: DatabasePool
    let logger: Logger
    let legacyCipher: Result<LegacyPasswordCipher, StoreError>
    /// A hash of a random password, verified against when the account is unknown so that a
    /// failed sign-in takes the same time whether or not the account exists.
    let decoyHash = Mutex<String?>(nil)
    /// Allowed watchers of accounts with many, forgotten at every write.
    let watcherCache = WatcherCache()

    /// Opens (creating if needed) the store in `configuration.directory` and runs pending
    /// migrations.
    ///
    /// - Throws: ``StoreError`` with code `database` when the directory or database cannot be
    ///   opened, or a migration fails.
    public init(configuration: Configuration, logger: Logger = Logger(label: "msn.store")) throws(StoreError) {
        self.configuration = configuration
        self.logger = logger
        let directory = configuration.directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(code: .database, message: "cannot create the data directory \(directory): \(error.localizedDescription)")
        }
        var config = GRDB.Configuration()
        config.busyMode = .timeout(TimeInterval(configuration.busyTimeout.components.seconds))
        config.label = "msn.store"
        let path = (directory as NSString).appendingPathComponent(Configuration.databaseFileName)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // GRDB selects synchronous=NORMAL with WAL, which may lose the last commits on power
            // loss. FULL syncs the WAL at every commit: a returned write is a durable write.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(code: .database, message: "cannot open the database \(path): \(error)")
        }
        do {
            legacyCipher = .success(try LegacyPasswordCipher.loadOrCreate(in: directory))
        } catch {
            logger.error("legacy MD5 secrets unavailable", metadata: ["error": "\(error)"])
            legacyCipher = .failure(error)
        }
    }

    /// Closes the database. Later calls fail with code `database`.
    public func close() throws(StoreError) {
        do {
            try pool.close()
        } catch {
            throw StoreError(code: .database, message: "cannot close the database: \(error)")
        }
    }

    // MARK: - Reads

    public func account(email: String) async throws(StoreError) -> Account? {
        guard let email = try? AccountValidation.normalisedEmail(email) else { return nil }
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM account WHERE email = ?", arguments: [email])
                .map(Self.account(from:))
        }
    }

    public func account(id: Account.ID) async throws(StoreError) -> Account? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM account WHERE id = ?", arguments: [id])
                .map(Self.account(from:))
        }
    }

    public func allAccounts() async throws(StoreError) -> [Account] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.accountColumns) FROM account ORDER BY email").map(Self.account(from:))
        }
    }

    // MARK: - Plumbing

    /// Runs a read transaction, mapping database errors to ``StoreError``.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw databaseError(error)
        }
    }

    /// Runs a write transaction (committed and synced when this returns), mapping database
    /// errors to ``StoreError``.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        defer { watcherCache.invalidate() }
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw databaseError(error)
        }
    }

    private func databaseError(_ error: any Error) -> StoreError {
        logger.error("database error", metadata: ["error": "\(error)"])
        return StoreError(code: .database, message: "database error: \(error)")
    }

    /// Runs CPU-heavy work (password hashing) on NIO's blocking pool.
    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws(StoreError) -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .database, message: "password hashing failed: \(error)")
        }
    }
}
