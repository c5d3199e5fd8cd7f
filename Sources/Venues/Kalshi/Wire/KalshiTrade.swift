import EdgewiseCore

/// One public trade (`GET /markets/trades`).
public struct KalshiTrade: Decodable, Sendable, Hashable {
    public var tradeID: String
    public var ticker: String
    public var count: Size
    public var yesPrice: Price
    public var noPrice: Price
    /// The side the aggressor bought; nil when the venue sends a word this client does not know.
    public var takerSide: KalshiSide?
    public var createdTime: Timestamp?

    enum CodingKeys: String, CodingKey {
        case tradeID = "trade_id"
        case ticker
        case countFP = "count_fp", count
        case yesPriceDollars = "yes_price_dollars", yesPrice = "yes_price"
        case noPriceDollars = "no_price_dollars", noPrice = "no_price"
        case takerSide = "taker_side"
        case createdTime = "created_time"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tradeID = try c.decode(String.self, forKey: .tradeID)
        ticker = try c.decode(String.self, forKey: .ticker)
        count = try c.kalshiRequiredCount(.countFP, legacy: .count)
        yesPrice = try c.kalshiRequiredPrice(.yesPriceDollars, legacyCents: .yesPrice)
        noPrice = try c.kalshiRequiredPrice(.noPriceDollars, legacyCents: .noPrice)
        takerSide = try c.kalshiText(.takerSide).flatMap { KalshiSide(rawValue: $0.lowercased()) }
        createdTime = try c.kalshiTime(.createdTime)
    }
}
