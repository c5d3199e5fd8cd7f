/// One outcome of a market and the token that trades it.
public struct Outcome: Hashable, Codable, Sendable {
    public var token: TokenID
    /// The venue's label ("Yes", "No", a candidate's name).
    public var name: String
    /// The venue's indicative price when the catalog was read; not a tradable quote.
    public var indicativePrice: Price?
    /// Set once the market resolved: the payout per share (1 for the winner, 0 for losers,
    /// fractions for a split resolution).
    public var payout: Price?

    public init(token: TokenID, name: String, indicativePrice: Price? = nil, payout: Price? = nil) {
        self.token = token
        self.name = name
        self.indicativePrice = indicativePrice
        self.payout = payout
    }
}
