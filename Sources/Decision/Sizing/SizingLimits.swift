import EdgewiseCore

/// The hard bounds every sizing respects whatever the method says: the capital, the most one
/// order may cost, the least edge worth taking, and the venue's size grid.
public struct SizingLimits: Hashable, Codable, Sendable {
    /// The capital the fractions refer to, and the most any order may cost (fees included).
    public var bankroll: Amount
    /// The most a single order may cost, fees included.
    public var perOrderCap: Amount
    /// The least edge per share, after fees and slippage, for a share to be bought at all: each
    /// marginal level must clear it, and so must the average of the whole size.
    public var minimumEdgePerShare: Price
    /// The least edge per unit of money spent, in basis points (edge ÷ all-in price per share);
    /// 0 turns the check off.
    public var minimumReturnBasisPoints: Int
    /// The venue's smallest order.
    public var minimumSize: Size
    /// The venue's size grid; sizes are rounded down onto it, never up.
    public var sizeStep: Size

    public init(
        bankroll: Amount, perOrderCap: Amount, minimumEdgePerShare: Price = Price(units: 10_000),
        minimumReturnBasisPoints: Int = 0, minimumSize: Size = 1, sizeStep: Size = 1
    ) {
        self.bankroll = bankroll
        self.perOrderCap = perOrderCap
        self.minimumEdgePerShare = minimumEdgePerShare
        self.minimumReturnBasisPoints = minimumReturnBasisPoints
        self.minimumSize = minimumSize
        self.sizeStep = sizeStep
    }

    private enum CodingKeys: String, CodingKey {
        case bankroll, perOrderCap, minimumEdgePerShare, minimumReturnBasisPoints, minimumSize, sizeStep
    }

    /// Bankroll and per-order cap are required; the rest default as in
    /// ``init(bankroll:perOrderCap:minimumEdgePerShare:minimumReturnBasisPoints:minimumSize:sizeStep:)``
    /// so that a configuration states only what it changes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SizingLimits(bankroll: 0, perOrderCap: 0)
        self.init(
            bankroll: try container.decode(Amount.self, forKey: .bankroll),
            perOrderCap: try container.decode(Amount.self, forKey: .perOrderCap),
            minimumEdgePerShare: try container.decodeIfPresent(Price.self, forKey: .minimumEdgePerShare)
                ?? defaults.minimumEdgePerShare,
            minimumReturnBasisPoints: try container.decodeIfPresent(Int.self, forKey: .minimumReturnBasisPoints)
                ?? defaults.minimumReturnBasisPoints,
            minimumSize: try container.decodeIfPresent(Size.self, forKey: .minimumSize) ?? defaults.minimumSize,
            sizeStep: try container.decodeIfPresent(Size.self, forKey: .sizeStep) ?? defaults.sizeStep)
    }

    public func validate() throws(SizingConfigurationError) {
        guard bankroll.units > 0 else { throw .nonPositiveAmount(field: "bankroll", bankroll) }
        guard perOrderCap.units > 0 else { throw .nonPositiveAmount(field: "per-order cap", perOrderCap) }
        guard sizeStep.units > 0 else { throw .nonPositiveSizeStep(sizeStep) }
        guard minimumSize.units >= 0 else { throw .negativeMinimumSize(minimumSize) }
        guard minimumReturnBasisPoints >= 0 else { throw .negativeMinimumReturn(minimumReturnBasisPoints) }
    }
}
