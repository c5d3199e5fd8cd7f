import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseTestSupport
import Testing

/// The pricer was rewritten for speed (legs read in place, one sweep state probed by the search
/// past the last profitable breakpoint). These tests hold it to the plain algorithm it replaced —
/// every breakpoint walked from scratch, a set of breakpoints, a from-scratch walk per search
/// probe — on many random baskets, fees and grids.
@Suite struct BasketPricerEquivalenceTests {
    @Test func theFastPricerQuotesExactlyWhatThePlainAlgorithmDoes() {
        var random = SeededGenerator(seed: 0x5eed)
        var priced = 0
        for _ in 0..<3_000 {
            let basket = RandomBasket(&random)
            let pricer = BasketPricer(sizeStep: basket.sizeStep, maxBreakpoints: basket.maxBreakpoints)
            let fast = pricer.price(basket.legs, payoutPerBasket: basket.payout).map(ReferencePricer.Quote.init)
            let plain = ReferencePricer(sizeStep: basket.sizeStep.units, maxBreakpoints: basket.maxBreakpoints)
                .price(basket.legs, payoutPerBasket: basket.payout)
            #expect(fast == plain)
            if fast != nil { priced += 1 }
        }
        // The generator must exercise the priced path, not only the rejections.
        #expect(priced > 500)
    }

    @Test func aLadderReadsTheBookInPlaceAsTheCopiedLevels() {
        var book = OrderBook(instrument: InstrumentID(venue: .polymarket, token: TokenID("t")))
        try? book.apply(BookSnapshot(
            instrument: book.instrument,
            bids: [BookLevel(price: Price("0.40")!, size: 10), BookLevel(price: Price("0.42")!, size: 20)],
            asks: [BookLevel(price: Price("0.47")!, size: 5), BookLevel(price: Price("0.45")!, size: 7)]))
        #expect(Array(book.offerLadderToBuy) == book.offersToBuy)
        #expect(Array(book.complementOfferLadderToBuy) == book.complementOffersToBuy)
        #expect(book.offerLadderToBuy.first == BookLevel(price: Price("0.45")!, size: 7))
        #expect(book.complementOfferLadderToBuy.first == BookLevel(price: Price("0.58")!, size: 20))
        #expect(Array(OfferLadder(book.offersToBuy)) == book.offersToBuy)
        #expect(OfferLadder([]).isEmpty)
    }
}

/// The pricer as it was before it was tuned, kept verbatim in its logic as the specification.
private struct ReferencePricer {
    var sizeStep: Int64
    var maxBreakpoints: Int

    /// ``BasketQuote``'s fields (its initializer is the module's own).
    struct Quote: Equatable {
        var legs: [OpportunityLeg]
        var size: Size
        var cost: Amount
        var fees: Amount
        var payout: Amount
        var maxSize: Size
        var curve: [ProfitPoint]

        init(
            legs: [OpportunityLeg], size: Size, cost: Amount, fees: Amount, payout: Amount, maxSize: Size,
            curve: [ProfitPoint]
        ) {
            (self.legs, self.size, self.cost, self.fees, self.payout, self.maxSize, self.curve) =
                (legs, size, cost, fees, payout, maxSize, curve)
        }

        init(_ quote: BasketQuote) {
            self.init(
                legs: quote.legs, size: quote.size, cost: quote.cost, fees: quote.fees, payout: quote.payout,
                maxSize: quote.maxSize, curve: quote.curve)
        }
    }

    func price(_ legs: [BasketLeg], payoutPerBasket: Amount) -> Quote? {
        guard !legs.isEmpty, legs.allSatisfy({ !$0.offers.isEmpty }) else { return nil }
        if BasketPricer.cannotProfit(
            bestOffers: legs.lazy.map { (price: $0.offers[0].price, weight: $0.weight) }, payoutPerBasket: payoutPerBasket)
        {
            return nil
        }
        var capacity = Int64.max
        var minimum = sizeStep
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
        var curve: [ProfitPoint] = []
        var best: (baskets: Int64, point: ProfitPoint)?
        var lastProfitable: Int64?
        var firstUnprofitableAfter: Int64?
        for baskets in breakpoints.sorted().prefix(maxBreakpoints) {
            guard let point = evaluate(legs, baskets: baskets, payoutPerBasket: payoutPerBasket) else { break }
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
        if let upper = firstUnprofitableAfter {
            var low = maxBaskets
            var high = upper
            while high - low > sizeStep {
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
        for leg in legs {
            let fill = walk(leg, shares: best.baskets * leg.weight)!
            fees += fill.fee
            opportunityLegs.append(OpportunityLeg(
                venue: leg.venue, marketID: leg.marketID, instrument: leg.instrument, outcome: leg.outcome, side: .buy,
                limitPrice: fill.worst, size: Size(units: best.baskets * leg.weight), notional: fill.notional,
                fee: fill.fee, minimumSize: leg.minimumSize, label: leg.label))
        }
        return Quote(
            legs: opportunityLegs, size: Size(units: best.baskets), cost: best.point.cost, fees: fees,
            payout: best.point.payout, maxSize: Size(units: maxBaskets), curve: curve)
    }

    func evaluate(_ legs: [BasketLeg], baskets: Int64, payoutPerBasket: Amount) -> ProfitPoint? {
        var cost = Amount.zero
        for leg in legs {
            guard let fill = walk(leg, shares: baskets * leg.weight) else { return nil }
            cost += fill.notional + fill.fee
        }
        let payout = Amount(units: Int64(FixedPoint.divide(
            Int128(baskets) * Int128(payoutPerBasket.units), Int128(FixedPoint.unitsPerWhole), .down)))
        return ProfitPoint(size: Size(units: baskets), cost: cost, payout: payout)
    }

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
        return (Amount(units: Int64(FixedPoint.divide(notional, Int128(FixedPoint.unitsPerWhole), .up))), fee, worst)
    }

    func floorToStep(_ units: Int64) -> Int64 { units - units % sizeStep }
    func ceilToStep(_ units: Int64) -> Int64 {
        let remainder = units % sizeStep
        return remainder == 0 ? units : units + sizeStep - remainder
    }
}

/// A basket of 1–30 legs with 1–6 levels each, weights 1–3, optional minimums, fees that round
/// (proportional and price-curved), on a whole-share or a cent-share grid, with a payout near
/// the cost of the best offers so that both the priced and the rejected paths are common.
private struct RandomBasket {
    var legs: [BasketLeg] = []
    var payout: Amount
    var sizeStep: Size
    var maxBreakpoints: Int

    init(_ random: inout SeededGenerator) {
        let count = Int(random.next(upperBound: UInt64(30))) + 1
        var firstShareCost: Int64 = 0
        for i in 0..<count {
            let weight = Int64(random.next(upperBound: UInt64(3))) + 1
            let levelCount = Int(random.next(upperBound: UInt64(6))) + 1
            var price = Int64(random.next(upperBound: UInt64(600_000))) / 1_000 * 1_000 + 10_000
            var offers: [BookLevel] = []
            for _ in 0..<levelCount where price < 1_000_000 {
                // Whole shares mostly, sometimes fractional ones.
                let shares = Int64(random.next(upperBound: UInt64(300))) + 1
                let fraction = random.next(upperBound: UInt64(4)) == 0 ? Int64(random.next(upperBound: UInt64(1_000_000))) : 0
                offers.append(BookLevel(price: Price(units: price), size: Size(units: shares * 1_000_000 + fraction)))
                price += Int64(random.next(upperBound: UInt64(40))) * 1_000 + 1_000
            }
            firstShareCost += (offers.first?.price.units ?? 0) * weight
            let fees: any FeeModel =
                switch random.next(upperBound: UInt64(3)) {
                case 0: NoFees()
                case 1: ProportionalFee(rate: Price(units: Int64(random.next(upperBound: UInt64(20_000)))))
                default: CurvedFee(rate: Price(units: Int64(random.next(upperBound: UInt64(50_000)))))
                }
            let minimum: Size? = random.next(upperBound: UInt64(4)) == 0 ? Size(units: Int64(random.next(upperBound: UInt64(20))) * 1_000_000) : nil
            legs.append(BasketLeg(
                venue: .polymarket, marketID: MarketID("m\(i)"),
                instrument: InstrumentID(venue: .polymarket, token: TokenID("t\(i)")), outcome: .yes, label: "leg \(i)",
                weight: weight, offers: offers, fees: fees, minimumSize: minimum))
        }
        payout = Amount(units: max(1, firstShareCost + Int64(random.next(upperBound: UInt64(200_000))) - 50_000))
        sizeStep = random.next(upperBound: UInt64(3)) == 0 ? Size(units: 10_000) : Size(units: 1_000_000)
        maxBreakpoints = random.next(upperBound: UInt64(5)) == 0 ? Int(random.next(upperBound: UInt64(6))) + 1 : 512
    }
}

/// `rate × size × p × (1 − p)`, rounded up: a fee that is not linear in price, like Polymarket's.
private struct CurvedFee: FeeModel {
    var rate: Price

    func takerFee(size: Size, price: Price) -> Amount {
        let whole = Int128(FixedPoint.unitsPerWhole)
        let units = Int128(size.units) * Int128(price.units) * (whole - Int128(price.units)) * Int128(rate.units)
        return Amount(units: Int64(FixedPoint.divide(units, whole * whole * whole, .up)))
    }
}
