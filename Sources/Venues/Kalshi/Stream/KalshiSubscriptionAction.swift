/// What an `update_subscription` command does with its `market_tickers`.
public enum KalshiSubscriptionAction: String, Hashable, Sendable, Codable {
    case addMarkets = "add_markets"
    case deleteMarkets = "delete_markets"
}
