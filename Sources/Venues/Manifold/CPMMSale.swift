/// The predicted result of selling shares back to a ``CPMMPool`` (before fees).
public struct CPMMSale: Sendable, Hashable {
    public var outcome: ManifoldBinaryOutcome
    public var shares: Double
    /// The mana the seller receives.
    public var proceeds: Double
    public var probabilityBefore: Double
    public var probabilityAfter: Double
    public var newPool: CPMMPool

    public init(
        outcome: ManifoldBinaryOutcome, shares: Double, proceeds: Double, probabilityBefore: Double,
        probabilityAfter: Double, newPool: CPMMPool
    ) {
        self.outcome = outcome
        self.shares = shares
        self.proceeds = proceeds
        self.probabilityBefore = probabilityBefore
        self.probabilityAfter = probabilityAfter
        self.newPool = newPool
    }
}
