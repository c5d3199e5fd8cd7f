import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseInformation

@Suite struct RecorderTests {
    private func event(atSecond second: Int64, _ index: Int = 0) -> ReceivedEvent {
        var event = Samples.everyKind[index % Samples.everyKind.count]
        event.receivedAt = Timestamp(nanoseconds: second * 1_000_000_000 + Int64(index))
        return event
    }

    private func stream(_ events: [ReceivedEvent]) -> AsyncStream<ReceivedEvent> {
        AsyncStream { continuation in
            for event in events { continuation.yield(event) }
            continuation.finish()
        }
    }

    @Test func rotatesHourlyAndNamesFilesByVenueAndUTCStart() async throws {
        let directory = try TemporaryDirectory()
        let events = [
            event(atSecond: 1_732_445_999, 0),  // 2024-11-24 10:59:59
            event(atSecond: 1_732_446_000, 1),  // 11:00:00, a new hour
            event(atSecond: 1_732_447_800, 2),  // 11:30:00
            event(atSecond: 1_732_449_900, 3),  // 12:05:00
        ]
        let recorder = Recorder(configuration: .init(directory: directory.url, venue: .polymarket))
        try await recorder.record(stream(events))

        let names = try RecordingDirectory(directory.url).files().map(\.lastPathComponent)
        #expect(names == [
            "polymarket-20241124-105959.ewrec", "polymarket-20241124-110000.ewrec", "polymarket-20241124-120500.ewrec",
        ])
        #expect(await recorder.files.map(\.lastPathComponent) == names)
        #expect(await recorder.eventsRecorded == 4)
        var replayed: [ReceivedEvent] = []
        for try await event in RecordingReplay(files: try RecordingDirectory(directory.url).files(venue: .polymarket)) {
            replayed.append(event)
        }
        #expect(replayed == events)
        let summaries = try RecordingDirectory(directory.url).files().map { try RecordingSummary(scanning: $0) }
        #expect(summaries.map(\.totalEvents) == [1, 2, 1])
        #expect(summaries.allSatisfy { $0.end == .complete })
        #expect(summaries[1].header.createdAt == events[1].receivedAt)
    }

    @Test func rotatesBySizeWithoutLosingOrReorderingEvents() async throws {
        let directory = try TemporaryDirectory()
        let events = (0..<3_000).map { event(atSecond: 1_732_446_000, $0) }
        let recorder = Recorder(
            configuration: .init(
                directory: directory.url, venue: .kalshi, flushPolicy: FlushPolicy(maxRecords: 50),
                rotation: .init(maxBytes: 4_096, hourly: true)))
        try await recorder.record(stream(events))

        let files = try RecordingDirectory(directory.url).files(venue: .kalshi)
        #expect(files.count > 3)
        // All start in the same second: the collision suffix keeps them apart and in order.
        #expect(files[0].lastPathComponent == "kalshi-20241124-110000.ewrec")
        #expect(files[1].lastPathComponent == "kalshi-20241124-110000-2.ewrec")
        #expect(await recorder.files == files)
        var replayed: [ReceivedEvent] = []
        for try await event in RecordingReplay(files: files, requireIntact: true) { replayed.append(event) }
        #expect(replayed == events)
    }

    @Test func directoryOrderPutsCollisionSuffixesAfterTheirBase() {
        let names = ["a-20240101-000000-10.ewrec", "a-20240101-000000-2.ewrec", "a-20240101-000001.ewrec", "a-20240101-000000.ewrec"]
        #expect(names.sorted(by: RecordingDirectory.recordingOrder) == [
            "a-20240101-000000.ewrec", "a-20240101-000000-2.ewrec", "a-20240101-000000-10.ewrec", "a-20240101-000001.ewrec",
        ])
        #expect(RecordingDirectory.baseName(venue: .manifold, start: Timestamp(nanoseconds: 0)) == "manifold-19700101-000000")
        #expect(RecordingDirectory.baseName(venue: .manifold, start: Timestamp(nanoseconds: -1)) == "manifold-19691231-235959")
        #expect(RecordingDirectory.baseName(venue: .kalshi, start: Timestamp(seconds: 951_782_400)) == "kalshi-20000229-000000")
    }

    /// A quiet feed is still flushed: the timer hands buffered events to the OS while the source is
    /// silent. Polls for the outcome instead of asserting on timing.
    @Test func quietFeedIsFlushedByTheTimer() async throws {
        let directory = try TemporaryDirectory()
        let (events, continuation) = AsyncStream<ReceivedEvent>.makeStream()
        let recorder = Recorder(
            configuration: .init(
                directory: directory.url, venue: .polymarket,
                flushPolicy: FlushPolicy(maxRecords: 1_000_000, maxDelay: .milliseconds(20))))
        let recording = Task { try await recorder.record(events) }
        let sent = Samples.stream(3)
        for event in sent { continuation.yield(event) }

        var seen: [ReceivedEvent] = []
        for _ in 0..<500 where seen.count < 3 {
            try await Task.sleep(for: .milliseconds(20))
            if let file = await recorder.files.first, let reader = try? RecordingReader(contentsOf: file) {
                seen = reader.readAll()
            }
        }
        #expect(seen == sent)
        continuation.finish()
        try await recording.value
        #expect(try RecordingSummary(scanning: try #require(await recorder.files.first)).end == .complete)
    }
}
