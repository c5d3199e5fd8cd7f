import EdgewiseCore

/// `ticker`: the venue's summary of one market (last price, top of book, volume, open interest).
public struct KalshiTickerMessage: Hashable, Sendable {
    public var marketTicker: String
    public var marketID: String?
    /// The last traded YES price.
    public var lastPrice: Price?
    public var yesBid: Price?
    public var yesAsk: Price?
    public var noBid: Price?
    public var noAsk: Price?
    public var volume: Size?
    public var openInterest: Size?
    /// Legacy whole-dollar figures, where the venue still sends them.
    public var dollarVolume: Amount?
    public var dollarOpenInterest: Amount?
    public var venueTimestamp: Timestamp?

    public init(
        marketTicker: String, marketID: String? = nil, lastPrice: Price? = nil, yesBid: Price? = nil, yesAsk: Price? = nil,
        noBid: Price? = nil, noAsk: Price? = nil, volume: Size? = nil, openInterest: Size? = nil, dollarVolume: Amount? = nil,
        dollarOpenInterest: Amount? = nil, venueTimestamp: Timestamp? = nil
    ) {
        self.marketTicker = marketTicker
        self.marketID = marketID
        self.lastPrice = lastPrice
        self.yesBid = yesBid
        self.yesAsk = yesAsk
        self.noBid = noBid
        self.noAsk = noAsk
        self.volume = volume
        self.openInterest = openInterest
        self.dollarVolume = dollarVolume
        self.dollarOpenInterest = dollarOpenInterest
        self.venueTimestamp = venueTimestamp
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case marketID = "market_id"
        case price, ts, volume
        case priceDollars = "price_dollars"
        case yesBid = "yes_bid"
        case yesBidDollars = "yes_bid_dollars"
        case yesAsk = "yes_ask"
        case yesAskDollars = "yes_ask_dollars"
        case noBid = "no_bid"
        case noBidDollars = "no_bid_dollars"
        case noAsk = "no_ask"
        case noAskDollars = "no_ask_dollars"
        case volumeFP = "volume_fp"
        case openInterest = "open_interest"
        case openInterestFP = "open_interest_fp"
        case dollarVolume = "dollar_volume"
        case dollarOpenInterest = "dollar_open_interest"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        marketID = try container.decodeIfPresent(String.self, forKey: .marketID)
        lastPrice = try container.kalshiPrice(.priceDollars, legacyCents: .price)
        yesBid = try container.kalshiPrice(.yesBidDollars, legacyCents: .yesBid)
        yesAsk = try container.kalshiPrice(.yesAskDollars, legacyCents: .yesAsk)
        noBid = try container.kalshiPrice(.noBidDollars, legacyCents: .noBid)
        noAsk = try container.kalshiPrice(.noAskDollars, legacyCents: .noAsk)
        volume = try container.kalshiCount(.volumeFP, legacy: .volume)
        openInterest = try container.kalshiCount(.openInterestFP, legacy: .openInterest)
        dollarVolume = try container.kalshiLegacyInteger(.dollarVolume).map { Amount(units: $0 * FixedPoint.unitsPerWhole) }
        dollarOpenInterest = try container.kalshiLegacyInteger(.dollarOpenInterest).map { Amount(units: $0 * FixedPoint.unitsPerWhole) }
        venueTimestamp = try container.kalshiTimestamp(.ts)
    }

    /// The venue's top of book for `side`'s contracts: its own bid, and as ask the explicit ask
    /// when sent, else the other side's bid complemented.
    public func topOfBook(_ side: KalshiSide) -> TopOfBook {
        let bid = side == .yes ? yesBid : noBid
        let ask = (side == .yes ? yesAsk : noAsk) ?? (side == .yes ? noBid : yesBid)?.complement
        return TopOfBook(
            instrument: Kalshi.instrument(ticker: marketTicker, side: side), bestBid: bid, bestAsk: ask, venueTimestamp: venueTimestamp)
    }
}
