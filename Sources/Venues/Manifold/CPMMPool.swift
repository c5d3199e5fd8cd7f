import Foundation

/// The state of a binary `cpmm-1` market maker: the outstanding YES and NO shares in the pool and
/// the weight `p`, bound by the invariant `YES^p · NO^(1−p) = k`.
///
/// This is a probability model, so it computes in `Double`, in the same operation order as the
/// venue (which also uses IEEE doubles) so that predictions match the server to the last few
/// ulps. Convert results to money with ``ManifoldMoney`` before they reach an order or a ledger.
public struct CPMMPool: Sendable, Hashable {
    public var yes: Double
    public var no: Double
    /// The weight of YES in the invariant; 0.5 for every multiple-choice answer.
    public var p: Double

    public init(yes: Double, no: Double, p: Double = 0.5) {
        self.yes = yes
        self.no = no
        self.p = p
    }

    /// The constant of the invariant, `YES^p · NO^(1−p)`.
    public var k: Double { pow(yes, p) * pow(no, 1 - p) }

    /// `P(YES) = p·NO / ((1−p)·YES + p·NO)`: with p = 0.5 it is NO / (YES + NO).
    public var probability: Double { p * no / ((1 - p) * yes + p * no) }

    /// The shares of `outcome` that `amount` mana buys from the pool, before any fee.
    ///
    /// Buying adds the mana to both sides (it mints that many YES+NO pairs) and takes out of the
    /// bought side exactly as many shares as keep the invariant:
    /// YES: `y + b − (k·(b+n)^(p−1))^(1/p)`, NO: `n + b − (k·(b+y)^(−p))^(1/(1−p))`.
    public func shares(buying outcome: ManifoldBinaryOutcome, amount: Double) -> Double {
        let k = self.k
        switch outcome {
        case .yes: return yes + amount - pow(k * pow(amount + no, p - 1), 1 / p)
        case .no: return no + amount - pow(k * pow(amount + yes, -p), 1 / (1 - p))
        }
    }

    /// The pool after `amount` mana bought `shares` of `outcome` (`p` is unchanged because the
    /// liquidity fee is zero).
    public func afterPurchase(of outcome: ManifoldBinaryOutcome, amount: Double, shares: Double) -> CPMMPool {
        switch outcome {
        case .yes: CPMMPool(yes: yes - shares + amount, no: no + amount, p: p)
        case .no: CPMMPool(yes: yes + amount, no: no - shares + amount, p: p)
        }
    }

    /// The taker fee on spending `amount` on `outcome`.
    ///
    /// The fee depends on the shares bought, which depend on the mana left after the fee, so the
    /// venue refines it with a fixed ten iterations (not until convergence); doing the same ten
    /// keeps the prediction bit-for-bit on the venue's path.
    public func takerFee(buying outcome: ManifoldBinaryOutcome, amount: Double) -> Double {
        var fee = 0.0
        for _ in 0..<10 {
            let afterFee = amount - fee
            let bought = shares(buying: outcome, amount: afterFee)
            fee = ManifoldFees.takerFee(shares: bought, averagePrice: afterFee / bought)
        }
        return fee
    }

    /// Everything a market bet of `amount` mana on `outcome` does to the pool (the AMM path only:
    /// the venue first fills any matching limit orders, which this model does not see).
    public func purchase(
        _ outcome: ManifoldBinaryOutcome, amount: Double, chargingFees: Bool = true
    ) -> CPMMPurchase {
        let fee = chargingFees ? takerFee(buying: outcome, amount: amount) : 0
        let afterFees = amount - fee
        let bought = shares(buying: outcome, amount: afterFees)
        let newPool = afterPurchase(of: outcome, amount: afterFees, shares: bought)
        return CPMMPurchase(
            outcome: outcome, amount: amount, fees: ManifoldFees.split(takerFee: fee), amountAfterFees: afterFees,
            shares: bought, probabilityBefore: probability, probabilityAfter: newPool.probability, newPool: newPool)
    }

    /// The mana (before fees) that moves P(YES) to `targetProbability` by buying `outcome`; zero
    /// when the probability is already at or past the target in that direction, `nil` when the
    /// target is outside (0, 1).
    ///
    /// Derivation: a probability `P` fixes the pool's ratio, `YES/NO = r` with
    /// `r = p·(1−P) / ((1−p)·P)`. Buying YES leaves `NO' = NO + b` and the invariant gives
    /// `NO' = k·r^(−p)`; buying NO leaves `YES' = YES + b` and gives `YES' = k·r^(1−p)`.
    public func amountToReach(
        probability targetProbability: Double, buying outcome: ManifoldBinaryOutcome
    ) -> Double? {
        guard targetProbability > 0, targetProbability < 1, targetProbability.isFinite else { return nil }
        let ratio = p * (1 - targetProbability) / ((1 - p) * targetProbability)
        let amount: Double
        switch outcome {
        case .yes: amount = k * pow(ratio, -p) - no
        case .no: amount = k * pow(ratio, 1 - p) - yes
        }
        return max(0, amount)
    }

    /// The mana (before fees) it costs to buy exactly `shares` of `outcome`, found by bisection:
    /// the shares bought grow strictly with the amount, and `shares` mana always buys at least
    /// `shares` (each mana mints a YES+NO pair). `nil` for a non-positive or non-finite count.
    public func cost(ofBuying shares: Double, of outcome: ManifoldBinaryOutcome) -> Double? {
        guard shares > 0, shares.isFinite else { return nil }
        var low = 0.0
        var high = shares
        // 200 halvings take any bracket below one ulp; stop early once it stops shrinking.
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle > low, middle < high else { break }
            if self.shares(buying: outcome, amount: middle) < shares { low = middle } else { high = middle }
        }
        return high
    }

    /// Selling `shares` of `outcome` back to the pool, before any fee.
    ///
    /// Manifold sells by buying the same number of shares of the opposite side and redeeming
    /// each YES+NO pair for one mana: the seller receives `shares − cost` and the pool moves as
    /// that opposite purchase moves it.
    public func sale(of shares: Double, of outcome: ManifoldBinaryOutcome) -> CPMMSale? {
        guard let cost = cost(ofBuying: shares, of: outcome.opposite) else { return nil }
        let newPool = afterPurchase(of: outcome.opposite, amount: cost, shares: shares)
        return CPMMSale(
            outcome: outcome, shares: shares, proceeds: shares - cost, probabilityBefore: probability,
            probabilityAfter: newPool.probability, newPool: newPool)
    }
}
