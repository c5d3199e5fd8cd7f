import EdgewiseCore

/// The account's exposure to one event (`event_positions[i]` of `GET /portfolio/positions`).
public struct KalshiEventPosition: Decodable, Sendable, Hashable {
    public var eventTicker: String
    public var totalCost: Amount?
    public var totalCostShares: Size?
    public var eventExposure: Amount?
    public var realizedPnL: Amount?
    public var feesPaid: Amount?

    enum CodingKeys: String, CodingKey {
        case eventTicker = "event_ticker"
        case totalCostDollars = "total_cost_dollars", totalCost = "total_cost"
        case totalCostSharesFP = "total_cost_shares_fp", totalCostShares = "total_cost_shares"
        case eventExposureDollars = "event_exposure_dollars", eventExposure = "event_exposure"
        case realizedPnLDollars = "realized_pnl_dollars", realizedPnL = "realized_pnl"
        case feesPaidDollars = "fees_paid_dollars", feesPaid = "fees_paid"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventTicker = try c.decode(String.self, forKey: .eventTicker)
        totalCost = try c.kalshiAmount(.totalCostDollars, legacyCents: .totalCost)
        totalCostShares = try c.kalshiCount(.totalCostSharesFP, legacy: .totalCostShares)
        eventExposure = try c.kalshiAmount(.eventExposureDollars, legacyCents: .eventExposure)
        realizedPnL = try c.kalshiAmount(.realizedPnLDollars, legacyCents: .realizedPnL)
        feesPaid = try c.kalshiAmount(.feesPaidDollars, legacyCents: .feesPaid)
    }
}
