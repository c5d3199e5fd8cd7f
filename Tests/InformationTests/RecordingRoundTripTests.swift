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
