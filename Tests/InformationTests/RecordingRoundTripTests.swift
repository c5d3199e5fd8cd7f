import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseInformation

@Suite struct RecordingRoundTripTests {
    @Test func everyEventKindRoundTripsExactly() throws {
        let directory = try TemporaryDirectory()
        let url = try Samples.write(Samples.everyKind, to: directory.file("all.ewrec"))

        let (header, events, end) = try RecordingReader.readAll(url)

        #expect(events == Samples.everyKind)
        #expect(end == .complete)
        #expect(header == RecordingHeader(createdAt: Samples.at(1_732_470_000_000_000_000), creator: "tests", venue: .polymarket))
        #expect(Set(Samples.everyKind.map { RecordingEventKind($0.event) }) == Set(RecordingEventKind.allCases))
    }

    @Test func doubleOptionalReportedPricesKeepNilApartFromEmptySide() throws {
        let directory = try TemporaryDirectory()
        let cases: [Price??] = [nil, .some(nil), .some(Price(units: 0)), .some(Price(units: 420_000))]
        let events = cases.flatMap { bid in
            cases.map { ask in
                ReceivedEvent(
                    receivedAt: Samples.at(1),
                    event: .bookDelta(BookDelta(instrument: Samples.kalshi, changes: [], reportedBestBid: bid, reportedBestAsk: ask)))
            }
        }
        let url = try Samples.write(events, to: directory.file("prices.ewrec"))
        let read = try RecordingReader.readAll(url).events
        #expect(read.count == 16)
        for (original, replayed) in zip(events, read) {
            guard case .bookDelta(let a) = original.event, case .bookDelta(let b) = replayed.event else {
                Issue.record("not a delta")
                continue
            }
            // Spelled out because `==` on `Price??` is exactly what must not be trusted blindly here.
            #expect(String(describing: a.reportedBestBid) == String(describing: b.reportedBestBid))
            #expect(String(describing: a.reportedBestAsk) == String(describing: b.reportedBestAsk))
            #expect(a == b)
        }
    }

    @Test func manyEventsAcrossManyFlushesComeBackInOrder() throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(20_000)
        let url = try Samples.write(events, to: directory.file("many.ewrec"), policy: FlushPolicy(maxRecords: 37))
        let reader = try RecordingReader(contentsOf: url)
        var count = 0
        for event in reader {
            #expect(event == events[count])
            count += 1
        }
        #expect(count == events.count)
        #expect(reader.end == .complete)
        #expect(reader.eventsRead == events.count)
        #expect(reader.trailingBytes == 0)
    }

    @Test func flushMakesRecordsReadableBeforeClose() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("open.ewrec")
        let events = Samples.stream(100)
        let writer = try RecordingWriter(
            creating: url, venue: .polymarket, flushPolicy: FlushPolicy(maxRecords: 1_000_000, maxDelay: .seconds(3600)))
        try writer.append(contentsOf: events.prefix(60))
        try writer.flush()
        try writer.append(contentsOf: events.dropFirst(60))  // buffered, not flushed

        let (_, read, end) = try RecordingReader.readAll(url)
        #expect(read == Array(events.prefix(60)))
        #expect(end == .truncated(droppedBytes: 0))
        #expect(writer.recordsFlushed == 60)
        #expect(writer.recordsAppended == 100)

        try writer.close()
        #expect(try RecordingReader.readAll(url).events == events)
        #expect(throws: RecordingError.self) { try writer.append(events[0]) }
    }

    @Test func countPolicyFlushesEveryNRecords() throws {
        let directory = try TemporaryDirectory()
        let writer = try RecordingWriter(
            creating: directory.file("n.ewrec"), venue: .kalshi,
            flushPolicy: FlushPolicy(maxRecords: 10, maxDelay: .seconds(3600)))
        for (i, event) in Samples.stream(25).enumerated() {
            try writer.append(event)
            #expect(writer.recordsFlushed == (i + 1) / 10 * 10)
        }
        try writer.close()
        #expect(writer.recordsFlushed == 25)
    }

    @Test func asyncReplayChainsFilesInOrder() async throws {
        let directory = try TemporaryDirectory()
        let first = Samples.stream(50, start: 1_000)
        let second = Samples.stream(70, start: 9_000_000_000)
        try Samples.write(first, to: directory.file("a.ewrec"))
        try Samples.write(second, to: directory.file("b.ewrec"))

        var replayed: [ReceivedEvent] = []
        for try await event in RecordingReplay(files: [directory.file("a.ewrec"), directory.file("b.ewrec")]) {
            replayed.append(event)
        }
        #expect(replayed == first + second)

        await #expect(throws: RecordingError.self) {
            for try await _ in RecordingReplay(file: directory.file("missing.ewrec")) {}
        }
    }

    @Test func summaryCountsKindsInstrumentsAndTimes() throws {
        let directory = try TemporaryDirectory()
        let url = try Samples.write(Samples.everyKind, to: directory.file("s.ewrec"))
        let summary = try RecordingSummary(scanning: url)
        #expect(summary.totalEvents == Samples.everyKind.count)
        #expect(summary.eventCounts == [.bookSnapshot: 2, .bookDelta: 3, .trade: 3, .topOfBook: 2, .tickSizeChange: 2, .market: 3])
        #expect(summary.instruments == [Samples.kalshi, Samples.polymarket])
        #expect(summary.markets == [MarketID(""), "0xcondition", "KXRAIN-25NOV24"])
        #expect(summary.firstReceivedAt == Samples.everyKind.first?.receivedAt)
        #expect(summary.lastReceivedAt == Timestamp(nanoseconds: Int64.min))
        #expect(summary.receiveTimeRegressions == 1)
        #expect(summary.end == .complete)
        #expect(!summary.isTruncated)
        #expect(summary.header.venue == .polymarket)
        #expect(summary.fileSize > 0)
    }
}

@Suite struct RecordingReaderOptionsTests {
    @Test func skipToReceiveTimeStartsMidFileWithoutLosingTheBoundaryEvent() throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(1_000)
        let url = try Samples.write(events, to: directory.file("skip.ewrec"), policy: FlushPolicy(maxRecords: 64))
        let reader = try RecordingReader(contentsOf: url)
        #expect(reader.skip(toReceivedAt: events[700].receivedAt) == 700)
        #expect(reader.readAll() == Array(events[700...]))
        #expect(reader.end == .complete)
        #expect(reader.skip(toReceivedAt: Timestamp(nanoseconds: .max)) == 0)
    }

    @Test func zeroDelayFlushesEveryAppendAndSyncToDiskWorks() throws {
        let directory = try TemporaryDirectory()
        let writer = try RecordingWriter(
            creating: directory.file("sync.ewrec"), venue: .kalshi,
            flushPolicy: FlushPolicy(maxRecords: 1_000, maxDelay: .zero, syncToDisk: true))
        for (i, event) in Samples.stream(5).enumerated() {
            try writer.append(event)
            #expect(writer.recordsFlushed == i + 1)
        }
        try writer.close()
        try writer.close()  // idempotent
        #expect(try RecordingReader.readAll(directory.file("sync.ewrec")).events == Samples.stream(5))
    }

    @Test func existingFilesAreNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        let url = try Samples.write(Samples.stream(3), to: directory.file("keep.ewrec"))
        #expect(throws: RecordingError.self) { try RecordingWriter(creating: url, venue: .kalshi) }
        #expect(try RecordingReader.readAll(url).events == Samples.stream(3))
    }

    @Test func replayRequiringIntactFilesFailsOnDamageAndReportsEnds() async throws {
        let directory = try TemporaryDirectory()
        let events = Samples.stream(30)
        let good = try Samples.write(events, to: directory.file("good.ewrec"))
        let bad = try Samples.write(events, to: directory.file("bad.ewrec"), policy: FlushPolicy(maxRecords: 5), level: 0)
        var bytes = [UInt8](try Data(contentsOf: bad))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: bad)

        let ends = EndLog()
        var lenient: [ReceivedEvent] = []
        for try await event in RecordingReplay(files: [bad, good], onEnd: { ends.append($0, $1) }) { lenient.append(event) }
        #expect(lenient.count > 30 && lenient.count < 60)
        #expect(ends.values.count == 2)
        #expect(ends.values.last?.1 == .complete)

        await #expect {
            for try await _ in RecordingReplay(files: [bad, good], requireIntact: true) {}
        } throws: { error in
            if case RecordingError.damaged = error { return true }
            return false
        }
    }
}

/// Collects replay end reports from the `@Sendable` callback.
final class EndLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(URL, RecordingEnd)] = []
    func append(_ url: URL, _ end: RecordingEnd) { lock.withLock { stored.append((url, end)) } }
    var values: [(URL, RecordingEnd)] { lock.withLock { stored } }
}
