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
    ///
    /// The legs' offers are first copied into a ``Sweep`` of plain values (two allocations):
    /// a `BasketLeg` holds strings, the offers and an existential fee model, and retaining and
    /// releasing those per leg per breakpoint was most of the radar's re-pricing time.
    public func price(_ legs: [BasketLeg], payoutPerBasket: Amount) -> BasketQuote? {
        guard !legs.isEmpty else { return nil }
        var firstShareCost: Int64 = 0
        var cannotProfit = false
        var levelCount = 0
        for i in legs.indices {
            guard let best = legs[i].offers.first else { return nil }
            // The allocation-free test that rejects almost every evaluation (see
            // ``cannotProfit(bestOffers:payoutPerBasket:)``); keep checking the others for offers.
            firstShareCost += best.price.units * legs[i].weight
            if firstShareCost >= payoutPerBasket.units { cannotProfit = true }
            levelCount += legs[i].offers.count
        }
        if cannotProfit { return nil }

        var sweep = Sweep(legs, levelCount: levelCount)
        // The most baskets the books can fill, and the fewest the venues accept.
        var capacity = Int64.max
        var minimum = sizeStep.units
        for i in legs.indices {
            let weight = sweep.legs[i].weight
            capacity = min(capacity, floorToStep(sweep.legs[i].depth / weight))
            if let legMinimum = legs[i].minimumSize?.units {
                minimum = max(minimum, ceilToStep((legMinimum + weight - 1) / weight))
            }
        }
        guard capacity >= minimum else { return nil }

        // Every size at which some leg finishes a level, ascending and without repeats.
        var breakpoints: [Int64] = []
        breakpoints.reserveCapacity(levelCount + 2)
        breakpoints.append(minimum)
        breakpoints.append(capacity)
        for leg in sweep.legs {
            var cumulative: Int64 = 0
            for k in leg.start..<leg.end {
                cumulative += sweep.levels[k].size.units
                let baskets = floorToStep(cumulative / leg.weight)
                if baskets > minimum && baskets < capacity { breakpoints.append(baskets) }
                if baskets >= capacity { break }
            }
        }
        breakpoints.sort()
        let candidateCount = Self.removeAdjacentDuplicates(&breakpoints, keepingAtMost: maxBreakpoints)

        var curve: [ProfitPoint] = []
        curve.reserveCapacity(candidateCount + 1)
        var best: (baskets: Int64, point: ProfitPoint)?
        var lastProfitable: Int64?
        var lastProfit: Int64 = 0
        var firstUnprofitableAfter: (baskets: Int64, profit: Int64)?
        // One sweep over the ascending breakpoints: each leg's walk resumes where the previous
        // breakpoint left it, so the whole curve costs what one deep walk costs.
        for baskets in breakpoints[..<candidateCount] {
            guard let cost = sweep.cost(at: baskets, legs) else { break }
            let point = ProfitPoint(size: Size(units: baskets), cost: cost, payout: payout(baskets, payoutPerBasket))
            if point.profit.units > 0 {
                curve.append(point)
                lastProfitable = baskets
                lastProfit = point.profit.units
                if best == nil || point.profit > best!.point.profit { best = (baskets, point) }
            } else if lastProfitable != nil {
                firstUnprofitableAfter = (baskets, point.profit.units)
                break
            }
            sweep.advance(to: baskets)
        }
        guard let best, var maxBaskets = lastProfitable else { return nil }

        // Between the last profitable breakpoint and the first unprofitable one no leg changes
        // level, so the profit falls linearly but for fee rounding: find the largest size still
        // above zero. Each probe is priced exactly; the linearity only chooses where to probe
        // (the zero of the line through the two ends), which lands on or next to the answer at
        // once, with a halving step whenever a probe gains less than half the interval so the
        // search never takes more than twice as many probes as plain bisection. The sweep stands
        // at the last profitable breakpoint, so each probe walks only the levels past it.
        if let upper = firstUnprofitableAfter {
            var low = maxBaskets
            var lowProfit = lastProfit
            var high = upper.baskets
            var highProfit = upper.profit
            var bisectNext = false
            while high - low > sizeStep.units {
                let guess: Int64
                if bisectNext || lowProfit <= highProfit {
                    guess = floorToStep(low + (high - low) / 2)
                } else {
                    // The line's zero, low + (high − low)·p(low) / (p(low) − p(high)), in 128 bits.
                    let offset = Int128(high - low) * Int128(lowProfit) / Int128(lowProfit - highProfit)
                    guess = min(max(floorToStep(low + Int64(offset)), low + sizeStep.units), high - sizeStep.units)
                }
                guard guess > low, guess < high else { break }
                let before = high - low
                if let cost = sweep.cost(at: guess, legs) {
                    let profit = payout(guess, payoutPerBasket).units - cost.units
                    if profit > 0 {
                        low = guess
                        lowProfit = profit
                    } else {
                        high = guess
                        highProfit = profit
                    }
                } else {
                    high = guess
                }
                bisectNext = (high - low) * 2 > before
            }
            if low > maxBaskets, let cost = sweep.cost(at: low, legs) {
                maxBaskets = low
                curve.append(ProfitPoint(size: Size(units: low), cost: cost, payout: payout(low, payoutPerBasket)))
            }
        }

        var fees = Amount.zero
        var opportunityLegs: [OpportunityLeg] = []
        opportunityLegs.reserveCapacity(legs.count)
        for i in legs.indices {
            let shares = best.baskets * sweep.legs[i].weight
            let fill = sweep.walk(i, shares: shares, legs)!
            fees += fill.fee
            opportunityLegs.append(
                OpportunityLeg(
                    venue: legs[i].venue, marketID: legs[i].marketID, instrument: legs[i].instrument,
                    outcome: legs[i].outcome, side: .buy, limitPrice: fill.worst, size: Size(units: shares),
                    notional: fill.notional, fee: fill.fee, minimumSize: legs[i].minimumSize, label: legs[i].label))
        }
        return BasketQuote(
            legs: opportunityLegs, size: Size(units: best.baskets), cost: best.point.cost, fees: fees,
            payout: best.point.payout, maxSize: Size(units: maxBaskets), curve: curve)
    }

    /// Drops repeats from a sorted array in place and returns how many of the distinct values,
    /// at most `limit`, lead it.
    static func removeAdjacentDuplicates(_ sorted: inout [Int64], keepingAtMost limit: Int) -> Int {
        guard !sorted.isEmpty else { return 0 }
        var count = 1
        for i in 1..<sorted.count where sorted[i] != sorted[count - 1] {
            guard count < limit else { break }
            sorted[count] = sorted[i]
            count += 1
        }
        return min(count, limit)
    }

    func payout(_ baskets: Int64, _ payoutPerBasket: Amount) -> Amount {
        Amount(units: Int64(FixedPoint.divide(
            Int128(baskets) * Int128(payoutPerBasket.units), Int128(FixedPoint.unitsPerWhole), .down)))
    }

    /// Walks every leg's offers for ascending sizes. Buying `shares` of a leg takes its levels
    /// cheapest first: notional rounded up once, the fee charged per level (a level fully taken
    /// as one fill, the level being taken as another), so rounding can only overstate the cost.
    ///
    /// The offers are held as plain values with each level's whole-level fee worked out once;
    /// only a partly taken level asks the leg's fee model again. ``cost(at:_:)`` prices any size
    /// at or beyond where the sweep stands without moving it, so the search past the last
    /// profitable breakpoint can probe from there; ``advance(to:)`` moves it on.
    struct Sweep {
        struct Level {
            var price: Price
            var size: Size
            /// The fee for taking the whole level in one fill.
            var fullFee: Amount
        }

        /// One leg: its levels' range in ``levels``, its weight and depth, and its walk so far —
        /// the first level not fully taken, and the shares, notional (millionths²) and fees of
        /// the levels before it.
        struct Leg {
            var start: Int
            var end: Int
            var weight: Int64
            var depth: Int64
            var level: Int
            var taken: Int64 = 0
            var notional: Int128 = 0
            var fees = Amount.zero
        }

        /// Every leg's offers, cheapest first, leg after leg.
        var levels: [Level]
        var legs: [Leg]

        init(_ basket: [BasketLeg], levelCount: Int) {
            levels = []
            levels.reserveCapacity(levelCount)
            legs = []
            legs.reserveCapacity(basket.count)
            for i in basket.indices {
                let start = levels.count
                var depth: Int64 = 0
                for offer in basket[i].offers {
                    levels.append(Level(
                        price: offer.price, size: offer.size, fullFee: basket[i].fees.takerFee(size: offer.size, price: offer.price)))
                    depth += offer.size.units
                }
                legs.append(Leg(start: start, end: levels.count, weight: basket[i].weight, depth: depth, level: start))
            }
        }

        /// Takes the whole levels that `shares` reaches beyond.
        @inline(__always)
        static func takeWholeLevels(_ leg: inout Leg, shares: Int64, _ levels: [Level]) {
            while leg.level < leg.end, leg.taken + levels[leg.level].size.units <= shares {
                let offer = levels[leg.level]
                leg.notional += Int128(offer.size.units) * Int128(offer.price.units)
                leg.fees += offer.fullFee
                leg.taken += offer.size.units
                leg.level += 1
            }
        }

        /// The cost, fees included, of `baskets` baskets (at least where the sweep stands); nil
        /// when a leg's book cannot fill it. `basket` supplies the fee models.
        func cost(at baskets: Int64, _ basket: [BasketLeg]) -> Amount? {
            var total = Amount.zero
            for i in legs.indices {
                let shares = baskets * legs[i].weight
                var leg = legs[i]
                Self.takeWholeLevels(&leg, shares: shares, levels)
                var legNotional = leg.notional
                var legFee = leg.fees
                let partial = shares - leg.taken
                if partial > 0 {
                    guard leg.level < leg.end else { return nil }
                    let price = levels[leg.level].price
                    legNotional += Int128(partial) * Int128(price.units)
                    legFee += basket[i].fees.takerFee(size: Size(units: partial), price: price)
                }
                total += Self.roundedUp(legNotional) + legFee
            }
            return total
        }

        /// Moves every leg to `baskets` baskets (whole levels only; the partial level is priced
        /// afresh by each ``cost(at:_:)``).
        mutating func advance(to baskets: Int64) {
            for i in legs.indices {
                Self.takeWholeLevels(&legs[i], shares: baskets * legs[i].weight, levels)
            }
        }

        /// Buying `shares` (millionths) of leg `i` from its first level: notional rounded up,
        /// fee per level, and the worst price reached.
        func walk(_ i: Int, shares: Int64, _ basket: [BasketLeg]) -> (notional: Amount, fee: Amount, worst: Price)? {
            var remaining = shares
            var notional: Int128 = 0
            var fee = Amount.zero
            var worst = Price.zero
            var k = legs[i].start
            while remaining > 0, k < legs[i].end {
                let level = levels[k]
                if remaining >= level.size.units {
                    notional += Int128(level.size.units) * Int128(level.price.units)
                    fee += level.fullFee
                    remaining -= level.size.units
                } else {
                    notional += Int128(remaining) * Int128(level.price.units)
                    fee += basket[i].fees.takerFee(size: Size(units: remaining), price: level.price)
                    remaining = 0
                }
                worst = level.price
                k += 1
            }
            guard remaining == 0 else { return nil }
            return (Self.roundedUp(notional), fee, worst)
        }

        /// A notional in millionths² as an amount, rounded up. Notionals are never negative and
        /// almost always fit in 64 bits, where dividing by the constant compiles to a multiply
        /// (this runs once per leg per breakpoint and search probe); the rest take the exact
        /// 128-bit path.
        @inline(__always)
        static func roundedUp(_ notional: Int128) -> Amount {
            // A literal so the division by it is compiled as a multiply (the Core constant is
            // opaque across modules); debug builds check they agree.
            let whole: Int64 = 1_000_000
            assert(whole == FixedPoint.unitsPerWhole)
            if notional >= 0, notional <= Int128(Int64.max - whole) {
                return Amount(units: (Int64(notional) + whole - 1) / whole)
            }
            return Amount(units: Int64(FixedPoint.divide(notional, Int128(whole), .up)))
        }
    }

    private func floorToStep(_ units: Int64) -> Int64 { units - units % sizeStep.units }
    private func ceilToStep(_ units: Int64) -> Int64 {
        let remainder = units % sizeStep.units
        return remainder == 0 ? units : units + sizeStep.units - remainder
    }
}
