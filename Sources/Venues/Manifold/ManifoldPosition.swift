/// A user's position in one market, or in one answer of a multiple-choice market
/// (`GET /market/{id}/positions`, the venue's `ContractMetric`). Figures are the venue's doubles;
/// convert with ``ManifoldMoney`` (shares held round down).
public struct ManifoldPosition: Sendable, Hashable, Decodable {
    public var contractId: String?
    public var answerId: String?
    public var userId: String?
    public var userUsername: String?
    public var userName: String?
    /// Shares held per outcome (`YES`, `NO`).
    public var totalShares: [String: Double]?
    public var hasShares: Bool?
    public var hasYesShares: Bool?
    public var hasNoShares: Bool?
    public var maxSharesOutcome: String?
    /// Mana put in (net of sales).
    public var invested: Double?
    public var loan: Double?
    /// What the shares are worth at the current probability.
    public var payout: Double?
    public var profit: Double?
    public var profitPercent: Double?
    public var lastBetTime: Int64?

    public init(contractId: String? = nil, answerId: String? = nil, userId: String? = nil, totalShares: [String: Double]? = nil) {
        self.contractId = contractId
        self.answerId = answerId
        self.userId = userId
        self.totalShares = totalShares
    }

    /// The shares held of `outcome` (zero when none).
    public func shares(_ outcome: ManifoldBinaryOutcome) -> Double { totalShares?[outcome.rawValue] ?? 0 }
}
