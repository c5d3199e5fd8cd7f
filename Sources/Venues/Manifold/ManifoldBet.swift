import EdgewiseCore

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

    /// The id `POST /bet` answers a dry run with: nothing was placed.
    public static let dryRunID = "dry-run"

    /// Whether this is the server's simulation of a bet (`dryRun: true`) rather than a placed one.
    public var isDryRun: Bool { id == Self.dryRunID }

    private enum CodingKeys: String, CodingKey {
        case id, betId, userId, contractId, answerId, createdTime, updatedTime, outcome, amount, shares, loanAmount
        case probBefore, probAfter, fees, isRedemption, limitProb, orderAmount, isFilled, isCancelled, fills, expiresAt
    }

    /// Listings and broadcasts name the bet `id`; the answers of `POST /bet` and
    /// `POST /market/{id}/sell` are a bet without `id` plus `betId`, so either is accepted.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .id) {
            self.id = id
        } else {
            self.id = try c.decode(String.self, forKey: .betId)
        }
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        contractId = try c.decodeIfPresent(String.self, forKey: .contractId)
        answerId = try c.decodeIfPresent(String.self, forKey: .answerId)
        createdTime = try c.decodeIfPresent(Int64.self, forKey: .createdTime)
        updatedTime = try c.decodeIfPresent(Int64.self, forKey: .updatedTime)
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
        amount = try c.decodeIfPresent(Double.self, forKey: .amount)
        shares = try c.decodeIfPresent(Double.self, forKey: .shares)
        loanAmount = try c.decodeIfPresent(Double.self, forKey: .loanAmount)
        probBefore = try c.decodeIfPresent(Double.self, forKey: .probBefore)
        probAfter = try c.decodeIfPresent(Double.self, forKey: .probAfter)
        fees = try c.decodeIfPresent(ManifoldBetFees.self, forKey: .fees)
        isRedemption = try c.decodeIfPresent(Bool.self, forKey: .isRedemption)
        limitProb = try c.decodeIfPresent(Double.self, forKey: .limitProb)
        orderAmount = try c.decodeIfPresent(Double.self, forKey: .orderAmount)
        isFilled = try c.decodeIfPresent(Bool.self, forKey: .isFilled)
        isCancelled = try c.decodeIfPresent(Bool.self, forKey: .isCancelled)
        fills = try c.decodeIfPresent([ManifoldFill].self, forKey: .fills)
        expiresAt = try c.decodeIfPresent(Int64.self, forKey: .expiresAt)
    }

    public var isLimitOrder: Bool { limitProb != nil }

    /// The side as a binary outcome, when it is one.
    public var binaryOutcome: ManifoldBinaryOutcome? { outcome.flatMap(ManifoldBinaryOutcome.init(rawValue:)) }

    /// An open limit order: not filled and not cancelled.
    public var isOpen: Bool { isLimitOrder && isFilled != true && isCancelled != true }

    /// An open limit order that has not expired at `now` (the venue cancels expired orders
    /// lazily, so a listing can still show one as open).
    public func isOpen(at now: Timestamp) -> Bool {
        guard isOpen else { return false }
        if let expiresAt, Timestamp(milliseconds: expiresAt) <= now { return false }
        return true
    }

    /// The mana of a limit order still waiting to be matched: `orderAmount − amount`, never
    /// negative; nil when the bet does not say.
    public var remainingMana: Double? {
        guard let orderAmount else { return nil }
        return Swift.max(0, orderAmount - (amount ?? 0))
    }
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
