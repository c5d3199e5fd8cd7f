import EdgewiseCore

/// The account's position in one market (`market_positions[i]` of `GET /portfolio/positions`).
public struct KalshiMarketPosition: Decodable, Sendable, Hashable {
    public var ticker: String
    /// Signed contracts in millionths: positive is YES, negative is NO (Kalshi nets the two).
    public var position: Int64
    public var totalTraded: Amount?
    public var marketExposure: Amount?
    public var realizedPnL: Amount?
    public var feesPaid: Amount?
    public var restingOrdersCount: Int?
    public var lastUpdated: Timestamp?

    enum CodingKeys: String, CodingKey {
        case ticker
        case positionFP = "position_fp", position
        case totalTradedDollars = "total_traded_dollars", totalTraded = "total_traded"
        case marketExposureDollars = "market_exposure_dollars", marketExposure = "market_exposure"
        case realizedPnLDollars = "realized_pnl_dollars", realizedPnL = "realized_pnl"
        case feesPaidDollars = "fees_paid_dollars", feesPaid = "fees_paid"
        case restingOrdersCount = "resting_orders_count"
        case lastUpdatedTS = "last_updated_ts"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ticker = try c.decode(String.self, forKey: .ticker)
        guard let position = try c.kalshiSignedCount(.positionFP, legacy: .position) else {
            throw DecodingError.keyNotFound(CodingKeys.positionFP, .init(codingPath: c.codingPath, debugDescription: "no position"))
        }
        self.position = position
        totalTraded = try c.kalshiAmount(.totalTradedDollars, legacyCents: .totalTraded)
        marketExposure = try c.kalshiAmount(.marketExposureDollars, legacyCents: .marketExposure)
        realizedPnL = try c.kalshiAmount(.realizedPnLDollars, legacyCents: .realizedPnL)
        feesPaid = try c.kalshiAmount(.feesPaidDollars, legacyCents: .feesPaid)
        restingOrdersCount = try c.decodeIfPresent(Int.self, forKey: .restingOrdersCount)
        lastUpdated = try c.kalshiTime(.lastUpdatedTS)
    }

    /// The side held and how many contracts of it; nil when flat.
    public var holding: (side: KalshiSide, size: Size)? {
        if position == 0 { return nil }
        return (position > 0 ? .yes : .no, Size(units: Int64(clamping: position.magnitude)))
    }
}
