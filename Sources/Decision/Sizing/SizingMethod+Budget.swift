import EdgewiseCore

extension SizingMethod {
    /// The bound reported when confidence tiers admit no tier at a size.
    static let noTierLabel = "no confidence tier"

    /// The most the method lets a position of this fill cost, fees included, with the label of
    /// the method's bound.
    func budget(
        fill: ExecutableFill, fairValue: Price, bankroll: Amount, uncertainty: Double?
    ) -> (amount: Amount, label: String) {
        switch self {
        case .kelly:
            return (KellyCriterion.stake(fairValue: fairValue, fill: fill, bankroll: bankroll), "kelly")
        case .fractionalKelly(let multiplier):
            let stake = KellyCriterion.stake(
                fairValue: fairValue, fill: fill, bankroll: bankroll,
                multiplierMillionths: KellyCriterion.millionths(multiplier))
            return (stake, "fractional kelly")
        case .units(let unitSize, let count):
            return (Amount(units: unitSize.units * Int64(count)), "units")
        case .flat(let amount):
            return (amount, "flat")
        case .confidenceTiers(let tiers):
            guard
                let tier = tiers.tier(
                    edgeUnitsTimesSize: fill.edgeUnitsTimesSize(fairValue: fairValue), sizeUnits: fill.size.units,
                    uncertainty: uncertainty)
            else { return (.zero, Self.noTierLabel) }
            return (tier.cap, "tier \(tier.name) cap")
        case .invertedRisk(let maxLoss):
            return (maxLoss, "max loss")
        }
    }
}
