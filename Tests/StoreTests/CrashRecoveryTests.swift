import EdgewiseCore
import Foundation
import EdgewiseTestSupport
import GRDB
import Synchronization
import Testing
@testable import EdgewiseStore

/// These tests kill a real writer process with SIGKILL and reopen its database, because
/// durability claims about SQLite, WAL and our transaction boundaries can only be checked that way.
@Suite("Crash recovery", .serialized)
struct CrashRecoveryTests {
    @Test("after SIGKILL mid-write: integrity ok, every reported commit present, no partial transaction", .timeLimit(.minutes(2)))
    func killedInLoop() async throws {
        try await withScratchDirectory { directory in
            let path = directory.appendingPathComponent(EdgewiseStore.defaultFileName).path
            let writer = try CrashWriter(arguments: [path, "loop"])
            let committed = try await writer.killAfter { lines in lines.count >= 40 }
            let reported = committed.compactMap { line -> Int? in
                line.hasPrefix("committed ") ? Int(line.dropFirst("committed ".count)) : nil
            }
            try #require(reported.count >= 40, "the writer reported \(committed)")
            #expect(reported == Array(1...reported.count))

            let store = try EdgewiseStore(path: path)
            #expect(try store.integrityProblems().isEmpty)

            // Every reported iteration is fully there.
            for iteration in reported {
                let order = try #require(try store.order(ClientOrderID("crash-\(iteration)")))
                #expect(order.status == .filled)
                #expect(order.filledSize == 10)
                #expect(order.fees == Amount(units: 1_241))
                #expect(try store.history(of: order.id).count == 5)
                #expect(try store.fills(clientOrderID: order.id).map(\.id) == [FillID("f-\(iteration)-a"), FillID("f-\(iteration)-b")])
            }

            // Whatever else is there (the iteration the kill interrupted) is whole transactions:
            // the stored order, its history and its fills agree.
            let rows = try store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT client_order_id, last_sequence FROM orders")
            }
            #expect(rows.count >= reported.count && rows.count <= reported.count + 1)
            for row in rows {
                let id = ClientOrderID(row["client_order_id"] as String)
                let order = try #require(try store.order(id))
                let history = try store.history(of: id)
                #expect(history.map(\.sequence) == Array(0...(row["last_sequence"] as Int)))
                #expect(history.last?.statusAfter == order.status)
                let fills = try store.fills(clientOrderID: id)
                #expect(fills.map(\.id) == order.fillIDs)
                #expect(fills.reduce(Size.zero) { $0 + $1.size } == order.filledSize)
            }
            let orphanFills = try await store.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM fills WHERE client_order_id NOT IN (SELECT client_order_id FROM orders)")
            }
            #expect(orphanFills == 0)

            // The reopened store keeps working.
            try store.journal(order: Sample.order("after-crash"))
            #expect(try store.order("after-crash") != nil)
        }
    }

    @Test("an uncommitted transaction already in the WAL is rolled back on reopen", .timeLimit(.minutes(2)))
    func killedInsideTransaction() async throws {
        try await withScratchDirectory { directory in
            let path = directory.appendingPathComponent(EdgewiseStore.defaultFileName).path
            let walPath = path + "-wal"
            let walSize = WALSize()
            let writer = try CrashWriter(arguments: [path, "stall", "3000"])
            let lines = try await writer.killAfter { lines in
                guard lines.contains("stalled") else { return false }
                walSize.bytes.withLock {
                    $0 = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
                }
                return true
            }
            let walBytesWhileOpen = walSize.bytes.withLock { $0 }
            try #require(lines.contains("stalled"), "the writer reported \(lines)")
            // The uncommitted pages reached the WAL file, so recovery really had frames to discard.
            #expect(walBytesWhileOpen > 500_000)

            let store = try EdgewiseStore(path: path)
            #expect(try store.integrityProblems().isEmpty)
            #expect(try store.order("committed-before-stall") != nil)
            #expect(try store.order("uncommitted-0") == nil)
            #expect(try store.order("uncommitted-2999") == nil)
            let counts = try await store.pool.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM order_events") ?? -1
                )
            }
            #expect(counts.0 == 1)
            #expect(counts.1 == 1)
            #expect(try store.ordersThatMayBeLive().map(\.id) == ["committed-before-stall"])
        }
    }
}

/// What the WAL file measured while the writer stalled inside its transaction.
final class WALSize: Sendable {
    let bytes = Mutex(0)
}

/// The `store-crash-writer` executable, run with its stdout on a pipe.
struct CrashWriter {
    let process: Process
    let output: Pipe

    init(arguments: [String]) throws {
        process = Process()
        process.executableURL = try Self.locate()
        process.arguments = arguments
        output = Pipe()
        process.standardOutput = output
        try process.run()
    }

    /// Reads stdout line by line until `enough` says so, sends SIGKILL, then collects what the
    /// writer printed before it died (a printed line means a committed transaction). The blocking
    /// reads run on a thread of their own so they never hold a test-pool thread.
    func killAfter(_ enough: @escaping @Sendable ([String]) -> Bool) async throws -> [String] {
        let process = self.process
        let handle = output.fileHandleForReading
        return try await onOwnThread { Self.readUntilKilled(process: process, handle: handle, enough: enough) }
    }

    private static func readUntilKilled(process: Process, handle: FileHandle, enough: ([String]) -> Bool) -> [String] {
        var buffer = Data()
        var lines: [String] = []
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }  // the writer exited on its own: a failure the caller reports
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
            if enough(lines) { break }
        }
        kill(process.processIdentifier, SIGKILL)
        buffer.append(handle.readDataToEndOfFile())
        process.waitUntilExit()
        let text = String(decoding: buffer, as: UTF8.self)
        lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return lines
    }

    /// Finds the executable SwiftPM built beside the test bundle. The test runner's location
    /// differs by platform (`…/debug/EdgewisePackageTests.xctest` on Linux, inside a bundle on
    /// macOS), so every likely anchor is walked upwards; `EDGEWISE_CRASH_WRITER` overrides.
    static func locate() throws -> URL {
        let name = "store-crash-writer"
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["EDGEWISE_CRASH_WRITER"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var anchors: [URL] = []
        if let executable = Bundle.main.executableURL { anchors.append(executable.deletingLastPathComponent()) }
        anchors.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        anchors.append(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            anchors.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        anchors.append(repository.appendingPathComponent(".build/debug"))

        var tried: [String] = []
        for anchor in anchors {
            var directory = anchor.standardizedFileURL
            for _ in 0..<5 {
                for candidate in [directory.appendingPathComponent(name), directory.appendingPathComponent("debug/\(name)")] {
                    tried.append(candidate.path)
                    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw LocateError(tried: tried)
    }

    struct LocateError: Error, CustomStringConvertible {
        let tried: [String]
        var description: String {
            "store-crash-writer not found (build with `swift build --build-tests` or set EDGEWISE_CRASH_WRITER); tried: "
                + tried.joined(separator: ", ")
        }
    }
}
