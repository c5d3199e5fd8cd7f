import Foundation

/// A trade with a guaranteed payoff, priced against real depth and fees.
///
/// ``legs``, ``cost``, ``payout`` and ``profit`` describe the most profitable size; ``maxSize`` is
/// the largest size at which the guaranteed profit is still positive, and ``curve`` is the profit
/// at every depth breakpoint up to it. Money is exact; only the annualised return, a ratio used
/// for ranking, is a `Decimal` rounded for display.
public struct Opportunity: Hashable, Codable, Sendable, Identifiable {
    public var id: OpportunityID
    public var kind: OpportunityKind
    /// The event, pair or constraint set the trade belongs to (the key it is re-evaluated under).
    public var group: String
    public var title: String
    public var legs: [OpportunityLeg]
    /// Number of baskets at the most profitable size (a basket pays ``payoutPerBasket``).
    public var size: Size
    public var payoutPerBasket: Amount
    /// What the legs cost, fees included.
    public var cost: Amount
    public var fees: Amount
    /// What the legs are guaranteed to pay, whatever the outcome.
    public var payout: Amount
    public var maxSize: Size
    public var curve: [ProfitPoint]
    /// When the payout is expected (the latest resolution among the legs); nil when unknown.
    public var resolutionTime: Timestamp?
    /// Whether the payout can be taken at once (merging a full set, converting neg-risk NO
    /// shares) rather than waiting for resolution.
    public var redeemableImmediately: Bool
    public var evidence: [OpportunityEvidence]
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp

    public init(
        kind: OpportunityKind, group: String, title: String, legs: [OpportunityLeg], size: Size,
        payoutPerBasket: Amount, cost: Amount, fees: Amount, payout: Amount, maxSize: Size, curve: [ProfitPoint],
        resolutionTime: Timestamp?, redeemableImmediately: Bool = false, evidence: [OpportunityEvidence] = [],
        seenAt: Timestamp
    ) {
        self.init(
            uncheckedID: OpportunityID(kind: kind, group: group, legs: legs), kind: kind, group: group, title: title,
            legs: legs, size: size, payoutPerBasket: payoutPerBasket, cost: cost, fees: fees, payout: payout,
            maxSize: maxSize, curve: curve, resolutionTime: resolutionTime, redeemableImmediately: redeemableImmediately,
            evidence: evidence, seenAt: seenAt)
    }

    /// The same, with the id already known: a detector re-pricing one trade on every book update
    /// derives it once and passes it on, since the id depends only on the kind, the group and the
    /// legs' instruments and sides. `id` must be exactly what ``OpportunityID/init(kind:group:legs:)``
    /// gives for these; debug builds check it.
    public init(
        id: OpportunityID, kind: OpportunityKind, group: String, title: String, legs: [OpportunityLeg], size: Size,
        payoutPerBasket: Amount, cost: Amount, fees: Amount, payout: Amount, maxSize: Size, curve: [ProfitPoint],
        resolutionTime: Timestamp?, redeemableImmediately: Bool = false, evidence: [OpportunityEvidence] = [],
        seenAt: Timestamp
    ) {
        assert(id == OpportunityID(kind: kind, group: group, legs: legs), "a supplied opportunity id must be the derived one")
        self.init(
            uncheckedID: id, kind: kind, group: group, title: title, legs: legs, size: size,
            payoutPerBasket: payoutPerBasket, cost: cost, fees: fees, payout: payout, maxSize: maxSize, curve: curve,
            resolutionTime: resolutionTime, redeemableImmediately: redeemableImmediately, evidence: evidence,
            seenAt: seenAt)
    }

    private init(
        uncheckedID id: OpportunityID, kind: OpportunityKind, group: String, title: String, legs: [OpportunityLeg],
        size: Size, payoutPerBasket: Amount, cost: Amount, fees: Amount, payout: Amount, maxSize: Size,
        curve: [ProfitPoint], resolutionTime: Timestamp?, redeemableImmediately: Bool, evidence: [OpportunityEvidence],
        seenAt: Timestamp
    ) {
        self.id = id
        self.kind = kind
        self.group = group
        self.title = title
        self.legs = legs
        self.size = size
        self.payoutPerBasket = payoutPerBasket
        self.cost = cost
        self.fees = fees
        self.payout = payout
        self.maxSize = maxSize
        self.curve = curve
        self.resolutionTime = resolutionTime
        self.redeemableImmediately = redeemableImmediately
        self.evidence = evidence
        self.firstSeen = seenAt
        self.lastSeen = seenAt
    }

    /// Guaranteed profit after fees at ``size``.
    public var profit: Amount { payout - cost }

    /// Profit over cost, as a plain ratio.
    public var returnOnCost: Decimal? {
        guard cost.units > 0 else { return nil }
        return Decimal(profit.units) / Decimal(cost.units)
    }

    /// The return on cost scaled to a year (simple, not compounded) at `now`. Nil when the
    /// resolution date is unknown or passed; an immediately redeemable trade is not annualised
    /// (its capital is back at once, so the figure would be meaningless).
    public func annualizedReturn(at now: Timestamp) -> Decimal? {
        guard !redeemableImmediately, let ratio = returnOnCost, let end = resolutionTime, end > now else { return nil }
        let days = max(Decimal(end.nanoseconds - now.nanoseconds) / Decimal(86_400_000_000_000), 1)
        var annual = ratio * 365 / days
        var rounded = Decimal()
        NSDecimalRound(&rounded, &annual, 6, .plain)
        return rounded
    }

    /// Keeps the first-seen time of an earlier sighting of the same opportunity.
    public mutating func carryOver(from earlier: Opportunity) {
        precondition(earlier.id == id, "only the same opportunity carries its history")
        firstSeen = min(firstSeen, earlier.firstSeen)
    }
}
