import EdgewiseCore

/// How much money an idea deserves before the limits and the book have their say.
///
/// Every method yields a *budget*: the most the position may cost, fees included, at the average
/// price the size itself would get. The ``ExecutionAwareSizer`` then looks for the largest size
/// whose all-in cost fits the budget computed at that size's own executable price, so slippage
/// and fees shrink the stake instead of being discovered after the fill.
///
/// Codable as a flat table with a `method` key, so that it reads naturally in configuration:
/// `method = "fractionalKelly"` with `multiplier = 0.25`; `method = "flat"` with `amount = "25"`;
/// `method = "units"` with `unitSize` and `count`; `method = "invertedRisk"` with `maxLoss`;
/// `method = "confidenceTiers"` with `tiers = [...]`; `method = "kelly"`.
public enum SizingMethod: Hashable, Codable, Sendable {
    /// Full Kelly: stake `f* × bankroll` with `f* = (p − c)/(1 − c)`, where `c` is the all-in
    /// price per share (average fill price plus fees per share).
    case kelly
    /// A fraction of full Kelly (the usual range is 1/10–1/4); `multiplier` must lie in (0, 1].
    case fractionalKelly(multiplier: Double)
    /// A fixed number of fixed-size units: the strategy decides `count` from its confidence.
    case units(unitSize: Amount, count: Int)
    /// The same stake on every idea.
    case flat(amount: Amount)
    /// Discrete tiers keyed by the net edge and the probability's uncertainty, each with a fixed
    /// money cap. The default method.
    case confidenceTiers(ConfidenceTiers)
    /// Sized from the maximum tolerable loss: a bought binary share that resolves against us
    /// loses everything paid for it (price plus fee), so the all-in cost never exceeds `maxLoss`.
    case invertedRisk(maxLoss: Amount)

    /// The default: confidence tiers with fixed caps of 1 %, 2.5 % and 5 % of `bankroll`.
    public static func `default`(bankroll: Amount) -> SizingMethod {
        .confidenceTiers(.proportional(to: bankroll))
    }

    /// A short stable name for the decision record.
    public var name: String {
        switch self {
        case .kelly: "kelly"
        case .fractionalKelly(let multiplier): "fractional kelly \(multiplier)"
        case .units(let unitSize, let count): "units \(count) × \(unitSize)"
        case .flat(let amount): "flat \(amount)"
        case .confidenceTiers: "confidence tiers"
        case .invertedRisk(let maxLoss): "inverted risk \(maxLoss)"
        }
    }

    /// What is wrong with the parameters, if anything.
    public func validate() throws(SizingConfigurationError) {
        switch self {
        case .kelly:
            return
        case .fractionalKelly(let multiplier):
            guard multiplier.isFinite, multiplier > 0, multiplier <= 1 else {
                throw .kellyMultiplierOutOfRange(multiplier)
            }
        case .units(let unitSize, let count):
            guard unitSize.units > 0 else { throw .nonPositiveAmount(field: "unit size", unitSize) }
            guard count >= 0 else { throw .negativeUnitCount(count) }
            let (_, overflow) = unitSize.units.multipliedReportingOverflow(by: Int64(count))
            guard !overflow else { throw .nonPositiveAmount(field: "unit size × count overflows", unitSize) }
        case .flat(let amount):
            guard amount.units > 0 else { throw .nonPositiveAmount(field: "flat amount", amount) }
        case .confidenceTiers(let tiers):
            try tiers.validate()
        case .invertedRisk(let maxLoss):
            guard maxLoss.units > 0 else { throw .nonPositiveAmount(field: "maximum loss", maxLoss) }
        }
    }
}
