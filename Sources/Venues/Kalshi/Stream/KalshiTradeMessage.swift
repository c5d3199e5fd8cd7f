import EdgewiseCore

/// `trade`: a public trade print. Prices are given for both sides (they sum to 1).
public struct KalshiTradeMessage: Hashable, Sendable {
    public var marketTicker: String
    public var tradeID: String?
    public var yesPrice: Price
    public var noPrice: Price
    public var count: Size
    /// The side whose contracts the taker bought.
    public var takerSide: KalshiSide?
    public var venueTimestamp: Timestamp?

    public init(
        marketTicker: String, tradeID: String? = nil, yesPrice: Price, noPrice: Price, count: Size, takerSide: KalshiSide?,
        venueTimestamp: Timestamp?
    ) {
        self.marketTicker = marketTicker
        self.tradeID = tradeID
        self.yesPrice = yesPrice
        self.noPrice = noPrice
        self.count = count
        self.takerSide = takerSide
        self.venueTimestamp = venueTimestamp
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case tradeID = "trade_id"
        case yesPrice = "yes_price"
        case yesPriceDollars = "yes_price_dollars"
        case noPrice = "no_price"
        case noPriceDollars = "no_price_dollars"
        case count
        case countFP = "count_fp"
        case takerSide = "taker_side"
        case ts
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        tradeID = try container.decodeIfPresent(String.self, forKey: .tradeID)
        let yes = try container.kalshiPrice(.yesPriceDollars, legacyCents: .yesPrice)
        let no = try container.kalshiPrice(.noPriceDollars, legacyCents: .noPrice)
        guard let price = yes ?? no?.complement else {
            throw DecodingError.keyNotFound(Keys.yesPriceDollars, .init(codingPath: container.codingPath, debugDescription: "a trade needs a price"))
        }
        yesPrice = price
        noPrice = no ?? price.complement
        guard let count = try container.kalshiCount(.countFP, legacy: .count) else {
            throw DecodingError.keyNotFound(Keys.countFP, .init(codingPath: container.codingPath, debugDescription: "a trade needs count_fp"))
        }
        self.count = count
        takerSide = try container.decodeIfPresent(KalshiSide.self, forKey: .takerSide)
        venueTimestamp = try container.kalshiTimestamp(.ts)
    }

    /// The trade as a Core tick on the YES instrument: a taker buying NO sold YES.
    public var tradeTick: TradeTick {
        TradeTick(
            instrument: Kalshi.instrument(ticker: marketTicker, side: .yes), price: yesPrice, size: count,
            aggressor: takerSide.map { $0 == .yes ? .buy : .sell }, venueTimestamp: venueTimestamp)
    }
}
