import EdgewiseCore
import Foundation

/// What one recording holds, for `edgewise data list` and for choosing backtest data. Computed by
/// reading the whole file (the format has no index: a crash-safe append-only file cannot rewrite
/// a table of contents), which is fast because decoding is.
public struct RecordingSummary: Hashable, Sendable {
    public var url: URL
    public var header: RecordingHeader
    /// Size of the file on disk (compressed).
    public var fileSize: Int64
    public var eventCounts: [RecordingEventKind: Int]
    public var totalEvents: Int { eventCounts.values.reduce(0, +) }
    /// Every instrument an event refers to, sorted.
    public var instruments: [InstrumentID]
    /// Every market a listed/resolved notice refers to, sorted.
    public var markets: [MarketID]
    public var firstReceivedAt: Timestamp?
    public var lastReceivedAt: Timestamp?
    /// Events whose receive time is earlier than the one before (a clock step on the recorder).
    /// A replay still returns them in file order; backtests may want to know.
    public var receiveTimeRegressions: Int
    public var end: RecordingEnd
    /// Whether the recording stops without being closed (see ``RecordingEnd/truncated(droppedBytes:)``).
    public var isTruncated: Bool {
        if case .truncated = end { return true }
        return false
    }
    public var skippedUnknownKinds: [UInt8: Int]
    public var skippedMalformed: Int
    /// Bytes after the end of the gzip stream (none in a file Edgewise wrote; something appended
    /// to the file otherwise).
    public var trailingBytes: Int64

    /// Reads `url` through and summarizes it; throws only when the file cannot be opened as a
    /// recording at all.
    public init(scanning url: URL) throws(RecordingError) {
        let reader = try RecordingReader(contentsOf: url)
        var counts: [RecordingEventKind: Int] = [:]
        var instruments = Set<InstrumentID>()
        var markets = Set<MarketID>()
        var first: Timestamp?
        var last: Timestamp?
        var regressions = 0
        while let received = reader.next() {
            counts[RecordingEventKind(received.event), default: 0] += 1
            if let instrument = received.event.instrument { instruments.insert(instrument) }
            if case .market(let notice) = received.event { markets.insert(notice.marketID) }
            if first == nil { first = received.receivedAt }
            if let last, received.receivedAt < last { regressions += 1 }
            last = received.receivedAt
        }
        self.url = url
        header = reader.header
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        fileSize = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        eventCounts = counts
        self.instruments = instruments.sorted()
        self.markets = markets.sorted()
        firstReceivedAt = first
        lastReceivedAt = last
        receiveTimeRegressions = regressions
        end = reader.end ?? .complete
        skippedUnknownKinds = reader.skippedUnknownKinds
        skippedMalformed = reader.skippedMalformed
        trailingBytes = reader.trailingBytes
    }
}
