/// The fee Manifold charges on a taker fill, and how it is split.
///
/// Manifold's only non-zero fee today is the taker fee `0.07 · q · (1 − q) · shares`, where `q` is
/// the average fill price of the shares bought; it is largest at 50 % and vanishes near 0 and 1.
/// The liquidity, creator and platform fee constants are zero; the creator receives half of the
/// taker fee and the platform the other half.
public struct ManifoldFees: Sendable, Hashable {
    public var creatorFee: Double
    public var platformFee: Double
    public var liquidityFee: Double

    public init(creatorFee: Double = 0, platformFee: Double = 0, liquidityFee: Double = 0) {
        self.creatorFee = creatorFee
        self.platformFee = platformFee
        self.liquidityFee = liquidityFee
    }

    public static let zero = ManifoldFees()

    public var total: Double { creatorFee + platformFee + liquidityFee }

    /// The taker-fee rate (`FEE_RATE` in Manifold's fee module).
    public static let takerFeeRate = 0.07
    /// The share of the taker fee paid to the market's creator.
    public static let creatorFraction = 0.5

    /// `0.07 · averagePrice · (1 − averagePrice) · shares`.
    public static func takerFee(shares: Double, averagePrice: Double) -> Double {
        takerFeeRate * averagePrice * (1 - averagePrice) * shares
    }

    /// A taker fee split between the creator and the platform; the liquidity fee is zero.
    public static func split(takerFee: Double) -> ManifoldFees {
        let creator = takerFee * creatorFraction
        return ManifoldFees(creatorFee: creator, platformFee: takerFee - creator, liquidityFee: 0)
    }
}
