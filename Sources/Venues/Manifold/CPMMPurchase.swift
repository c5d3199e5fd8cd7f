/// The predicted result of a market bet against a ``CPMMPool``.
public struct CPMMPurchase: Sendable, Hashable {
    public var outcome: ManifoldBinaryOutcome
    /// The mana the bettor spends, fees included.
    public var amount: Double
    public var fees: ManifoldFees
    /// The mana that reaches the pool: `amount − fees.total`.
    public var amountAfterFees: Double
    public var shares: Double
    public var probabilityBefore: Double
    public var probabilityAfter: Double
    public var newPool: CPMMPool

    public init(
        outcome: ManifoldBinaryOutcome, amount: Double, fees: ManifoldFees, amountAfterFees: Double, shares: Double,
        probabilityBefore: Double, probabilityAfter: Double, newPool: CPMMPool
    ) {
        self.outcome = outcome
        self.amount = amount
        self.fees = fees
        self.amountAfterFees = amountAfterFees
        self.shares = shares
        self.probabilityBefore = probabilityBefore
        self.probabilityAfter = probabilityAfter
        self.newPool = newPool
    }

    /// The average price paid per share, fees included.
    public var averagePrice: Double { amount / shares }
}
