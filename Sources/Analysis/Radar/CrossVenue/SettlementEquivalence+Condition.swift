import EdgewiseCore
import Foundation

/// Whether the two numeric conditions are the same condition (or, for an inverted pair, exact
/// complements: "above 100k" inverted is "at or below 100k", not "below 100k").
extension SettlementEquivalence {
    func condition(_ a: SettlementSide, _ b: SettlementSide, polarity: PairPolarity) -> [SettlementFinding] {
        let aTouch = a.proposition.isTouch
        let bTouch = b.proposition.isTouch
        switch (a.proposition.condition, b.proposition.condition) {
        case (nil, nil):
            return [
                .init(.threshold, .match, "neither question states a numeric threshold"),
                .init(.units, .match, "no numeric condition, so no units to compare"),
            ]
        case (let condition?, nil), (nil, let condition?):
            let (stated, silent) = a.proposition.condition == nil ? ("B", "A") : ("A", "B")
            return [
                .init(
                    .threshold, .unknown, "\(stated) states \(Self.describe(condition)), \(silent) states no threshold that could be read",
                    next: "read \(silent)'s rules for its threshold"),
                .init(.units, .unknown, "only \(stated) states a unit", next: "read \(silent)'s rules for its unit"),
            ]
        case (let x?, let y?):
            // "Will X not be above 100k?" states the condition "above 100k"; the negation already
            // accounts for an inverted pair, so the stated conditions must then be the same.
            let negationFlips = a.proposition.isNegated != b.proposition.isNegated
            let conditionPolarity = negationFlips ? polarity.opposite : polarity
            return [threshold(x, y, aTouch: aTouch, bTouch: bTouch, polarity: conditionPolarity), units(x, y)]
        }
    }

    private func threshold(
        _ a: Proposition.Condition, _ b: Proposition.Condition, aTouch: Bool, bTouch: Bool, polarity: PairPolarity
    ) -> SettlementFinding {
        let both = "A: \(Self.describe(a)); B: \(Self.describe(b))"
        if aTouch != bTouch {
            return .init(
                .threshold, .mismatch,
                "\(both); \(aTouch ? "A" : "B") settles on touching the level at any time, \(aTouch ? "B" : "A") on the value at the date")
        }
        if a.threshold != b.threshold || a.upper != b.upper {
            return .init(.threshold, .mismatch, "\(both): different thresholds")
        }
        let expected = polarity == .same ? a.comparison : Self.complement(a.comparison)
        if b.comparison == expected {
            let how = polarity == .same ? "the same condition" : "exact complements, as the inverted pair requires"
            return .init(.threshold, .match, "\(both): \(how)")
        }
        if polarity == .same, Self.complement(a.comparison) == b.comparison {
            return .init(
                .threshold, .mismatch, "\(both): the conditions are complements, so the pair is inverted",
                next: "re-check the pair as inverted")
        }
        return .init(.threshold, .mismatch, "\(both): different comparisons (the boundary value settles differently)")
    }

    private func units(_ a: Proposition.Condition, _ b: Proposition.Condition) -> SettlementFinding {
        switch (a.unit, b.unit) {
        case (nil, nil):
            return .init(.units, .match, "neither threshold carries a unit")
        case (let x?, let y?) where x == y:
            return .init(.units, .match, "both in \(x)")
        case (let x?, let y?):
            return .init(.units, .mismatch, "A is in \(x), B in \(y)")
        case (let unit?, nil), (nil, let unit?):
            return .init(
                .units, .unknown, "\(a.unit == nil ? "B" : "A") is in \(unit), \(a.unit == nil ? "A" : "B") names no unit",
                next: "read the rules for the unit of the unlabelled threshold")
        }
    }

    /// The comparison that is true exactly when `comparison` is false; nil for buckets and
    /// equalities, whose complement is not one condition.
    static func complement(_ comparison: Proposition.Comparison) -> Proposition.Comparison? {
        switch comparison {
        case .above: .atOrBelow
        case .atOrBelow: .above
        case .atOrAbove: .below
        case .below: .atOrAbove
        case .equal, .between: nil
        }
    }

    static func describe(_ condition: Proposition.Condition) -> String {
        let unit = condition.unit.map { " \($0)" } ?? ""
        switch condition.comparison {
        case .between: return "between \(condition.threshold) and \(condition.upper.map { "\($0)" } ?? "?")\(unit)"
        case .above: return "above \(condition.threshold)\(unit)"
        case .atOrAbove: return "at or above \(condition.threshold)\(unit)"
        case .below: return "below \(condition.threshold)\(unit)"
        case .atOrBelow: return "at or below \(condition.threshold)\(unit)"
        case .equal: return "equal to \(condition.threshold)\(unit)"
        }
    }
}
