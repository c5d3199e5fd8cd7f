import EdgewiseCore

/// One confidence tier: the net edge and the certainty an idea needs to reach it, and the fixed
/// money cap it earns.
public struct ConfidenceTier: Hashable, Codable, Sendable {
    /// Shown in the decision record (`tier high cap`).
    public var name: String
    /// The least edge per share left after fees and slippage, at the size's average price.
    public var minimumEdge: Price
    /// The widest uncertainty (standard deviation of the probability) the tier accepts; nil
    /// accepts any, including an estimate that reports none.
    public var maximumUncertainty: Double?
    /// The most the position may cost, fees included.
    public var cap: Amount

    public init(name: String, minimumEdge: Price, maximumUncertainty: Double? = nil, cap: Amount) {
        self.name = name
        self.minimumEdge = minimumEdge
        self.maximumUncertainty = maximumUncertainty
        self.cap = cap
    }

    /// Whether an idea with this edge per share (`edgeTimesSize / size`, kept as a product so no
    /// division rounds) and uncertainty qualifies.
    func admits(edgeUnitsTimesSize: Int128, sizeUnits: Int64, uncertainty: Double?) -> Bool {
        guard edgeUnitsTimesSize >= Int128(minimumEdge.units) * Int128(sizeUnits) else { return false }
        guard let maximumUncertainty else { return true }
        guard let uncertainty, uncertainty.isFinite else { return false }
        return uncertainty <= maximumUncertainty
    }
}

/// Discrete position tiers with absolute caps: the method that does not pretend a probability is
/// more precise than it is. The idea gets the largest cap among the tiers it qualifies for.
public struct ConfidenceTiers: Hashable, Codable, Sendable {
    public var tiers: [ConfidenceTier]

    public init(tiers: [ConfidenceTier]) {
        self.tiers = tiers
    }

    /// Low (edge ≥ 0.03), medium (edge ≥ 0.06, uncertainty ≤ 0.10) and high (edge ≥ 0.10,
    /// uncertainty ≤ 0.05) with the given caps.
    public static func standard(low: Amount, medium: Amount, high: Amount) -> ConfidenceTiers {
        ConfidenceTiers(tiers: [
            ConfidenceTier(name: "low", minimumEdge: Price(units: 30_000), cap: low),
            ConfidenceTier(name: "medium", minimumEdge: Price(units: 60_000), maximumUncertainty: 0.10, cap: medium),
            ConfidenceTier(name: "high", minimumEdge: Price(units: 100_000), maximumUncertainty: 0.05, cap: high),
        ])
    }

    /// ``standard(low:medium:high:)`` with caps of 1 %, 2.5 % and 5 % of `bankroll`, rounded down
    /// to the millionth and fixed from then on.
    public static func proportional(to bankroll: Amount) -> ConfidenceTiers {
        func share(_ perMille: Int64) -> Amount {
            Amount(units: Int64(FixedPoint.divide(Int128(bankroll.units) * Int128(perMille), 1000, .down)))
        }
        return standard(low: share(10), medium: share(25), high: share(50))
    }

    /// The tier with the largest cap that admits the idea; nil when none does.
    func tier(edgeUnitsTimesSize: Int128, sizeUnits: Int64, uncertainty: Double?) -> ConfidenceTier? {
        var best: ConfidenceTier?
        for tier in tiers
        where tier.admits(edgeUnitsTimesSize: edgeUnitsTimesSize, sizeUnits: sizeUnits, uncertainty: uncertainty) {
            if best == nil || tier.cap > best!.cap { best = tier }
        }
        return best
    }

    public func validate() throws(SizingConfigurationError) {
        guard !tiers.isEmpty else { throw .noTiers }
        for tier in tiers {
            guard tier.cap.units > 0 else { throw .nonPositiveAmount(field: "cap of tier \(tier.name)", tier.cap) }
            if let maximum = tier.maximumUncertainty, !(maximum.isFinite && maximum >= 0) {
                throw .invalidUncertaintyBound(tier: tier.name, maximum)
            }
        }
    }
}
