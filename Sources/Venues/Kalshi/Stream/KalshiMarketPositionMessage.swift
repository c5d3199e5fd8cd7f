import EdgewiseCore

/// `market_position` (channel `market_positions`, private): our position in one market changed.
public struct KalshiMarketPositionMessage: Hashable, Sendable {
    public var marketTicker: String
    public var userID: String?
    public var position: KalshiNetPosition
    public var positionCost: Amount?
    public var realizedPnL: Amount?
    public var feesPaid: Amount?
    public var volume: Size?

    public init(
        marketTicker: String, userID: String? = nil, position: KalshiNetPosition, positionCost: Amount? = nil,
        realizedPnL: Amount? = nil, feesPaid: Amount? = nil, volume: Size? = nil
    ) {
        self.marketTicker = marketTicker
        self.userID = userID
        self.position = position
        self.positionCost = positionCost
        self.realizedPnL = realizedPnL
        self.feesPaid = feesPaid
        self.volume = volume
    }

    enum Keys: String, CodingKey {
        case marketTicker = "market_ticker"
        case userID = "user_id"
        case position
        case positionFP = "position_fp"
        case positionCost = "position_cost"
        case positionCostDollars = "position_cost_dollars"
        case realizedPnL = "realized_pnl"
        case realizedPnLDollars = "realized_pnl_dollars"
        case feesPaid = "fees_paid"
        case feesPaidDollars = "fees_paid_dollars"
        case volume
        case volumeFP = "volume_fp"
    }

    init(from container: KeyedDecodingContainer<Keys>) throws {
        marketTicker = try container.kalshiRequiredString(.marketTicker)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        guard let position = try container.kalshiSignedCount(.positionFP, legacy: .position) else {
            throw DecodingError.keyNotFound(Keys.positionFP, .init(codingPath: container.codingPath, debugDescription: "a position update needs position_fp"))
        }
        self.position = KalshiNetPosition(units: position)
        positionCost = try Self.centiCents(container, .positionCostDollars, legacy: .positionCost)
        realizedPnL = try Self.centiCents(container, .realizedPnLDollars, legacy: .realizedPnL)
        feesPaid = try Self.centiCents(container, .feesPaidDollars, legacy: .feesPaid)
        volume = try container.kalshiCount(.volumeFP, legacy: .volume)
    }

    /// This channel's legacy money fields are in centi-cents (1/10,000 of a dollar: the
    /// documented `position_cost: 500000` is $50), unlike the cents elsewhere, so the shared
    /// cents reconciliation would be off by a factor of 100.
    static func centiCents(_ container: KeyedDecodingContainer<Keys>, _ dollars: Keys, legacy: Keys) throws -> Amount? {
        let exact = try container.kalshiSignedDollars(dollars)
        guard let whole = try container.kalshiLegacyInteger(legacy) else { return exact.map { Amount(units: $0) } }
        let fromLegacy = whole * (FixedPoint.unitsPerWhole / 10_000)
        if let exact, exact != fromLegacy {
            throw DecodingError.dataCorruptedError(
                forKey: dollars, in: container,
                debugDescription: "\(dollars.stringValue) \(FixedPoint.format(exact)) disagrees with the legacy \(legacy.stringValue) \(whole) (centi-cents)")
        }
        return Amount(units: exact ?? fromLegacy)
    }
}
