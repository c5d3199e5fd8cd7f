import EdgewiseCore

/// A settled market in the account's history (`GET /portfolio/settlements`).
public struct KalshiSettlement: Decodable, Sendable, Hashable {
    public var ticker: String
    public var eventTicker: String?
    public var marketResult: KalshiMarketResult
    public var yesCount: Size
    public var yesTotalCost: Amount?
    public var noCount: Size
    public var noTotalCost: Amount?
    /// What the settlement paid the account. The spec sends cents; `revenue_dollars` is
    /// accepted too and reconciled.
    public var revenue: Amount
    /// The YES side's settlement value per contract, when reported.
    public var value: Amount?
    public var feeCost: Amount?
    public var settledTime: Timestamp?

    enum CodingKeys: String, CodingKey {
        case ticker
        case eventTicker = "event_ticker"
        case marketResult = "market_result"
        case yesCountFP = "yes_count_fp", yesCount = "yes_count"
        case yesTotalCostDollars = "yes_total_cost_dollars", yesTotalCost = "yes_total_cost"
        case noCountFP = "no_count_fp", noCount = "no_count"
        case noTotalCostDollars = "no_total_cost_dollars", noTotalCost = "no_total_cost"
        case revenueDollars = "revenue_dollars", revenue
        case valueDollars = "value_dollars", value
        case feeCost = "fee_cost"
        case settledTime = "settled_time"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ticker = try c.decode(String.self, forKey: .ticker)
        eventTicker = try c.kalshiText(.eventTicker)
        marketResult = try c.decodeIfPresent(KalshiMarketResult.self, forKey: .marketResult) ?? .undetermined
        yesCount = try c.kalshiCount(.yesCountFP, legacy: .yesCount) ?? .zero
        yesTotalCost = try c.kalshiAmount(.yesTotalCostDollars, legacyCents: .yesTotalCost)
        noCount = try c.kalshiCount(.noCountFP, legacy: .noCount) ?? .zero
        noTotalCost = try c.kalshiAmount(.noTotalCostDollars, legacyCents: .noTotalCost)
        revenue = try c.kalshiAmount(.revenueDollars, legacyCents: .revenue) ?? .zero
        value = try c.kalshiAmount(.valueDollars, legacyCents: .value)
        feeCost = try c.kalshiAmount(.feeCost)
        settledTime = try c.kalshiTime(.settledTime)
    }
}
