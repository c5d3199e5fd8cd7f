import EdgewiseCore

/// What the two markets themselves say about their polarity, from two independent sources:
/// the wording (one question negated, the other not) and the quoted prices (A's YES priced like
/// B's NO). Either may be silent; the settlement check compares both with the declared polarity.
public struct PolarityInference: Hashable, Sendable {
    /// From the questions' wording; nil when an outcome is not labelled Yes/No.
    public var fromWording: PairPolarity?
    /// From the indicative prices; nil when a price is missing or the prices cannot tell
    /// (both near 50 %, or a gap neither polarity explains).
    public var fromPrices: PairPolarity?
    public var reasons: [String]

    /// Wording first: prices move, and a real cross-venue gap must not flip a pair.
    public var polarity: PairPolarity? { fromWording ?? fromPrices }

    /// `close` is the largest gap still read as agreement; `far` the smallest read as disagreement.
    public static func infer(_ a: Market, _ b: Market, close: Price = Price(units: 100_000), far: Price = Price(units: 250_000))
        -> PolarityInference
    {
        infer(SettlementSide(a), SettlementSide(b), close: close, far: far)
    }

    static func infer(_ a: SettlementSide, _ b: SettlementSide, close: Price, far: Price) -> PolarityInference {
        var result = PolarityInference(fromWording: nil, fromPrices: nil, reasons: [])
        if a.hasYesNoOutcomes, b.hasYesNoOutcomes {
            let aNegated = a.proposition.isNegated
            let bNegated = b.proposition.isNegated
            result.fromWording = aNegated == bNegated ? .same : .inverted
            result.reasons.append(
                aNegated == bNegated
                    ? "both questions are phrased \(aNegated ? "negatively" : "positively") with Yes/No outcomes"
                    : "\(aNegated ? "A" : "B") is phrased negatively and \(aNegated ? "B" : "A") is not")
        } else {
            let labels = [a, b].map { side in side.market.outcomes.map(\.name).joined(separator: "/") }
            result.reasons.append("outcomes are not both Yes/No (A: \(labels[0]); B: \(labels[1]))")
        }
        if let gaps = PriceGaps(a, b) {
            if gaps.same <= close, gaps.inverted > close {
                result.fromPrices = .same
            } else if gaps.inverted <= close, gaps.same >= far {
                result.fromPrices = .inverted
            }
            result.reasons.append(gaps.description)
        }
        return result
    }
}

/// How far A's YES price is from B's YES price and from B's NO price, exactly.
struct PriceGaps: CustomStringConvertible {
    let aYes: Price
    let bYes: Price
    /// |A.yes − B.yes|: the gap if the pair has the same polarity.
    let same: Price
    /// |A.yes − B.no|: the gap if the pair is inverted.
    let inverted: Price

    init?(_ a: SettlementSide, _ b: SettlementSide) {
        guard let aYes = a.yesPrice, let bYes = b.yesPrice else { return nil }
        self.aYes = aYes
        self.bYes = bYes
        same = Price(units: abs(aYes.units - bYes.units))
        inverted = Price(units: abs(aYes.units - bYes.complement.units))
    }

    func gap(for polarity: PairPolarity) -> Price { polarity == .same ? same : inverted }

    var description: String {
        "A YES \(aYes) against B YES \(bYes) / B NO \(bYes.complement) (gap \(same) if same, \(inverted) if inverted)"
    }
}
