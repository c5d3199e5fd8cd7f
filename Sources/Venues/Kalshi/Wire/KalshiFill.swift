import EdgewiseCore

/// One execution of the account's orders (`GET /portfolio/fills`).
///
/// Drift reports say May-2026 payloads add `outcome_side` (yes|no) and `book_side` (bid|ask);
/// `outcome_side` stands in for `side` when that is absent, and `book_side` is kept as text.
public struct KalshiFill: Decodable, Sendable, Hashable {
    public var fillID: String
    public var tradeID: String?
    public var orderID: String
    public var ticker: String
    public var side: KalshiSide?
    public var action: KalshiOrderAction
    public var bookSide: String?
    public var count: Size
    public var yesPrice: Price
    public var noPrice: Price
    public var isTaker: Bool
    /// The fee charged for this fill (dollars).
    public var feeCost: Amount?
    public var createdTime: Timestamp?

    enum CodingKeys: String, CodingKey {
        case fillID = "fill_id"
        case tradeID = "trade_id"
        case orderID = "order_id"
        case ticker
        case marketTicker = "market_ticker"
        case side
        case outcomeSide = "outcome_side"
        case bookSide = "book_side"
        case action
        case countFP = "count_fp", count
        case yesPriceDollars = "yes_price_dollars", yesPrice = "yes_price"
        case noPriceDollars = "no_price_dollars", noPrice = "no_price"
        case isTaker = "is_taker"
        case feeCost = "fee_cost"
        case feeCostDollars = "fee_cost_dollars"
        case createdTime = "created_time"
        case ts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tradeID = try c.kalshiText(.tradeID)
        guard let id = try c.kalshiText(.fillID) ?? tradeID else {
            throw DecodingError.keyNotFound(CodingKeys.fillID, .init(codingPath: c.codingPath, debugDescription: "no fill_id"))
        }
        fillID = id
        orderID = try c.decode(String.self, forKey: .orderID)
        guard let ticker = try c.kalshiText(.ticker) ?? c.kalshiText(.marketTicker) else {
            throw DecodingError.keyNotFound(CodingKeys.ticker, .init(codingPath: c.codingPath, debugDescription: "no ticker"))
        }
        self.ticker = ticker
        let sideText = try c.kalshiText(.side) ?? c.kalshiText(.outcomeSide)
        side = sideText.flatMap { KalshiSide(rawValue: $0.lowercased()) }
        bookSide = try c.kalshiText(.bookSide)
        action = try c.decodeIfPresent(KalshiOrderAction.self, forKey: .action) ?? .unknown("")
        count = try c.kalshiRequiredCount(.countFP, legacy: .count)
        yesPrice = try c.kalshiRequiredPrice(.yesPriceDollars, legacyCents: .yesPrice)
        noPrice = try c.kalshiRequiredPrice(.noPriceDollars, legacyCents: .noPrice)
        isTaker = try c.kalshiFlag(.isTaker) ?? false
        // `fee_cost` is a dollar string in the current spec; a `fee_cost_dollars` twin, if it
        // appears, must agree with it.
        feeCost = try Self.fee(c)
        createdTime = try c.kalshiTime(.createdTime) ?? c.kalshiTime(.ts)
    }

    private static func fee(_ c: KeyedDecodingContainer<CodingKeys>) throws -> Amount? {
        let plain = try c.kalshiAmount(.feeCost)
        guard let twin = try c.kalshiAmount(.feeCostDollars) else { return plain }
        if let plain, plain != twin {
            throw DecodingError.dataCorruptedError(
                forKey: .feeCostDollars, in: c, debugDescription: "fee_cost_dollars \(twin) disagrees with fee_cost \(plain)")
        }
        return twin
    }

    /// The price paid or received for this fill's own side.
    public var price: Price { side == .no ? noPrice : yesPrice }
}
