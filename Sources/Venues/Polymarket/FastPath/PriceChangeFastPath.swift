import EdgewiseCore

/// Applies Polymarket `price_change` frames straight from the WebSocket bytes to a
/// ``PolymarketBookSet``, without materializing strings, arrays or `Codable` values: the one
/// message that arrives thousands of times a second costs no heap allocation.
///
/// It agrees with the general decoder (`MarketChannelMessage`) on every frame — a test holds them
/// side by side — and declines every other frame (`.notPriceChange`) so the caller falls back to it.
public struct PriceChangeFastPath: Sendable {
    /// What one frame did.
    public struct Outcome: Equatable, Sendable {
        public var handled: Bool
        public var changesApplied: Int
        /// Changes for tokens that have no book here (not subscribed).
        public var unknownAssets: Int
        /// Slots whose book disagreed with the venue's reported best prices, or crossed, after a
        /// change: they are now unsynchronized and need a REST resync.
        public var inconsistentSlots: SlotList

        public static let notPriceChange = Outcome(handled: false, changesApplied: 0, unknownAssets: 0, inconsistentSlots: SlotList())
    }

    /// A tiny fixed-capacity list, so reporting inconsistent books does not allocate.
    public struct SlotList: Equatable, Sendable, Sequence {
        private var storage: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
        public private(set) var count = 0
        /// More slots than fit were inconsistent: resync every book that is unsynchronized.
        public private(set) var overflowed = false

        public init() {}

        mutating func append(_ slot: Int) {
            if contains(slot) { return }
            guard count < 8 else {
                overflowed = true
                return
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: slot, toByteOffset: count * MemoryLayout<Int>.stride, as: Int.self) }
            count += 1
        }

        public var isEmpty: Bool { count == 0 && !overflowed }

        public subscript(position: Int) -> Int {
            precondition(position >= 0 && position < count, "slot list index out of range")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: position * MemoryLayout<Int>.stride, as: Int.self) }
        }

        public struct Iterator: IteratorProtocol {
            let list: SlotList
            var position = 0
            public mutating func next() -> Int? {
                guard position < list.count else { return nil }
                defer { position += 1 }
                return list[position]
            }
        }

        public func makeIterator() -> Iterator { Iterator(list: self) }

        func contains(_ slot: Int) -> Bool {
            var position = 0
            while position < count {
                if self[position] == slot { return true }
                position += 1
            }
            return false
        }

        public static func == (lhs: SlotList, rhs: SlotList) -> Bool {
            lhs.count == rhs.count && lhs.overflowed == rhs.overflowed && Array(lhs) == Array(rhs)
        }
    }

    public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(offset: Int)
        case invalidNumber(offset: Int)
        case invalidSide(offset: Int)

        public var description: String {
            switch self {
            case .malformed(let offset): "price_change frame is not valid JSON near byte \(offset); frame skipped"
            case .invalidNumber(let offset): "price_change frame has a price or size that is not a plain decimal near byte \(offset); book marked for resync"
            case .invalidSide(let offset): "price_change frame has a side other than BUY/SELL near byte \(offset); book marked for resync"
            }
        }
    }

    public init() {}

    /// Applies one frame. Changes before a malformed part stay applied and the affected book is
    /// invalidated, so a half-applied frame can never leave a book that claims to be in sync.
    public func apply(
        _ frame: UnsafeBufferPointer<UInt8>, to books: inout PolymarketBookSet, receivedAt: Timestamp
    ) throws(FrameError) -> Outcome {
        var scanner = JSONByteScanner(frame)
        guard scanner.consume(UInt8(ascii: "{")) else { return .notPriceChange }
        var outcome = Outcome(handled: false, changesApplied: 0, unknownAssets: 0, inconsistentSlots: SlotList())
        var timestamp: Timestamp?
        var touched = SlotList()
        if scanner.consume(UInt8(ascii: "}")) { return .notPriceChange }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else {
                throw .malformed(offset: scanner.position)
            }
            if scanner.equals(key, "price_changes") {
                outcome.handled = true
                do {
                    try applyChanges(&scanner, &books, &outcome, &touched, receivedAt)
                } catch {
                    // Whatever the rest of the frame held is lost: no touched book may claim to be in sync.
                    if touched.overflowed {
                        for slot in books.books.indices { books.invalidate(slot: slot) }
                    } else {
                        for slot in touched { books.invalidate(slot: slot) }
                    }
                    throw error
                }
            } else if scanner.equals(key, "event_type") {
                guard let value = scanner.string() else { throw .malformed(offset: scanner.position) }
                if !scanner.equals(value, "price_change") {
                    if outcome.handled { throw .malformed(offset: scanner.position) }
                    return .notPriceChange
                }
            } else if scanner.equals(key, "timestamp") {
                guard let value = scanner.string() else { throw .malformed(offset: scanner.position) }
                // Milliseconds parsed as millionths are exactly nanoseconds.
                if let nanoseconds = FixedPoint.parseUnits(scanner.slice(value)) { timestamp = Timestamp(nanoseconds: nanoseconds) }
            } else {
                guard scanner.skipValue() else { throw .malformed(offset: scanner.position) }
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")) else { throw .malformed(offset: scanner.position) }
        guard outcome.handled else { return .notPriceChange }
        for slot in touched {
            books.books[slot].markUpdated(venueTimestamp: timestamp, receivedAt: nil)
        }
        return outcome
    }

    private func applyChanges(
        _ scanner: inout JSONByteScanner, _ books: inout PolymarketBookSet, _ outcome: inout Outcome,
        _ touched: inout SlotList, _ receivedAt: Timestamp
    ) throws(FrameError) {
        guard scanner.consume(UInt8(ascii: "[")) else { throw .malformed(offset: scanner.position) }
        if scanner.consume(UInt8(ascii: "]")) { return }
        repeat {
            guard scanner.consume(UInt8(ascii: "{")) else { throw .malformed(offset: scanner.position) }
            var asset: Range<Int>?
            var price: Range<Int>?
            var size: Range<Int>?
            var side: Range<Int>?
            var bestBid: Range<Int>?
            var bestAsk: Range<Int>?
            repeat {
                guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else {
                    throw .malformed(offset: scanner.position)
                }
                var target: Range<Int>?? = .none
                if scanner.equals(key, "asset_id") {
                    target = scanner.string()
                    asset = target ?? nil
                } else if scanner.equals(key, "price") {
                    target = scanner.string()
                    price = target ?? nil
                } else if scanner.equals(key, "size") {
                    target = scanner.string()
                    size = target ?? nil
                } else if scanner.equals(key, "side") {
                    target = scanner.string()
                    side = target ?? nil
                } else if scanner.equals(key, "best_bid") {
                    target = scanner.string()
                    bestBid = target ?? nil
                } else if scanner.equals(key, "best_ask") {
                    target = scanner.string()
                    bestAsk = target ?? nil
                } else {
                    guard scanner.skipValue() else { throw .malformed(offset: scanner.position) }
                }
                if case .some(.none) = target { throw .malformed(offset: scanner.position) }
            } while scanner.consume(UInt8(ascii: ","))
            guard scanner.consume(UInt8(ascii: "}")) else { throw .malformed(offset: scanner.position) }
            guard let asset, let price, let side else { throw .malformed(offset: scanner.position) }
            guard let slot = books.slot(forTokenBytes: scanner.slice(asset)) else {
                outcome.unknownAssets += 1
                continue
            }
            touched.append(slot)
            books.books[slot].markUpdated(venueTimestamp: nil, receivedAt: receivedAt)
            guard let priceUnits = FixedPoint.parseUnits(scanner.slice(price)), priceUnits >= 0 else {
                books.invalidate(slot: slot)
                throw .invalidNumber(offset: price.lowerBound)
            }
            // A change without a size carries only the new best prices; treat it as no level change.
            var sizeUnits: Int64 = -1
            if let size {
                guard let parsed = FixedPoint.parseUnits(scanner.slice(size)), parsed >= 0 else {
                    books.invalidate(slot: slot)
                    throw .invalidNumber(offset: size.lowerBound)
                }
                sizeUnits = parsed
            }
            let bookSide: BookSide
            if scanner.equals(side, "BUY") {
                bookSide = .bid
            } else if scanner.equals(side, "SELL") {
                bookSide = .ask
            } else {
                books.invalidate(slot: slot)
                throw .invalidSide(offset: side.lowerBound)
            }
            guard books.books[slot].isSynchronized else {
                // Waiting for a snapshot: applying to a stale book would only hide the gap.
                outcome.inconsistentSlots.append(slot)
                continue
            }
            if sizeUnits >= 0 {
                books.books[slot].set(bookSide, Price(units: priceUnits), Size(units: sizeUnits))
                outcome.changesApplied += 1
            }
            let reportedBid = bestBid.map { Self.reportedPrice(scanner.slice($0), emptyAt: 0) }
            let reportedAsk = bestAsk.map { Self.reportedPrice(scanner.slice($0), emptyAt: FixedPoint.unitsPerWhole) }
            do {
                try books.books[slot].verify(reportedBestBid: reportedBid, reportedBestAsk: reportedAsk)
            } catch {
                outcome.inconsistentSlots.append(slot)
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "]")) else { throw .malformed(offset: scanner.position) }
    }

    /// The venue reports an empty side as "0" (bids) or "1" (asks), sometimes as "".
    @inline(__always)
    static func reportedPrice(_ bytes: UnsafeBufferPointer<UInt8>, emptyAt sentinel: Int64) -> Price? {
        guard let units = FixedPoint.parseUnits(bytes), units != sentinel else { return nil }
        return Price(units: units)
    }
}
