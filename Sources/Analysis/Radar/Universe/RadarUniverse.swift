import EdgewiseCore

/// Every market the radar watches and the latest book of each, indexed densely so a book update
/// finds its market, and a detector its books, without hashing more than once.
///
/// Books are kept with a small level reservation: the radar holds tens of thousands of them and
/// most prediction-market books are a handful of levels deep (they grow when they need to).
public struct RadarUniverse: Sendable {
    public private(set) var markets: [RadarMarket] = []
    public private(set) var books: [OrderBook] = []
    /// Facts observed so far (prices, published results, venue resolutions), each stamped with
    /// when it became known; resolution detectors read only those known at their `now`.
    public private(set) var observations: [ResolutionObservation] = []
    private var indexByInstrument: [InstrumentID: Int] = [:]
    private var indexByMarket: [MarketKey: Int] = [:]

    struct MarketKey: Hashable, Sendable {
        var venue: VenueID
        var market: MarketID
    }

    public static let bookLevelReservation = 8

    public init() {}

    public var count: Int { markets.count }

    /// Adds a market, or refreshes its catalog fields (fees, status, minimum size) keeping its
    /// book; returns its index.
    @discardableResult
    public mutating func upsert(_ market: RadarMarket) -> Int {
        let key = MarketKey(venue: market.venue, market: market.marketID)
        if let index = indexByMarket[key] {
            markets[index] = market
            indexByInstrument[market.yes] = index
            return index
        }
        let index = markets.count
        markets.append(market)
        books.append(OrderBook(instrument: market.yes, levelCapacity: Self.bookLevelReservation))
        indexByInstrument[market.yes] = index
        indexByMarket[key] = index
        return index
    }

    public func index(of instrument: InstrumentID) -> Int? { indexByInstrument[instrument] }

    public func index(venue: VenueID, market: MarketID) -> Int? {
        indexByMarket[MarketKey(venue: venue, market: market)]
    }

    /// Mutates a market's book in place (no copy of its levels).
    public mutating func withBook<R>(at index: Int, _ body: (inout OrderBook) throws -> R) rethrows -> R {
        try body(&books[index])
    }

    public mutating func record(_ observation: ResolutionObservation) {
        observations.append(observation)
    }

    public mutating func setTradable(_ tradable: Bool, at index: Int) {
        markets[index].isTradable = tradable
    }

    public mutating func setFees(_ fees: any FeeModel, at index: Int) {
        markets[index].fees = fees
    }

    /// Whether the book can be traded on at `now`: synchronized, not crossed, fresh enough.
    public func isUsable(_ index: Int, now: Timestamp, maxAge: Double?) -> Bool {
        let book = books[index]
        guard book.isSynchronized, !book.isCrossed else { return false }
        if let maxAge, book.isStale(at: now, maxAge: maxAge) { return false }
        return true
    }
}
