import EdgewiseCore

/// `user_order` (channel `user_orders`, private): one of our orders changed. Decoded leniently:
/// only the order id is required, because this payload has changed shape more than any other
/// and a missing optional field must not cost us the news that an order moved. Fields that are
/// present are still checked (and reconciled with their legacy twins).
public struct KalshiUserOrderMessage: Hashable, Sendable {
    public var orderID: String
    public var clientOrderID: String?
    public var marketTicker: String?
    /// The venue's status text (`resting`, `canceled`, `executed`, …) as sent.
    public var status: String?
    public var side: KalshiSide?
    public var action: OrderSide?
    public var yesPrice: Price?
    public var noPrice: Price?
    public var initialCount: Size?
    public var fillCount: Size?
    public var remainingCount: Size?
    public var venueTimestamp: Timestamp?

    public init(
        orderID: String, clientOrderID: String? = nil, marketTicker: String? = nil, status: String? = nil, side: KalshiSide? = nil,
        action: OrderSide? = nil, yesPrice: Price? = nil, noPrice: Price? = nil, initialCount: Size? = nil, fillCount: Size? = nil,
        remainingCount: Size? = nil, venueTimestamp: Timestamp? = nil
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.marketTicker = marketTicker
        self.status = status
        self.side = side
        self.action = action
        self.yesPrice = yesPrice
        self.noPrice = noPrice
        self.initialCount = initialCount
        self.fillCount = fillCount
        self.remainingCount = remainingCount
        self.venueTimestamp = venueTimestamp
    }

    /// The status in Core's terms, where the venue's word maps onto one.
    public var orderStatus: OrderStatus? {
        switch status?.lowercased() {
        case "resting": (fillCount?.units ?? 0) > 0 ? .partiallyFilled : .open
        case "canceled", "cancelled": .cancelled
        case "executed": .filled
        case "pending": .submitted
        default: nil
        }
    }

    enum Keys: String, CodingKey {
        case orderID = "order_id"
        case clientOrderID = "client_order_id"
        case ticker
        case marketTicker = "market_ticker"
        case status, side, action
        case yesPrice = "yes_price"
        case yesPriceDollars = "yes_price_dollars"
        case noPrice = "no_price"
        case noPriceDollars = "no_price_dollars"
        case initialCount = "initial_count"
        case initialCountFP = "initial_count_fp"
        case fillCount = "fill_count"
        case fillCountFP = "fill_count_fp"
        case remainingCount = "remaining_count"
        case remainingCountFP = "remaining_count_fp"
        case lastUpdateTime = "last_update_time"
        case createdTime = "created_time"
        case ts
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        orderID = try container.kalshiRequiredString(.orderID)
        clientOrderID = try? container.decodeIfPresent(String.self, forKey: .clientOrderID)
        marketTicker = (try? container.decodeIfPresent(String.self, forKey: .marketTicker))
            ?? (try? container.decodeIfPresent(String.self, forKey: .ticker))
        status = try? container.decodeIfPresent(String.self, forKey: .status)
        side = (try? container.decodeIfPresent(String.self, forKey: .side)).flatMap { KalshiSide(rawValue: $0.lowercased()) }
        action = (try? container.decodeIfPresent(String.self, forKey: .action)).flatMap { OrderSide(rawValue: $0.lowercased()) }
        yesPrice = try container.kalshiPrice(.yesPriceDollars, legacyCents: .yesPrice)
        noPrice = try container.kalshiPrice(.noPriceDollars, legacyCents: .noPrice)
        initialCount = try container.kalshiCount(.initialCountFP, legacy: .initialCount)
        fillCount = try container.kalshiCount(.fillCountFP, legacy: .fillCount)
        remainingCount = try container.kalshiCount(.remainingCountFP, legacy: .remainingCount)
        // Whichever time the payload carries, most specific first; an unreadable one is no reason
        // to drop the order update.
        venueTimestamp = [Keys.lastUpdateTime, .ts, .createdTime].lazy.compactMap { try? container.kalshiTimestamp($0) }.first
    }
}
