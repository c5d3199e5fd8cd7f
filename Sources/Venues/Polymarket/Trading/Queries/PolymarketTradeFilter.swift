import EdgewiseCore

/// Narrows `GET /data/trades` (the account's trades). Empty means all.
public struct PolymarketTradeFilter: Sendable, Hashable {
    public var tradeID: String?
    public var makerAddress: String?
    public var market: MarketID?
    public var tokenID: TokenID?
    /// Trades matched before this time (whole seconds on the wire).
    public var before: Timestamp?
    /// Trades matched after this time (whole seconds on the wire).
    public var after: Timestamp?

    public init(
        tradeID: String? = nil, makerAddress: String? = nil, market: MarketID? = nil, tokenID: TokenID? = nil,
        before: Timestamp? = nil, after: Timestamp? = nil
    ) {
        self.tradeID = tradeID
        self.makerAddress = makerAddress
        self.market = market
        self.tokenID = tokenID
        self.before = before
        self.after = after
    }

    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let tradeID { items.append(("id", tradeID)) }
        if let makerAddress { items.append(("maker_address", makerAddress)) }
        if let market { items.append(("market", market.rawValue)) }
        if let tokenID { items.append(("asset_id", tokenID.rawValue)) }
        if let before { items.append(("before", String(before.nanoseconds / 1_000_000_000))) }
        if let after { items.append(("after", String(after.nanoseconds / 1_000_000_000))) }
        return items
    }
}
