import EdgewiseCore

/// Prices a basket of legs that together pay a fixed amount per basket whatever the outcome, by
/// walking every leg's offers at once.
///
/// Buying more baskets first takes the cheapest level of each leg, then the next, so the marginal
/// cost of a basket only rises and profit is concave in size (up to fee rounding). The pricer
/// evaluates the exact profit — notional rounded up, every fee from the venue's ``FeeModel``,
/// charged per level so rounding can only overstate it — at every depth breakpoint, keeps the
/// most profitable size, and searches the last profitable segment for the largest size whose
/// profit is still positive.
public struct BasketPricer: Sendable {
    /// The basket-count grid (whole shares by default: every venue accepts them).
    public var sizeStep: Size
    /// Depth breakpoints examined at most; a book deeper than this is priced on its best part.
    public var maxBreakpoints: Int

    public init(sizeStep: Size = 1, maxBreakpoints: Int = 512) {
        precondition(sizeStep.units > 0, "the size step must be positive")
        self.sizeStep = sizeStep
        self.maxBreakpoints = maxBreakpoints
    }

    /// Whether the first share of every leg, before fees, already costs at least the payout: the
    /// allocation-free test that rejects almost every evaluation.
    public static func cannotProfit(bestOffers: some Sequence<(price: Price, weight: Int64)>, payoutPerBasket: Amount) -> Bool {
        var total: Int64 = 0
        for offer in bestOffers {
            total += offer.price.units * offer.weight
            if total >= payoutPerBasket.units { return true }
        }
        return false
    }

    /// The most profitable size of the basket and its curve; nil when no size has a positive
    /// guaranteed profit after fees, or a leg has no offers.
    public func price(_ legs: [BasketLeg], payoutPerBasket: Amount) -> BasketQuote? {
        guard !legs.isEmpty, legs.allSatisfy({ !$0.offers.isEmpty }) else { return nil }
        if Self.cannotProfit(
            bestOffers: legs.lazy.map { (price: $0.offers[0].price, weight: $0.weight) },
            payoutPerBasket: payoutPerBasket)
        {
            return nil
        }

        // The most baskets the books can fill, and the fewest the venues accept.
        var capacity = Int64.max
        var minimum = sizeStep.units
        for leg in legs {
            let depth = leg.offers.reduce(Int64(0)) { $0 + $1.size.units }
            capacity = min(capacity, floorToStep(depth / leg.weight))
            if let legMinimum = leg.minimumSize?.units {
                minimum = max(minimum, ceilToStep((legMinimum + leg.weight - 1) / leg.weight))
            }
        }
        guard capacity >= minimum else { return nil }

        var breakpoints = Set<Int64>([minimum, capacity])
        for leg in legs {
            var cumulative: Int64 = 0
            for level in leg.offers {
                cumulative += level.size.units
                let baskets = floorToStep(cumulative / leg.weight)
                if baskets > minimum && baskets < capacity { breakpoints.insert(baskets) }
                if baskets >= capacity { break }
            }
        }
        let candidates = breakpoints.sorted().prefix(maxBreakpoints)

        var curve: [ProfitPoint] = []
        var best: (baskets: Int64, point: ProfitPoint)?
        var lastProfitable: Int64?
        var firstUnprofitableAfter: Int64?
        // One sweep over the ascending breakpoints: each leg's walk resumes where the previous
        // breakpoint left it, so the whole curve costs what one deep walk costs.
        var sweep = Sweep(legs)
        for baskets in candidates {
            guard let cost = sweep.cost(at: baskets, legs) else { break }
            let point = ProfitPoint(size: Size(units: baskets), cost: cost, payout: payout(baskets, payoutPerBasket))
            if point.profit.units > 0 {
                curve.append(point)
                lastProfitable = baskets
                if best == nil || point.profit > best!.point.profit { best = (baskets, point) }
            } else if lastProfitable != nil {
                firstUnprofitableAfter = baskets
                break
            }
        }
        guard let best, var maxBaskets = lastProfitable else { return nil }

        // Between the last profitable breakpoint and the first unprofitable one the profit falls
        // (nearly) linearly: find the largest size still above zero.
        if let upper = firstUnprofitableAfter {
            var low = maxBaskets
            var high = upper
            while high - low > sizeStep.units {
                let mid = floorToStep(low + (high - low) / 2)
                guard mid > low else { break }
                if let point = evaluate(legs, baskets: mid, payoutPerBasket: payoutPerBasket), point.profit.units > 0 {
                    low = mid
                } else {
                    high = mid
                }
            }
            if low > maxBaskets, let point = evaluate(legs, baskets: low, payoutPerBasket: payoutPerBasket) {
                maxBaskets = low
                curve.append(point)
            }
        }

        var fees = Amount.zero
        var opportunityLegs: [OpportunityLeg] = []
        opportunityLegs.reserveCapacity(legs.count)
        for leg in legs {
            let fill = walk(leg, shares: best.baskets * leg.weight)!
            fees += fill.fee
            opportunityLegs.append(
                OpportunityLeg(
                    venue: leg.venue, marketID: leg.marketID, instrument: leg.instrument, outcome: leg.outcome,
                    side: .buy, limitPrice: fill.worst, size: Size(units: best.baskets * leg.weight),
                    notional: fill.notional, fee: fill.fee, minimumSize: leg.minimumSize, label: leg.label))
        }
        return BasketQuote(
            legs: opportunityLegs, size: Size(units: best.baskets), cost: best.point.cost, fees: fees,
            payout: best.point.payout, maxSize: Size(units: maxBaskets), curve: curve)
    }

    /// The exact cost and payout of `baskets` baskets; nil when a leg's book cannot fill it.
    func evaluate(_ legs: [BasketLeg], baskets: Int64, payoutPerBasket: Amount) -> ProfitPoint? {
        var cost = Amount.zero
        for leg in legs {
            guard let fill = walk(leg, shares: baskets * leg.weight) else { return nil }
            cost += fill.notional + fill.fee
        }
        return ProfitPoint(size: Size(units: baskets), cost: cost, payout: payout(baskets, payoutPerBasket))
    }

    func payout(_ baskets: Int64, _ payoutPerBasket: Amount) -> Amount {
        Amount(units: Int64(FixedPoint.divide(
            Int128(baskets) * Int128(payoutPerBasket.units), Int128(FixedPoint.unitsPerWhole), .down)))
    }

    /// The incremental form of ``walk(_:shares:)`` for ascending sizes: the same notional and
    /// fees (a level fully taken is charged as one fill, the level being taken as another).
    struct Sweep {
        /// Per leg: the first level not fully taken, and the shares, notional (millionths²) and
        /// fees of the levels before it.
        var level: [Int]
        var taken: [Int64]
        var notional: [Int128]
        var fees: [Amount]

        init(_ legs: [BasketLeg]) {
            level = Array(repeating: 0, count: legs.count)
            taken = Array(repeating: 0, count: legs.count)
            notional = Array(repeating: 0, count: legs.count)
            fees = Array(repeating: .zero, count: legs.count)
        }

        mutating func cost(at baskets: Int64, _ legs: [BasketLeg]) -> Amount? {
            var total = Amount.zero
            for i in legs.indices {
                let leg = legs[i]
                let shares = baskets * leg.weight
                // Take whole levels while the target lies beyond them.
                while level[i] < leg.offers.count, taken[i] + leg.offers[level[i]].size.units <= shares {
                    let offer = leg.offers[level[i]]
                    notional[i] += Int128(offer.size.units) * Int128(offer.price.units)
                    fees[i] += leg.fees.takerFee(size: offer.size, price: offer.price)
                    taken[i] += offer.size.units
                    level[i] += 1
                }
                var legNotional = notional[i]
                var legFee = fees[i]
                let partial = shares - taken[i]
                if partial > 0 {
                    guard level[i] < leg.offers.count else { return nil }
                    let offer = leg.offers[level[i]]
                    legNotional += Int128(partial) * Int128(offer.price.units)
                    legFee += leg.fees.takerFee(size: Size(units: partial), price: offer.price)
                }
                total += Amount(units: Int64(FixedPoint.divide(legNotional, Int128(FixedPoint.unitsPerWhole), .up))) + legFee
            }
            return total
        }
    }

    /// Buying `shares` (millionths) from the leg's offers: notional rounded up, fee per level.
    func walk(_ leg: BasketLeg, shares: Int64) -> (notional: Amount, fee: Amount, worst: Price)? {
        var remaining = shares
        var notional: Int128 = 0
        var fee = Amount.zero
        var worst = Price.zero
        for level in leg.offers where remaining > 0 {
            let take = min(remaining, level.size.units)
            notional += Int128(take) * Int128(level.price.units)
            fee += leg.fees.takerFee(size: Size(units: take), price: level.price)
            worst = level.price
            remaining -= take
        }
        guard remaining == 0 else { return nil }
        let rounded = Amount(units: Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .up)))
        return (rounded, fee, worst)
    }

    private func floorToStep(_ units: Int64) -> Int64 { units - units % sizeStep.units }
    private func ceilToStep(_ units: Int64) -> Int64 {
        let remainder = units % sizeStep.units
        return remainder == 0 ? units : units + sizeStep.units - remainder
    }
}
