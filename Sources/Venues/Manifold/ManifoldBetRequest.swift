import EdgewiseCore

/// The body of `POST /bet`: a market bet, or a limit order when ``limitProbability`` is set.
///
/// Money arrives here as fixed-point values and is written as JSON numbers through `Decimal`, so
/// what is sent is exactly what the caller decided, with no binary rounding on the way out.
public struct ManifoldBetRequest: Sendable, Hashable, Encodable {
    public var contractId: String
    /// Mana to spend; the venue rejects less than ``Manifold/minimumBetAmount``.
    public var amount: Amount
    public var outcome: ManifoldBinaryOutcome
    /// A limit order's probability: whole percents from 0.01 to 0.99.
    public var limitProbability: Price?
    /// When an unfilled limit order lapses, in ms after it is placed (or use ``expiresAt``).
    public var expiresMillisAfter: Int64?
    /// When an unfilled limit order lapses, as a point in time (sent as ms since the epoch).
    public var expiresAt: Timestamp?
    /// The answer of a multiple-choice market.
    public var answerId: String?
    /// Ask the server what the bet would do without placing it.
    public var dryRun: Bool?

    public init(
        contractId: String, amount: Amount, outcome: ManifoldBinaryOutcome, limitProbability: Price? = nil,
        expiresMillisAfter: Int64? = nil, answerId: String? = nil, dryRun: Bool? = nil, expiresAt: Timestamp? = nil
    ) {
        self.contractId = contractId
        self.amount = amount
        self.outcome = outcome
        self.limitProbability = limitProbability
        self.expiresMillisAfter = expiresMillisAfter
        self.answerId = answerId
        self.dryRun = dryRun
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case contractId, amount, outcome, limitProb, expiresMillisAfter, expiresAt, answerId, dryRun
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contractId, forKey: .contractId)
        try container.encode(amount.decimal, forKey: .amount)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(limitProbability?.decimal, forKey: .limitProb)
        try container.encodeIfPresent(expiresMillisAfter, forKey: .expiresMillisAfter)
        try container.encodeIfPresent(expiresAt?.milliseconds, forKey: .expiresAt)
        try container.encodeIfPresent(answerId, forKey: .answerId)
        try container.encodeIfPresent(dryRun, forKey: .dryRun)
    }
}

/// The body of `POST /market/{id}/sell`. Without ``shares`` the venue sells the whole position;
/// ``answerId`` is required on a multiple-choice market.
public struct ManifoldSellRequest: Sendable, Hashable, Encodable {
    public var outcome: ManifoldBinaryOutcome?
    public var shares: Size?
    public var answerId: String?

    public init(outcome: ManifoldBinaryOutcome? = nil, shares: Size? = nil, answerId: String? = nil) {
        self.outcome = outcome
        self.shares = shares
        self.answerId = answerId
    }

    private enum CodingKeys: String, CodingKey { case outcome, shares, answerId }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encodeIfPresent(shares?.decimal, forKey: .shares)
        try container.encodeIfPresent(answerId, forKey: .answerId)
    }
}
