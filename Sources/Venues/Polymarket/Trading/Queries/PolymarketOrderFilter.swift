import EdgewiseCore

/// Narrows `GET /data/orders` (the account's open orders). Empty means all.
public struct PolymarketOrderFilter: Sendable, Hashable {
    public var orderID: String?
    public var market: MarketID?
    public var tokenID: TokenID?

    public init(orderID: String? = nil, market: MarketID? = nil, tokenID: TokenID? = nil) {
        self.orderID = orderID
        self.market = market
        self.tokenID = tokenID
    }

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let orderID { items.append(("id", orderID)) }
        if let market { items.append(("market", market.rawValue)) }
        if let tokenID { items.append(("asset_id", tokenID.rawValue)) }
        return items
    }
}
