/// The embedded database of Edgewise: the market catalog, decision records, the order journal
/// with its append-only history, fills, positions and cash — everything the agent must still
/// know after a crash or a restart.
///
/// The store is one SQLite file in WAL mode, reached through a GRDB `DatabasePool`: one writer
/// and concurrent readers, so the dashboard can read while the execution layer journals. Every
/// public method is one transaction, and every method that writes returns only once the
/// transaction is durable on disk — the order journal relies on this to record an order before
/// any byte of it reaches a venue.
///
/// Money is stored as the integer millionths of ``Price``, ``Size`` and ``Amount`` and read back
/// bit-for-bit; nothing passes through floating point.
import EdgewiseCore
import Foundation
import GRDB

public final class EdgewiseStore: Sendable {
    /// The file name inside the Edgewise home directory; the Runtime module decides the directory.
    public static let defaultFileName = "edgewise.sqlite"

    /// How long a write waits for another connection's lock before failing with ``StoreError/busy(path:operation:)``.
    public static let busyTimeout: TimeInterval = 5

    /// The newest schema version this binary knows.
    public static var schemaVersion: Int { Migrations.currentVersion }

    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and upgrades its schema.
    ///
    /// A file from a newer Edgewise is refused before anything is written to it.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// `migratingUpTo` stops the schema at an older migration; tests use it to create the
    /// databases that older binaries left behind.
    init(path: String, migratingUpTo lastMigration: String?) throws(StoreError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create directory \(directory.path): \(error.localizedDescription)")
        }

        var configuration = Configuration()
        configuration.label = "edgewise-store"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            // The schema check runs on a plain connection before the pool exists, because
            // opening the pool switches the file to WAL — a write a newer binary's file must
            // not receive.
            if FileManager.default.fileExists(atPath: path) {
                var probe = Configuration()
                probe.busyMode = .timeout(Self.busyTimeout)
                try Self.refuseUnknownSchema(try DatabaseQueue(path: path, configuration: probe), path: path)
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            // synchronous=FULL, not NORMAL: in WAL mode NORMAL keeps every commit safe from a
            // process crash but may lose the last commits on power loss or an OS crash. For the
            // order journal that would mean an order was sent to a venue while its journal entry
            // vanished, so reconciliation at start-up would not know to look for it. FULL costs
            // one fsync of the WAL per commit, which is negligible at order rates. GRDB sets
            // NORMAL when it enables WAL, so this must run after the pool is open; the pool's
            // single writer connection keeps the setting for its lifetime.
            try pool.barrierWriteWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let migrator = Migrations.migrator(upTo: lastMigration)
            try migrator.migrate(pool)
        } catch {
            throw StoreError.wrap(error, operation: "open", path: path)
        }
    }

    private static func refuseUnknownSchema(_ reader: some DatabaseReader, path: String) throws {
        let known = Set(Migrations.steps.map(\.identifier))
        let (version, applied, hasTables) = try reader.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                try DatabaseMigrator().appliedIdentifiers(db),
                try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%')") ?? false
            )
        }
        let unknown = applied.subtracting(known).sorted()
        if version > Migrations.currentVersion || !unknown.isEmpty {
            throw StoreError.newerSchema(
                path: path, found: version,
                supported: Migrations.currentVersion, unknownMigrations: unknown)
        }
        if hasTables && applied.isEmpty {
            throw StoreError.foreignDatabase(path: path)
        }
    }

    // MARK: - Diagnostics

    /// The settings a database actually runs with, for `edgewise doctor` and the tests.
    public struct Diagnostics: Hashable, Sendable {
        public var journalMode: String
        /// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA (as `PRAGMA synchronous` reports it).
        public var synchronous: Int
        public var foreignKeys: Bool
        public var schemaVersion: Int
        public var appliedMigrations: [String]
    }

    public func diagnostics() throws(StoreError) -> Diagnostics {
        try write("diagnostics") { db in
            Diagnostics(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                appliedMigrations: try Migrations.migrator().completedMigrations(db))
        }
    }

    /// Runs `PRAGMA integrity_check`; an empty result means the file is sound.
    public func integrityProblems() throws(StoreError) -> [String] {
        let rows = try read("integrity check") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return rows == ["ok"] ? [] : rows
    }

    // MARK: - Access

    /// One write transaction; errors come out as ``StoreError``.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.wrap(error, operation: operation, path: path)
        }
    }

    /// One read from a consistent snapshot; errors come out as ``StoreError``.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrap(error, operation: operation, path: path)
        }
    }
}
