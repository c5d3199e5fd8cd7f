import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

@testable import EdgewiseInformation

/// The event the crash writer appends as number `i`; an independent copy of its formula.
enum CrashWriterEvents {
    static func event(_ i: Int) -> ReceivedEvent {
        let instrument = InstrumentID(venue: .polymarket, token: TokenID("token-\(i % 7)"))
        let received = Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(i) * 1_000)
        if i % 2 == 0 {
            return ReceivedEvent(
                receivedAt: received,
                event: .trade(
                    TradeTick(
                        instrument: instrument, price: Price(units: Int64(i % 999_999) + 1), size: Size(units: Int64(i)),
                        aggressor: i % 4 == 0 ? .buy : .sell, venueTimestamp: Timestamp(nanoseconds: Int64(i)))))
        }
        return ReceivedEvent(
            receivedAt: received,
            event: .bookDelta(
                BookDelta(
                    instrument: instrument,
                    changes: [.set(.bid, Price(units: Int64(i % 1000) * 1000), Size(units: Int64(i) * 10))],
                    sequence: UInt64(i), hash: "h\(i)", reportedBestBid: i % 3 == 0 ? .some(nil) : nil)))
    }

    /// The built `recording-crash-writer`, next to the test bundle in the build products directory.
    static func executable() throws -> URL {
        let name = "recording-crash-writer"
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["EDGEWISE_RECORDING_CRASH_WRITER"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        // Linux: the test runner is `<products>/<Package>PackageTests.xctest`, an executable.
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.deletingLastPathComponent().appendingPathComponent(name))
        }
        // macOS: test bundles are `<products>/<Package>PackageTests.xctest/Contents/MacOS/...`.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name))
        let build = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build")
        candidates.append(build.appendingPathComponent("debug").appendingPathComponent(name))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CrashWriterMissing(searched: candidates.map(\.path))
        }
        return found
    }

    struct CrashWriterMissing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "recording-crash-writer not built; looked in \(searched.joined(separator: ", "))" }
    }
}

@Suite struct RecordingCrashTests {
    @Test func sigkilledWriterLeavesEveryFlushedRecordReadable() async throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("crash.ewrec")
        let process = Process()
        process.executableURL = try CrashWriterEvents.executable()
        process.arguments = [url.path, "37"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()

        // The pipe reads block, so they run on a thread of their own, never on the test pool.
        let handle = output.fileHandleForReading
        let text = try await onOwnThread { () -> String in
            // Read progress lines until the writer is well into its run, then kill it mid-stride.
            var text = ""
            var reported = 0
            while reported < 20_000 {
                let chunk = handle.availableData
                if chunk.isEmpty { break }  // it exited on its own: the checks below will say why
                text += String(decoding: chunk, as: UTF8.self)
                reported = Self.lastFlushed(in: text)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Lines it printed between our last read and the kill also promise flushed records.
            text += String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            return text
        }
        let reported = Self.lastFlushed(in: text)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(reported >= 20_000)

        let reader = try RecordingReader(contentsOf: url)
        var count = 0
        var mismatches = 0
        while let event = reader.next() {
            if event != CrashWriterEvents.event(count) { mismatches += 1 }
            count += 1
        }
        #expect(mismatches == 0)
        #expect(count >= reported, "the writer reported \(reported) flushed records, the file holds \(count)")
        guard case .truncated = reader.end else {
            Issue.record("a killed writer's file should end truncated, got \(String(describing: reader.end))")
            return
        }
        let summary = try RecordingSummary(scanning: url)
        #expect(summary.totalEvents == count)
        #expect(summary.isTruncated)
    }

    private static func lastFlushed(in text: String) -> Int {
        let lines = text.split(separator: "\n")
        // The last line may be cut in the middle; a complete one is followed by a newline.
        let complete = text.hasSuffix("\n") ? lines : lines.dropLast()
        return complete.last.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }
}
