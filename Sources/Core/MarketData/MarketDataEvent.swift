/// A trade printed on the venue.
public struct TradeTick: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public var price: Price
    public var size: Size
    /// The aggressor's side, where the venue reports it.
    public var aggressor: OrderSide?
    public var venueTimestamp: Timestamp?

    public init(instrument: InstrumentID, price: Price, size: Size, aggressor: OrderSide?, venueTimestamp: Timestamp?) {
        self.instrument = instrument
        self.price = price
        self.size = size
        self.aggressor = aggressor
        self.venueTimestamp = venueTimestamp
    }
}

/// The venue's own top of book (Polymarket `best_bid_ask`); nil prices mean an empty side.
public struct TopOfBook: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public var bestBid: Price?
    public var bestAsk: Price?
    public var venueTimestamp: Timestamp?

    public init(instrument: InstrumentID, bestBid: Price?, bestAsk: Price?, venueTimestamp: Timestamp?) {
        self.instrument = instrument
        self.bestBid = bestBid
        self.bestAsk = bestAsk
        self.venueTimestamp = venueTimestamp
    }
}

public struct TickSizeChange: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public var oldTick: Price?
    public var newTick: Price
    public var venueTimestamp: Timestamp?

    public init(instrument: InstrumentID, oldTick: Price?, newTick: Price, venueTimestamp: Timestamp?) {
        self.instrument = instrument
        self.oldTick = oldTick
        self.newTick = newTick
        self.venueTimestamp = venueTimestamp
    }
}

/// A market appeared on the venue or its result became known.
public struct MarketNotice: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable { case listed, resolved }

    public var kind: Kind
    public var venue: VenueID
    public var marketID: MarketID
    public var question: String?
    public var slug: String?
    public var tokens: [TokenID]
    public var outcomes: [String]
    /// Set for ``Kind/resolved``.
    public var winningToken: TokenID?
    public var winningOutcome: String?
    public var venueTimestamp: Timestamp?

    public init(
        kind: Kind, venue: VenueID, marketID: MarketID, question: String? = nil, slug: String? = nil,
        tokens: [TokenID] = [], outcomes: [String] = [], winningToken: TokenID? = nil,
        winningOutcome: String? = nil, venueTimestamp: Timestamp? = nil
    ) {
        self.kind = kind
        self.venue = venue
        self.marketID = marketID
        self.question = question
        self.slug = slug
        self.tokens = tokens
        self.outcomes = outcomes
        self.winningToken = winningToken
        self.winningOutcome = winningOutcome
        self.venueTimestamp = venueTimestamp
    }
}

/// Everything a market-data feed delivers, normalized across venues. The recorder stores these
/// and the replay returns them, so live code and backtests see the same values.
public enum MarketDataEvent: Hashable, Codable, Sendable {
    case bookSnapshot(BookSnapshot)
    case bookDelta(BookDelta)
    case trade(TradeTick)
    case topOfBook(TopOfBook)
    case tickSizeChange(TickSizeChange)
    case market(MarketNotice)

    public var venue: VenueID {
        switch self {
        case .bookSnapshot(let e): e.instrument.venue
        case .bookDelta(let e): e.instrument.venue
        case .trade(let e): e.instrument.venue
        case .topOfBook(let e): e.instrument.venue
        case .tickSizeChange(let e): e.instrument.venue
        case .market(let e): e.venue
        }
    }

    /// The instrument the event concerns; nil for market-level notices.
    public var instrument: InstrumentID? {
        switch self {
        case .bookSnapshot(let e): e.instrument
        case .bookDelta(let e): e.instrument
        case .trade(let e): e.instrument
        case .topOfBook(let e): e.instrument
        case .tickSizeChange(let e): e.instrument
        case .market: nil
        }
    }

    public var venueTimestamp: Timestamp? {
        switch self {
        case .bookSnapshot(let e): e.venueTimestamp
        case .bookDelta(let e): e.venueTimestamp
        case .trade(let e): e.venueTimestamp
        case .topOfBook(let e): e.venueTimestamp
        case .tickSizeChange(let e): e.venueTimestamp
        case .market(let e): e.venueTimestamp
        }
    }
}

/// A market-data event with the time it reached us: the time a backtest may first act on it.
public struct ReceivedEvent: Hashable, Codable, Sendable {
    public var receivedAt: Timestamp
    public var event: MarketDataEvent

    public init(receivedAt: Timestamp, event: MarketDataEvent) {
        self.receivedAt = receivedAt
        self.event = event
    }
}
