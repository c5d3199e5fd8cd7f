import EdgewiseCore

/// What one sizing needs to know about an idea: the belief, which outcome is bought, and the
/// offers that would fill it with the venue's fees.
///
/// The probability is always the calibrated probability of **YES**, whichever outcome is bought:
/// buying NO at price q is sized with `p_no = 1 − p_yes` against the NO token's asks.
public struct SizingRequest: Sendable {
    /// The calibrated probability that the market resolves YES; nil when no calibration exists
    /// (the sizer then declines: a raw model probability is never sized).
    public var probabilityOfYes: Double?
    /// The probability's uncertainty (a standard deviation), used by confidence tiers.
    public var uncertainty: Double?
    /// The outcome whose shares are bought.
    public var buying: BinaryOutcome
    /// Offers to sell the bought outcome's shares (asks), in any order; the sizer takes them
    /// cheapest first.
    public var offers: [BookLevel]
    /// The venue's taker fee.
    public var fees: any FeeModel

    public init(
        probabilityOfYes: Double?, uncertainty: Double? = nil, buying: BinaryOutcome, offers: [BookLevel], fees: any FeeModel
    ) {
        self.probabilityOfYes = probabilityOfYes
        self.uncertainty = uncertainty
        self.buying = buying
        self.offers = offers
        self.fees = fees
    }

    /// From a model's estimate (its calibrated probability and uncertainty) and the bought
    /// outcome's own book.
    public init(estimate: ProbabilityEstimate, buying: BinaryOutcome, book: OrderBook, fees: any FeeModel) {
        self.init(
            probabilityOfYes: estimate.calibrated, uncertainty: estimate.uncertainty, buying: buying,
            offers: book.levels(.ask), fees: fees)
    }

    /// The probability of the bought outcome, when there is a usable one.
    public var probabilityOfBoughtOutcome: Double? {
        guard let probabilityOfYes else { return nil }
        return buying == .yes ? probabilityOfYes : 1 - probabilityOfYes
    }
}

extension Price {
    /// The fair value of a share that pays 1 with `probability`, to the nearest millionth (no
    /// model's probability is more precise than that). Nil outside [0, 1] or for NaN.
    public init?(fairValueOf probability: Double) {
        guard probability.isFinite, probability >= 0, probability <= 1 else { return nil }
        self.init(units: Int64((probability * Double(FixedPoint.unitsPerWhole)).rounded()))
    }
}
