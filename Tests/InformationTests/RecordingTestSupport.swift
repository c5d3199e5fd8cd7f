import CZlib
import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseInformation

/// A fresh directory under the system temp directory, removed when the test's scope ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("edgewise-recording-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum Samples {
    static let polymarket = InstrumentID(venue: .polymarket, token: "71321045679252212594626385532706912750332728571942532289631379312455583992563")
    static let kalshi = InstrumentID(venue: .kalshi, token: "KXRAIN-25NOV24:yes")

    static func at(_ nanoseconds: Int64) -> Timestamp { Timestamp(nanoseconds: nanoseconds) }

    /// One event of every kind, with every optional both present and absent somewhere, the
    /// `Price??` cases nil / .some(nil) / .some(price), extreme integers and non-ASCII text.
    static let everyKind: [ReceivedEvent] = [
        ReceivedEvent(
            receivedAt: at(1_732_470_000_123_456_789),
            event: .bookSnapshot(
                BookSnapshot(
                    instrument: polymarket,
                    bids: [BookLevel(price: Price(units: 480_000), size: Size(units: 1_250_500_000)),
                           BookLevel(price: Price(units: 1), size: Size(units: Int64.max))],
                    asks: [BookLevel(price: Price(units: 520_000), size: Size(units: 10))],
                    venueTimestamp: at(1_732_470_000_000_000_000), sequence: UInt64.max, hash: "0xabc123",
                    tickSize: Price(units: 1_000)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_223_456_789),
            event: .bookSnapshot(BookSnapshot(instrument: kalshi, bids: [], asks: []))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_323_456_789),
            event: .bookDelta(
                BookDelta(
                    instrument: polymarket,
                    changes: [.set(.bid, Price(units: 490_000), Size(units: 0)),
                              BookChange(side: .ask, price: Price(units: 510_000), update: .add(-2_500_000)),
                              BookChange(side: .bid, price: Price(units: 1), update: .add(Int64.min))],
                    venueTimestamp: at(-1), sequence: 0, hash: "", reportedBestBid: .some(nil),
                    reportedBestAsk: .some(Price(units: 510_000))))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_423_456_789),
            event: .bookDelta(
                BookDelta(instrument: kalshi, changes: [], reportedBestBid: nil, reportedBestAsk: .some(nil)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_523_456_789),
            event: .bookDelta(
                BookDelta(instrument: kalshi, changes: [.set(.ask, 1, 2)], reportedBestBid: .some(Price(units: 0))))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_623_456_789),
            event: .trade(
                TradeTick(
                    instrument: polymarket, price: Price(units: 535_000), size: Size(units: 219_217_767),
                    aggressor: .buy, venueTimestamp: at(1_732_470_000_600_000_000)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_723_456_789),
            event: .trade(TradeTick(instrument: kalshi, price: 1, size: 3, aggressor: .sell, venueTimestamp: nil))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_823_456_789),
            event: .trade(TradeTick(instrument: kalshi, price: 0, size: 0, aggressor: nil, venueTimestamp: at(0)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_000_923_456_789),
            event: .topOfBook(
                TopOfBook(instrument: polymarket, bestBid: Price(units: 480_000), bestAsk: nil, venueTimestamp: nil))),
        ReceivedEvent(
            receivedAt: at(1_732_470_001_023_456_789),
            event: .topOfBook(
                TopOfBook(instrument: kalshi, bestBid: nil, bestAsk: Price(units: 999_999), venueTimestamp: at(5)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_001_123_456_789),
            event: .tickSizeChange(
                TickSizeChange(instrument: polymarket, oldTick: Price(units: 10_000), newTick: Price(units: 1_000),
                               venueTimestamp: at(7)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_001_223_456_789),
            event: .tickSizeChange(
                TickSizeChange(instrument: kalshi, oldTick: nil, newTick: Price(units: 10_000), venueTimestamp: nil))),
        ReceivedEvent(
            receivedAt: at(1_732_470_001_323_456_789),
            event: .market(
                MarketNotice(
                    kind: .listed, venue: .polymarket, marketID: "0xcondition",
                    question: "Will it rain in Zürich on 24 Nov? ☔", slug: "rain-zurich",
                    tokens: [polymarket.token, "123"], outcomes: ["Yes", "No"], venueTimestamp: at(9)))),
        ReceivedEvent(
            receivedAt: at(1_732_470_001_423_456_789),
            event: .market(
                MarketNotice(
                    kind: .resolved, venue: .kalshi, marketID: "KXRAIN-25NOV24", winningToken: kalshi.token,
                    winningOutcome: "Yes"))),
        ReceivedEvent(
            receivedAt: at(Int64.min),
            event: .market(MarketNotice(kind: .listed, venue: VenueID(""), marketID: ""))),
    ]

    /// `count` events cycling through ``everyKind`` with increasing receive times.
    static func stream(_ count: Int, start: Int64 = 1_732_470_000_000_000_000) -> [ReceivedEvent] {
        (0..<count).map { i in
            var event = everyKind[i % everyKind.count]
            event.receivedAt = Timestamp(nanoseconds: start + Int64(i) * 1_000_000)
            return event
        }
    }

    /// Writes `events` with `policy` and returns the file.
    @discardableResult
    static func write(
        _ events: [ReceivedEvent], to url: URL, policy: FlushPolicy = FlushPolicy(), level: Int32 = 6
    ) throws -> URL {
        let writer = try RecordingWriter(
            creating: url, venue: .polymarket, createdAt: at(1_732_470_000_000_000_000), creator: "tests",
            flushPolicy: policy, compressionLevel: level)
        try writer.append(contentsOf: events)
        try writer.close()
        return url
    }
}

/// A second, independent implementation of the documented layout, used to check the writer
/// against `docs/recording-format.md` rather than against its own reader.
enum ReferenceFormat {
    /// Inflates a gzip stream (or as much of a truncated one as possible) with plain zlib.
    static func gunzip(_ compressed: [UInt8]) -> (bytes: [UInt8], status: Int32) {
        var stream = z_stream()
        precondition(inflateInit2_(&stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = compressed
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_SYNC_FLUSH)
                    output.append(contentsOf: out.prefix(out.count - Int(stream.avail_out)))
                }
            } while status == Z_OK && (stream.avail_out == 0 || stream.avail_in > 0)
        }
        return (output, status)
    }

    /// Compresses `bytes` into a gzip stream, for hand-made recordings.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(
            deflateInit2_(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                          Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// The complete records after the magic and header: (receivedAt, kind) of each whose full
    /// body is present and whose CRC matches.
    static func completeRecords(_ bytes: [UInt8]) -> [(receivedAt: Int64, kind: UInt8)] {
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        guard bytes.count >= 16, Array(bytes.prefix(8)) == RecordingFormat.magic else { return [] }
        var offset = 8 + 8 + Int(u32(8))  // magic, header frame, header body
        var records: [(Int64, UInt8)] = []
        while offset + 8 <= bytes.count {
            let length = Int(u32(offset))
            guard offset + 8 + length <= bytes.count else { break }
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32(length))) }
            guard crc == u32(offset + 4) else { break }
            var time: UInt64 = 0
            for i in (0..<8).reversed() { time = time << 8 | UInt64(body[i]) }
            records.append((Int64(bitPattern: time), body[8]))
            offset += 8 + length
        }
        return records
    }
}

extension RecordingReader {
    static func readAll(_ url: URL) throws -> (header: RecordingHeader, events: [ReceivedEvent], end: RecordingEnd?) {
        let reader = try RecordingReader(contentsOf: url)
        let events = reader.readAll()
        return (reader.header, events, reader.end)
    }
}
