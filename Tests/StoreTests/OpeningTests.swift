import EdgewiseCore
import Foundation
import GRDB
import Testing
@testable import EdgewiseStore

@Suite("Opening, settings and migrations")
struct OpeningTests {
    @Test("WAL, synchronous=FULL, foreign keys and the latest schema are on")
    func settings() throws {
        try withScratchStore { store, directory in
            let diagnostics = try store.diagnostics()
            #expect(diagnostics.journalMode == "wal")
            #expect(diagnostics.synchronous == 2)
            #expect(diagnostics.foreignKeys)
            #expect(diagnostics.schemaVersion == EdgewiseStore.schemaVersion)
            #expect(diagnostics.appliedMigrations == Migrations.steps.map(\.identifier))
            #expect(try store.integrityProblems().isEmpty)
            // The WAL file exists beside the database: writes really go through the log.
            let wal = directory.appendingPathComponent(EdgewiseStore.defaultFileName + "-wal").path
            #expect(FileManager.default.fileExists(atPath: wal))
            // WAL is a property of the file, so an independent connection sees it too.
            let independent = try DatabaseQueue(path: directory.appendingPathComponent(EdgewiseStore.defaultFileName).path)
            #expect(try independent.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        }
    }

    @Test("the directory of the database is created when missing")
    func createsDirectory() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("home/nested/\(EdgewiseStore.defaultFileName)").path
            _ = try EdgewiseStore(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a database created by migration v1 opens, upgrades and keeps its data")
    func upgradeFromV1() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("old.sqlite").path
            let order = Sample.order("ew-from-v1")
            do {
                let old = try EdgewiseStore(path: path, migratingUpTo: "v1_catalog_decisions_journal_fills")
                #expect(try old.diagnostics().schemaVersion == 1)
                try old.journal(order: order)
                try old.upsert(markets: [Sample.market()])
                // v1 has no positions table: the v2 API really is missing.
                #expect(throws: StoreError.self) { try old.setCash(10, venue: .polymarket) }
            }
            let upgraded = try EdgewiseStore(path: path)
            let diagnostics = try upgraded.diagnostics()
            #expect(diagnostics.schemaVersion == EdgewiseStore.schemaVersion)
            #expect(diagnostics.appliedMigrations == Migrations.steps.map(\.identifier))
            #expect(try upgraded.order(order.id) == order)
            #expect(try upgraded.market(venue: .polymarket, id: "0xabc123") == Sample.market())
            try upgraded.setCash(Amount(units: 1_000_000_001), venue: .polymarket)
            #expect(try upgraded.cash(venue: .polymarket) == Amount(units: 1_000_000_001))
        }
    }

    @Test("a database from a newer Edgewise is refused with a clear error and left untouched")
    func newerSchema() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("future.sqlite").path
            do {
                // What a future binary leaves behind: a migration we do not know and a higher version.
                let queue = try DatabaseQueue(path: path)
                try Migrations.migrator().migrate(queue)
                try queue.write { db in
                    try db.execute(sql: "CREATE TABLE future_things (id INTEGER PRIMARY KEY)")
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v7_future_things')")
                    try db.execute(sql: "PRAGMA user_version = 7")
                }
            }
            let error = #expect(throws: StoreError.self) { try EdgewiseStore(path: path) }
            guard case .newerSchema(_, let found, let supported, let unknown) = error else {
                Issue.record("expected newerSchema, got \(String(describing: error))")
                return
            }
            #expect(found == 7)
            #expect(supported == EdgewiseStore.schemaVersion)
            #expect(unknown == ["v7_future_things"])
            #expect(error?.description.contains("newer Edgewise (schema v7") == true)
            #expect(error?.description.contains("upgrade edgewise or point --home elsewhere") == true)

            let queue = try DatabaseQueue(path: path)
            #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 7)
            // Not even switched to WAL.
            #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        }
    }

    @Test("a SQLite file from another application is not adopted")
    func foreignDatabase() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("other.sqlite").path
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY)") }
            #expect(throws: StoreError.foreignDatabase(path: path)) { try EdgewiseStore(path: path) }
        }
    }

    @Test("a file that is not a database gives notADatabase")
    func notADatabase() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("garbage.sqlite").path
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
            #expect(throws: StoreError.notADatabase(path: path)) { try EdgewiseStore(path: path) }
        }
    }

    @Test("reopening a current database is a no-op")
    func reopen() throws {
        try withScratchDirectory { directory in
            let path = directory.appendingPathComponent("again.sqlite").path
            try EdgewiseStore(path: path).setCash(Amount(units: -5), venue: .kalshi)
            let again = try EdgewiseStore(path: path)
            #expect(try again.cash(venue: .kalshi) == Amount(units: -5))
        }
    }
}
