/// A bet (`GET /bets`, the `POST /bet` response): a market bet, or a limit order when
/// ``limitProb`` is set, which may rest partly unfilled (``isFilled`` false) until it fills, is
/// cancelled or expires. ``amount`` and ``shares`` are what has filled so far; ``orderAmount`` is
/// what the order asked for.
public struct ManifoldBet: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    public var userId: String?
    public var contractId: String?
    /// Set on bets in a multiple-choice market.
    public var answerId: String?
    public var createdTime: Int64?
    public var updatedTime: Int64?
    /// `YES` or `NO`; kept as text because a legacy market can carry other outcome names.
    public var outcome: String?
    public var amount: Double?
    public var shares: Double?
    public var loanAmount: Double?
    public var probBefore: Double?
    public var probAfter: Double?
    public var fees: ManifoldBetFees?
    public var isRedemption: Bool?
    // Limit orders.
    public var limitProb: Double?
    public var orderAmount: Double?
    public var isFilled: Bool?
    public var isCancelled: Bool?
    public var fills: [ManifoldFill]?
    public var expiresAt: Int64?

    public init(id: String, outcome: String? = nil, amount: Double? = nil, shares: Double? = nil) {
        self.id = id
        self.outcome = outcome
        self.amount = amount
        self.shares = shares
    }

    public var isLimitOrder: Bool { limitProb != nil }

    /// The side as a binary outcome, when it is one.
    public var binaryOutcome: ManifoldBinaryOutcome? { outcome.flatMap(ManifoldBinaryOutcome.init(rawValue:)) }

    /// An open limit order: not filled and not cancelled.
    public var isOpen: Bool { isLimitOrder && isFilled != true && isCancelled != true }
}

/// One match of a bet: against the pool (``matchedBetId`` null) or against another user's limit
/// order.
public struct ManifoldFill: Sendable, Hashable, Decodable {
    public var matchedBetId: String?
    public var amount: Double?
    public var shares: Double?
    public var timestamp: Int64?
    public var fees: ManifoldBetFees?
    public var isSale: Bool?

    public init(matchedBetId: String? = nil, amount: Double? = nil, shares: Double? = nil, timestamp: Int64? = nil) {
        self.matchedBetId = matchedBetId
        self.amount = amount
        self.shares = shares
        self.timestamp = timestamp
    }

    /// Filled against the market maker rather than a limit order.
    public var isAgainstPool: Bool { matchedBetId == nil }
}

/// The fees charged on a bet or a fill, as the venue reports them.
public struct ManifoldBetFees: Sendable, Hashable, Decodable {
    public var creatorFee: Double?
    public var platformFee: Double?
    public var liquidityFee: Double?

    public init(creatorFee: Double? = nil, platformFee: Double? = nil, liquidityFee: Double? = nil) {
        self.creatorFee = creatorFee
        self.platformFee = platformFee
        self.liquidityFee = liquidityFee
    }

    public var total: Double { (creatorFee ?? 0) + (platformFee ?? 0) + (liquidityFee ?? 0) }

    public var model: ManifoldFees {
        ManifoldFees(creatorFee: creatorFee ?? 0, platformFee: platformFee ?? 0, liquidityFee: liquidityFee ?? 0)
    }
}
