import EdgewiseCore

/// `orderbook_delta`: the resting bids of one side at one price changed by a signed count.
public struct KalshiOrderbookDeltaMessage: Hashable, Sendable {
    public var marketTicker: String
    public var marketID: String?
    public var side: KalshiSide
    public var price: Price
    /// Millionths of a contract, signed: negative when bids were cancelled or filled.
    public var delta: Int64
    /// Set when one of our own orders caused the change.
    public var clientOrderID: String?
    public var venueTimestamp: Timestamp?

    public init(
        marketTicker: String, marketID: String? = nil, side: KalshiSide, price: Price, delta: Int64,
        clientOrderID: String? = nil, venueTimestamp: Timestamp? = nil
    ) {
        self.marketTicker = marketTicker
        self.marketID = marketID
        self.side = side
        self.price = price
        self.delta = delta
        self.clientOrderID = clientOrderID
        self.venueTimestamp = venueTimestamp
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case marketID = "market_id"
        case side, price, delta, ts
        case priceDollars = "price_dollars"
        case deltaFP = "delta_fp"
        case clientOrderID = "client_order_id"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        marketID = try container.decodeIfPresent(String.self, forKey: .marketID)
        side = try container.decode(KalshiSide.self, forKey: .side)
        guard let price = try container.kalshiPrice(.priceDollars, legacyCents: .price) else {
            throw DecodingError.keyNotFound(Keys.priceDollars, .init(codingPath: container.codingPath, debugDescription: "a delta needs a price"))
        }
        guard price.isInsideUnitInterval else {
            throw DecodingError.dataCorruptedError(forKey: .priceDollars, in: container, debugDescription: "price \(price) is outside (0, 1)")
        }
        self.price = price
        guard let delta = try container.kalshiSignedCount(.deltaFP, legacy: .delta) else {
            throw DecodingError.keyNotFound(Keys.deltaFP, .init(codingPath: container.codingPath, debugDescription: "a delta needs delta_fp"))
        }
        self.delta = delta
        clientOrderID = try container.decodeIfPresent(String.self, forKey: .clientOrderID)
        venueTimestamp = try container.kalshiTimestamp(.ts)
    }
}
