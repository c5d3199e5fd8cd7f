/// An L2 order book for one instrument: price levels with their total size.
///
/// Both sides are kept sorted with the best level last (bids ascending, asks descending), the
/// order Polymarket sends them in; updates at the top of the book — the common case — touch the
/// end of the array, and reserved capacity means a steady stream of deltas allocates nothing.
public struct OrderBook: Sendable {
    public let instrument: InstrumentID
    public private(set) var bids: ContiguousArray<BookLevel>
    public private(set) var asks: ContiguousArray<BookLevel>
    public var tickSize: Price?
    public private(set) var venueTimestamp: Timestamp?
    /// When the last snapshot or delta was received here.
    public private(set) var receivedAt: Timestamp?
    public private(set) var sequence: UInt64?
    public private(set) var venueHash: String?
    /// False until the first snapshot, and again after a detected inconsistency until the next.
    public private(set) var isSynchronized: Bool
    public private(set) var updateCount: UInt64

    public init(instrument: InstrumentID, levelCapacity: Int = 64) {
        self.instrument = instrument
        self.bids = []
        self.asks = []
        self.bids.reserveCapacity(levelCapacity)
        self.asks.reserveCapacity(levelCapacity)
        self.isSynchronized = false
        self.updateCount = 0
    }

    public init(snapshot: BookSnapshot, receivedAt: Timestamp? = nil) {
        self.init(instrument: snapshot.instrument, levelCapacity: max(64, snapshot.bids.count, snapshot.asks.count))
        try! apply(snapshot, receivedAt: receivedAt)
    }

    // MARK: Reading

    public var bestBid: BookLevel? { bids.last }
    public var bestAsk: BookLevel? { asks.last }

    /// The midpoint of the best bid and ask, rounded half-up to the millionth.
    public var midpoint: Price? {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return nil }
        return Price(units: Int64(FixedPoint.divide(Int128(bid.units) + Int128(ask.units), 2, .halfUp)))
    }

    public var spread: Price? {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return nil }
        return Price(units: ask.units - bid.units)
    }

    /// A bid at or above the ask cannot exist on a venue's matching engine; here it means a
    /// missed update.
    public var isCrossed: Bool {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return false }
        return bid >= ask
    }

    /// Whether nothing has been received for longer than `maxAge` seconds at `now`.
    public func isStale(at now: Timestamp, maxAge: Double) -> Bool {
        guard let receivedAt else { return true }
        return now.seconds(since: receivedAt) > maxAge
    }

    /// Levels best first, as a trader reads them.
    public func levels(_ side: BookSide) -> [BookLevel] {
        side == .bid ? Array(bids.reversed()) : Array(asks.reversed())
    }

    public func size(at price: Price, side: BookSide) -> Size {
        let levels = side == .bid ? bids : asks
        guard let index = Self.search(levels, price, ascending: side == .bid).found else { return .zero }
        return levels[index].size
    }

    // MARK: Updating

    /// Replaces the whole book.
    public mutating func apply(_ snapshot: BookSnapshot, receivedAt: Timestamp? = nil) throws(OrderBookError) {
        guard snapshot.instrument == instrument else {
            throw .wrongInstrument(book: instrument, update: snapshot.instrument)
        }
        bids.removeAll(keepingCapacity: true)
        asks.removeAll(keepingCapacity: true)
        for level in snapshot.bids where level.size.units > 0 { set(.bid, level.price, level.size) }
        for level in snapshot.asks where level.size.units > 0 { set(.ask, level.price, level.size) }
        if let tick = snapshot.tickSize { tickSize = tick }
        venueTimestamp = snapshot.venueTimestamp ?? venueTimestamp
        self.receivedAt = receivedAt ?? self.receivedAt
        sequence = snapshot.sequence
        venueHash = snapshot.hash
        isSynchronized = true
        updateCount &+= 1
    }

    /// Applies a batch of changes, then checks it against the venue's sequence and reported best
    /// prices. A failed check leaves the book marked unsynchronized and throws: rebuild it from a
    /// snapshot before trusting it again.
    public mutating func apply(_ delta: BookDelta, receivedAt: Timestamp? = nil) throws(OrderBookError) {
        guard delta.instrument == instrument else {
            throw .wrongInstrument(book: instrument, update: delta.instrument)
        }
        guard isSynchronized else { throw .noSnapshot(instrument: instrument) }
        if let received = delta.sequence, let current = sequence, received != current &+ 1 {
            isSynchronized = false
            throw .sequenceGap(instrument: instrument, expected: current &+ 1, received: received)
        }
        for change in delta.changes {
            try apply(change)
        }
        if let received = delta.sequence { sequence = received }
        if let hash = delta.hash { venueHash = hash }
        venueTimestamp = delta.venueTimestamp ?? venueTimestamp
        self.receivedAt = receivedAt ?? self.receivedAt
        updateCount &+= 1
        try verify(reportedBestBid: delta.reportedBestBid, reportedBestAsk: delta.reportedBestAsk)
    }

    /// Applies one level change without any consistency check (the hot path of venue decoders,
    /// which call ``verify(reportedBestBid:reportedBestAsk:)`` themselves).
    public mutating func apply(_ change: BookChange) throws(OrderBookError) {
        switch change.update {
        case .set(let size):
            set(change.side, change.price, size)
        case .add(let delta):
            let current = size(at: change.price, side: change.side).units
            let updated = current + delta
            if updated < 0 {
                isSynchronized = false
                throw .negativeLevel(instrument: instrument, side: change.side, price: change.price)
            }
            set(change.side, change.price, Size(units: updated))
        }
    }

    /// Sets the total size at a price; zero removes the level.
    public mutating func set(_ side: BookSide, _ price: Price, _ size: Size) {
        if side == .bid {
            Self.set(&bids, price, size, ascending: true)
        } else {
            Self.set(&asks, price, size, ascending: false)
        }
    }

    /// Records that the book was touched at `receivedAt` (used by decoders that call ``set``).
    public mutating func markUpdated(venueTimestamp: Timestamp?, receivedAt: Timestamp?, hash: String? = nil) {
        if let venueTimestamp { self.venueTimestamp = venueTimestamp }
        if let receivedAt { self.receivedAt = receivedAt }
        if let hash { venueHash = hash }
        updateCount &+= 1
    }

    /// Compares the book with the best prices the venue reports and with itself (crossing).
    public mutating func verify(reportedBestBid: Price??, reportedBestAsk: Price??) throws(OrderBookError) {
        if let reported = reportedBestBid, reported != bestBid?.price {
            isSynchronized = false
            throw .bestPriceMismatch(instrument: instrument, side: .bid, book: bestBid?.price, venue: reported)
        }
        if let reported = reportedBestAsk, reported != bestAsk?.price {
            isSynchronized = false
            throw .bestPriceMismatch(instrument: instrument, side: .ask, book: bestAsk?.price, venue: reported)
        }
        if let bid = bestBid?.price, let ask = bestAsk?.price, bid >= ask {
            isSynchronized = false
            throw .crossed(instrument: instrument, bid: bid, ask: ask)
        }
    }

    /// Marks the book untrustworthy (for example after the feed dropped) until the next snapshot.
    public mutating func invalidate() { isSynchronized = false }

    static func set(_ levels: inout ContiguousArray<BookLevel>, _ price: Price, _ size: Size, ascending: Bool) {
        // Fast path: most updates hit the best level, which is the last element.
        if let last = levels.last, last.price == price {
            if size.units > 0 { levels[levels.count - 1].size = size } else { levels.removeLast() }
            return
        }
        let (found, insertion) = search(levels, price, ascending: ascending)
        if let found {
            if size.units > 0 { levels[found].size = size } else { levels.remove(at: found) }
        } else if size.units > 0 {
            levels.insert(BookLevel(price: price, size: size), at: insertion)
        }
    }

    /// Binary search in a side sorted ascending (bids) or descending (asks).
    static func search(_ levels: ContiguousArray<BookLevel>, _ price: Price, ascending: Bool) -> (found: Int?, insertion: Int) {
        var low = 0
        var high = levels.count
        while low < high {
            let mid = (low + high) / 2
            let value = levels[mid].price
            if value == price { return (mid, mid) }
            if (value < price) == ascending { low = mid + 1 } else { high = mid }
        }
        return (nil, low)
    }
}
