import EdgewiseCore
import Foundation

/// Whether A's YES pays together with the declared side of B, from the wording and the prices.
extension SettlementEquivalence {
    func polarityFindings(_ a: SettlementSide, _ b: SettlementSide, declared: PairPolarity) -> [SettlementFinding] {
        let inference = PolarityInference.infer(a, b, close: tolerances.closePrice, far: tolerances.farPrice)
        let gaps = PriceGaps(a, b)
        return [polarity(inference, declared: declared), priceConsistency(gaps, declared: declared)]
    }

    private func polarity(_ inference: PolarityInference, declared: PairPolarity) -> SettlementFinding {
        let reasons = inference.reasons.joined(separator: "; ")
        guard let wording = inference.fromWording else {
            return .init(
                .polarity, .unknown, "declared \(declared), but \(reasons)",
                next: "map each outcome of A to the outcome of B that pays with it")
        }
        if wording != declared {
            return .init(
                .polarity, .mismatch, "declared \(declared), but the wording says \(wording): \(reasons)",
                next: "re-check the pair as \(wording)")
        }
        if let prices = inference.fromPrices, prices != declared {
            return .init(
                .polarity, .mismatch, "declared \(declared), but the prices fit \(prices): \(reasons)",
                next: "one venue may list its outcomes in the other order; compare the outcome labels and token ids")
        }
        return .init(.polarity, .match, "\(declared): \(reasons)")
    }

    private func priceConsistency(_ gaps: PriceGaps?, declared: PairPolarity) -> SettlementFinding {
        guard let gaps else {
            return .init(
                .priceConsistency, .unknown, "no indicative YES price on one side",
                next: "refresh both markets' prices before trusting the pair")
        }
        let expected = gaps.gap(for: declared)
        let other = gaps.gap(for: declared.opposite)
        if expected < tolerances.farPrice {
            return .init(.priceConsistency, .match, "\(gaps) fits \(declared) polarity")
        }
        if other <= tolerances.closePrice {
            return .init(
                .priceConsistency, .mismatch, "\(gaps): the prices fit \(declared.opposite) polarity, not \(declared)",
                next: "check whether one venue's outcome order or wording is reversed")
        }
        return .init(
            .priceConsistency, .unknown, "\(gaps): a gap neither polarity explains",
            next: "look for a difference in the rules (deadline, scope, source) that the traders are pricing")
    }
}
