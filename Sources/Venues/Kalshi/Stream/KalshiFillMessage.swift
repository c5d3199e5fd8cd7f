import EdgewiseCore

/// `fill` (private): one of our orders traded.
public struct KalshiFillMessage: Hashable, Sendable {
    public var tradeID: String
    public var orderID: String
    public var clientOrderID: String?
    public var marketTicker: String
    public var isTaker: Bool?
    public var side: KalshiSide
    public var action: OrderSide
    public var yesPrice: Price
    public var count: Size
    /// The fee, where the venue reports it with the fill.
    public var fee: Amount?
    /// Our position in the market after this fill; negative means NO contracts.
    public var postPosition: KalshiNetPosition?
    public var venueTimestamp: Timestamp?

    public init(
        tradeID: String, orderID: String, clientOrderID: String? = nil, marketTicker: String, isTaker: Bool?, side: KalshiSide,
        action: OrderSide, yesPrice: Price, count: Size, fee: Amount? = nil, postPosition: KalshiNetPosition?,
        venueTimestamp: Timestamp?
    ) {
        self.tradeID = tradeID
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.marketTicker = marketTicker
        self.isTaker = isTaker
        self.side = side
        self.action = action
        self.yesPrice = yesPrice
        self.count = count
        self.fee = fee
        self.postPosition = postPosition
        self.venueTimestamp = venueTimestamp
    }

    /// The price of the contracts of ``side``.
    public var price: Price { side == .yes ? yesPrice : yesPrice.complement }

    enum Keys: String, CodingKey {
        case tradeID = "trade_id"
        case orderID = "order_id"
        case clientOrderID = "client_order_id"
        case marketTicker = "market_ticker"
        case isTaker = "is_taker"
        case side, action, count, ts
        case yesPrice = "yes_price"
        case yesPriceDollars = "yes_price_dollars"
        case noPrice = "no_price"
        case noPriceDollars = "no_price_dollars"
        case countFP = "count_fp"
        case feeCost = "fee_cost"
        case postPosition = "post_position"
        case postPositionFP = "post_position_fp"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        tradeID = try container.kalshiRequiredString(.tradeID)
        orderID = try container.kalshiRequiredString(.orderID)
        clientOrderID = try container.decodeIfPresent(String.self, forKey: .clientOrderID)
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        isTaker = try container.decodeIfPresent(Bool.self, forKey: .isTaker)
        side = try container.decode(KalshiSide.self, forKey: .side)
        action = try container.decode(OrderSide.self, forKey: .action)
        let yes = try container.kalshiPrice(.yesPriceDollars, legacyCents: .yesPrice)
        let no = try container.kalshiPrice(.noPriceDollars, legacyCents: .noPrice)
        if let yes, let no, yes.complement != no {
            throw DecodingError.dataCorruptedError(
                forKey: .noPriceDollars, in: container, debugDescription: "no_price_dollars \(no) is not 1 − yes_price_dollars \(yes)")
        }
        guard let price = yes ?? no?.complement else {
            throw DecodingError.keyNotFound(Keys.yesPriceDollars, .init(codingPath: container.codingPath, debugDescription: "a fill needs a price"))
        }
        yesPrice = price
        guard let count = try container.kalshiCount(.countFP, legacy: .count) else {
            throw DecodingError.keyNotFound(Keys.countFP, .init(codingPath: container.codingPath, debugDescription: "a fill needs count_fp"))
        }
        self.count = count
        fee = try container.kalshiSignedDollars(.feeCost).map { Amount(units: $0) }
        postPosition = try container.kalshiSignedCount(.postPositionFP, legacy: .postPosition).map(KalshiNetPosition.init(units:))
        venueTimestamp = try container.kalshiTimestamp(.ts)
    }
}
