/// A Kalshi WebSocket channel name. A struct rather than an enum so that a channel this version
/// does not know (the venue adds them) can still be named, subscribed and listed.
public struct KalshiChannel: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `orderbook_snapshot` then `orderbook_delta` messages, sequenced per subscription. Needs an
    /// authenticated connection.
    public static let orderbookDelta: KalshiChannel = "orderbook_delta"
    public static let ticker: KalshiChannel = "ticker"
    public static let trade: KalshiChannel = "trade"
    /// The account's own fills (authenticated).
    public static let fill: KalshiChannel = "fill"
    /// The account's own order changes (authenticated).
    public static let userOrders: KalshiChannel = "user_orders"
    public static let marketPositions: KalshiChannel = "market_positions"
    public static let marketLifecycleV2: KalshiChannel = "market_lifecycle_v2"
    public static let multivariate: KalshiChannel = "multivariate"
    public static let communications: KalshiChannel = "communications"
    public static let orderGroupUpdates: KalshiChannel = "order_group_updates"

    /// Whether a subscription to this channel is scoped by market tickers. Subscribing such a
    /// channel without tickers asks for every market on the exchange, which the stream never
    /// does by accident.
    public var isPerMarket: Bool {
        [.orderbookDelta, .ticker, .trade].contains(self)
    }

    public var description: String { rawValue }
}
