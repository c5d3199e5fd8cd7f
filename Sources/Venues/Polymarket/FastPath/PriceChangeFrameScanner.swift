import EdgewiseCore

/// Walks a Polymarket `price_change` frame (`{"price_changes":[{…},…],"timestamp":…}`) and hands
/// each change to the caller as byte ranges, without allocating. Both the book fast path and the
/// event decoder are built on it, so they cannot disagree on what a frame means.
enum PriceChangeFrameScanner {
    /// One entry of `price_changes`, as ranges into the frame.
    struct Entry {
        var asset: Range<Int>
        var price: Range<Int>
        var size: Range<Int>?
        var side: Range<Int>
        var hash: Range<Int>?
        var bestBid: Range<Int>?
        var bestAsk: Range<Int>?

        /// The entry's values. A change without `size` carries only the venue's new best prices:
        /// it changes no level, and the reported prices still check the book.
        func parse(_ scanner: JSONByteScanner) throws(PriceChangeFastPath.FrameError) -> Parsed {
            guard let price = FixedPoint.parseUnits(scanner.slice(self.price)), price >= 0 else {
                throw .invalidNumber(offset: self.price.lowerBound)
            }
            var size: Size?
            if let range = self.size {
                guard let units = FixedPoint.parseUnits(scanner.slice(range)), units >= 0 else {
                    throw .invalidNumber(offset: range.lowerBound)
                }
                size = Size(units: units)
            }
            let side: BookSide
            if scanner.equals(self.side, "BUY") || scanner.equals(self.side, "buy") {
                side = .bid
            } else if scanner.equals(self.side, "SELL") || scanner.equals(self.side, "sell") {
                side = .ask
            } else {
                throw .invalidSide(offset: self.side.lowerBound)
            }
            return Parsed(
                side: side, price: Price(units: price), size: size,
                reportedBestBid: try bestBid.map { (range) throws(PriceChangeFastPath.FrameError) in try Self.reported(scanner, range, emptyAt: 0) },
                reportedBestAsk: try bestAsk.map { (range) throws(PriceChangeFastPath.FrameError) in try Self.reported(scanner, range, emptyAt: FixedPoint.unitsPerWhole) })
        }

        /// The venue reports an empty side as "0" (bids) or "1" (asks); "" means not reported.
        static func reported(_ scanner: JSONByteScanner, _ range: Range<Int>, emptyAt sentinel: Int64) throws(PriceChangeFastPath.FrameError) -> Price? {
            guard let units = FixedPoint.parseUnits(scanner.slice(range)), units >= 0 else {
                throw .invalidNumber(offset: range.lowerBound)
            }
            return units == sentinel ? nil : Price(units: units)
        }
    }

    struct Parsed {
        var side: BookSide
        var price: Price
        var size: Size?
        var reportedBestBid: Price??
        var reportedBestAsk: Price??
    }

    struct Frame {
        var timestamp: Timestamp?
    }

    /// Calls `body` for every change in order; nil when the frame is not a batched `price_change`
    /// object (arrays, other events and the older `changes` layout go to the general decoder).
    static func scan(
        _ frame: UnsafeBufferPointer<UInt8>,
        _ body: (JSONByteScanner, Entry) throws(PriceChangeFastPath.FrameError) -> Void
    ) throws(PriceChangeFastPath.FrameError) -> Frame? {
        var scanner = JSONByteScanner(frame)
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        if scanner.consume(UInt8(ascii: "}")) { return nil }
        var handled = false
        var sawEventType = false
        var frameInfo = Frame()
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else {
                throw .malformed(offset: scanner.position)
            }
            if scanner.equals(key, "price_changes") {
                handled = true
                try scanChanges(&scanner, body)
            } else if scanner.equals(key, "event_type") {
                guard let value = scanner.string() else { throw .malformed(offset: scanner.position) }
                sawEventType = true
                if !scanner.equals(value, "price_change") {
                    if handled { throw .malformed(offset: scanner.position) }
                    return nil
                }
            } else if scanner.equals(key, "changes") && !handled {
                return nil
            } else if scanner.equals(key, "timestamp") {
                guard let value = scanner.string() else { throw .malformed(offset: scanner.position) }
                frameInfo.timestamp = scanner.integer(value).flatMap { PolymarketTime.timestamp(milliseconds: $0) }
            } else {
                guard scanner.skipValue() else { throw .malformed(offset: scanner.position) }
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")) else { throw .malformed(offset: scanner.position) }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw .malformed(offset: scanner.position) }
        // Changes without an event type are not a price_change the venue documented.
        if handled && !sawEventType { throw .malformed(offset: scanner.position) }
        return handled ? frameInfo : nil
    }

    private static func scanChanges(
        _ scanner: inout JSONByteScanner,
        _ body: (JSONByteScanner, Entry) throws(PriceChangeFastPath.FrameError) -> Void
    ) throws(PriceChangeFastPath.FrameError) {
        guard scanner.consume(UInt8(ascii: "[")) else { throw .malformed(offset: scanner.position) }
        if scanner.consume(UInt8(ascii: "]")) { return }
        repeat {
            guard scanner.consume(UInt8(ascii: "{")) else { throw .malformed(offset: scanner.position) }
            var asset: Range<Int>?
            var price: Range<Int>?
            var size: Range<Int>?
            var side: Range<Int>?
            var hash: Range<Int>?
            var bestBid: Range<Int>?
            var bestAsk: Range<Int>?
            repeat {
                guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else {
                    throw .malformed(offset: scanner.position)
                }
                if scanner.equals(key, "asset_id") {
                    asset = try string(&scanner)
                } else if scanner.equals(key, "price") {
                    price = try string(&scanner)
                } else if scanner.equals(key, "size") {
                    size = try string(&scanner)
                } else if scanner.equals(key, "side") {
                    side = try string(&scanner)
                } else if scanner.equals(key, "hash") {
                    hash = try string(&scanner)
                } else if scanner.equals(key, "best_bid") {
                    bestBid = try string(&scanner)
                } else if scanner.equals(key, "best_ask") {
                    bestAsk = try string(&scanner)
                } else {
                    guard scanner.skipValue() else { throw .malformed(offset: scanner.position) }
                }
            } while scanner.consume(UInt8(ascii: ","))
            guard scanner.consume(UInt8(ascii: "}")) else { throw .malformed(offset: scanner.position) }
            guard let asset, !asset.isEmpty, let price, let side else { throw .malformed(offset: scanner.position) }
            // Empty strings mean "not reported".
            try body(scanner, Entry(
                asset: asset, price: price, size: size, side: side, hash: hash?.isEmpty == false ? hash : nil,
                bestBid: bestBid?.isEmpty == false ? bestBid : nil, bestAsk: bestAsk?.isEmpty == false ? bestAsk : nil))
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "]")) else { throw .malformed(offset: scanner.position) }
    }

    private static func string(_ scanner: inout JSONByteScanner) throws(PriceChangeFastPath.FrameError) -> Range<Int> {
        guard let range = scanner.string() else { throw .malformed(offset: scanner.position) }
        return range
    }
}

extension PriceChangeFrameScanner {
    /// The frame as domain deltas, one per asset in order of first appearance — what the general
    /// decoder returns for the same frame, without `JSONDecoder`. Nil when the frame is not a
    /// batched `price_change` object.
    static func deltas(_ frame: UnsafeBufferPointer<UInt8>) throws(PriceChangeFastPath.FrameError) -> [BookDelta]? {
        var deltas: [BookDelta] = []
        let scanned = try scan(frame) { (scanner, entry) throws(PriceChangeFastPath.FrameError) in
            let token = TokenID(String(decoding: scanner.slice(entry.asset), as: UTF8.self))
            let change = try entry.parse(scanner)
            var index = deltas.lastIndex { $0.instrument.token == token }
            if index == nil {
                deltas.append(BookDelta(instrument: InstrumentID(venue: .polymarket, token: token), changes: []))
                index = deltas.count - 1
            }
            if let size = change.size { deltas[index!].changes.append(.set(change.side, change.price, size)) }
            if let hash = entry.hash { deltas[index!].hash = String(decoding: scanner.slice(hash), as: UTF8.self) }
            if let bid = change.reportedBestBid { deltas[index!].reportedBestBid = .some(bid) }
            if let ask = change.reportedBestAsk { deltas[index!].reportedBestAsk = .some(ask) }
        }
        guard let scanned else { return nil }
        for index in deltas.indices { deltas[index].venueTimestamp = scanned.timestamp }
        return deltas
    }
}
