import EdgewiseCore
import EdgewiseDecision
import PropertyBased
import Testing

/// Properties over random books, probabilities, methods, fees and limits: never above a cap,
/// never negative, nothing without edge, more bankroll never less under Kelly, fees never more.
@Suite struct SizingPropertyTests {
    /// Up to six offers: a price in cents and a size in hundredths of a share (up to 2000 shares).
    static let offers = zip(Gen.int(in: 1...99), Gen.int(in: 1...200_000)).array(of: 1...6)

    static func book(_ raw: [(Int, Int)]) -> [BookLevel] {
        raw.map { BookLevel(price: Price(units: Int64($0.0) * 10_000), size: Size(units: Int64($0.1) * 10_000)) }
    }

    static let tiers = ConfidenceTiers.standard(low: 10, medium: 25, high: 50)

    /// The six methods, and the largest budget each may grant (nil for Kelly: checked against f*).
    static let methods: [(SizingMethod, Amount?)] = [
        (.kelly, nil), (.fractionalKelly(multiplier: 0.25), nil), (.units(unitSize: 5, count: 3), 15),
        (.flat(amount: 40), 40), (.confidenceTiers(tiers), 50), (.invertedRisk(maxLoss: 30), 30),
    ]

    @Test func neverAboveACapNeverNegativeAndOnlyAtPricesWithEdge() async {
        await propertyCheck(
            count: 400, input: Self.offers, Gen.double(in: 0.01...0.99), Gen.int(in: 1...5000), Gen.int(in: 1...5000),
            Gen.int(in: 0...11), Gen.int(in: 0...30)
        ) { raw, p, bankrollWhole, capWhole, choice, feeCents in
            let offers = Self.book(raw)
            let (method, methodCap) = Self.methods[choice % 6]
            let step: Size = choice < 6 ? 1 : size("0.01")
            let fees = CurvedFee(rate: Price(units: Int64(feeCents) * 10_000))
            let limits = SizingLimits(
                bankroll: Amount(integerLiteral: Int64(bankrollWhole)), perOrderCap: Amount(integerLiteral: Int64(capWhole)),
                minimumEdgePerShare: price("0.01"), minimumSize: step, sizeStep: step)
            let result = sizing(method, p: p, uncertainty: 0.03, offers: offers, fees: fees, limits: limits)
            guard let decision = result.decision, let edge = result.edge else { return }

            let fair = Price(fairValueOf: p)!
            #expect(decision.size.units > 0)
            #expect(decision.size.isMultiple(of: step))
            #expect(decision.size >= limits.minimumSize)
            let spend = try #require(oracleSpend(offers, shares: decision.size, fees: fees))
            #expect(spend <= limits.bankroll)
            #expect(spend <= limits.perOrderCap)
            if let methodCap {
                #expect(spend <= methodCap)
            } else {
                let multiplier = if case .fractionalKelly(let m) = method { m } else { 1.0 }
                let c = spend.approximateDouble / decision.size.approximateDouble
                let kelly = (fair.approximateDouble - c) / (1 - c)
                #expect(spend.approximateDouble <= kelly * multiplier * limits.bankroll.approximateDouble + 1e-6)
            }
            // Only prices that leave the minimum edge, and the average leaves it too.
            #expect(decision.limitPrice.units + limits.minimumEdgePerShare.units <= fair.units)
            let depthWithEdge = offers.filter { $0.price.units + limits.minimumEdgePerShare.units <= fair.units }
                .reduce(Int64(0)) { $0 + $1.size.units }
            #expect(decision.size.units <= depthWithEdge)
            // The dearest level bought still clears the minimum after its own fee.
            let lastLevel = Size(units: offers.filter { $0.price == decision.limitPrice }.reduce(Int64(0)) { $0 + $1.size.units })
            let lastFee = fees.takerFee(size: lastLevel, price: decision.limitPrice).perShare(lastLevel, .up)
            #expect(decision.limitPrice.units + lastFee.units + limits.minimumEdgePerShare.units <= fair.units)
            #expect(edge.netEdgePerShare.units >= limits.minimumEdgePerShare.units)
            #expect(edge.executablePrice <= decision.limitPrice)
            // The executable price is the true average, as Core's own depth walk computes it.
            var merged: [Price: Size] = [:]
            for offer in offers { merged[offer.price, default: .zero] += offer.size }
            var book = OrderBook(instrument: InstrumentID(venue: .polymarket, token: TokenID("t")))
            for (price, size) in merged { book.set(.ask, price, size) }
            let walk = book.walk(buying: decision.size)
            #expect(walk.isComplete)
            #expect(walk.averagePrice == edge.executablePrice)
            #expect(walk.worstPrice == decision.limitPrice)
            #expect(edge.executablePrice >= edge.quotedPrice)
        }
    }

    @Test func nothingWithoutEdgeOnEitherSide() async {
        await propertyCheck(count: 300, input: Self.offers, Gen.double(in: 0.01...1.0), Gen.int(in: 0...5)) { raw, t, choice in
            let offers = Self.book(raw)
            let best = offers.map(\.price).min()!
            // A fair value at or below the best offer, for YES directly and for NO through 1 − p.
            let pBought = best.approximateDouble * t
            let yes = sizing(Self.methods[choice].0, p: pBought, offers: offers, limits: wideLimits())
            let no = sizing(Self.methods[choice].0, p: 1 - pBought, buying: .no, offers: offers, limits: wideLimits())
            for result in [yes, no] {
                #expect(result.decision == nil)
                switch result.decline {
                case .noEdgeAtBestPrice, .probabilityOutOfRange: break
                default: Issue.record("expected no edge, got \(String(describing: result))")
                }
            }
        }
    }

    @Test func moreBankrollNeverGivesLessUnderKellyWithAmpleDepthWithOrWithoutFees() async {
        await propertyCheck(
            count: 300, input: zip(Gen.int(in: 1...99), Gen.int(in: 0...99)).array(of: 1...5), Gen.double(in: 0.02...0.99),
            Gen.int(in: 1...100_000), Gen.int(in: 0...100_000), Gen.int(in: 0...61)
        ) { raw, p, smaller, extra, choice in
            let fees = CurvedFee(rate: Price(units: Int64(choice / 2) * 10_000))
            let offers = raw.map { BookLevel(price: Price(units: Int64($0.0) * 10_000), size: 1_000_000) }
            let method: SizingMethod = choice % 2 == 0 ? .kelly : .fractionalKelly(multiplier: 0.1)
            func sized(_ bankroll: Int) -> Size {
                sizing(
                    method, p: p, offers: offers, fees: fees,
                    limits: wideLimits(bankroll: Amount(integerLiteral: Int64(bankroll)), perOrderCap: 1_000_000_000)
                ).sizeOrZero
            }
            #expect(sized(smaller) <= sized(smaller + extra))
        }
    }

    @Test func feesNeverGiveMore() async {
        await propertyCheck(
            count: 300, input: Self.offers, Gen.double(in: 0.02...0.99), Gen.int(in: 1...30), Gen.int(in: 0...5)
        ) { raw, p, feeCents, choice in
            let offers = Self.book(raw)
            let method = Self.methods[choice].0
            let free = sizing(method, p: p, uncertainty: 0.03, offers: offers, limits: wideLimits())
            let charged = sizing(
                method, p: p, uncertainty: 0.03, offers: offers, fees: CurvedFee(rate: Price(units: Int64(feeCents) * 10_000)),
                limits: wideLimits())
            #expect(charged.sizeOrZero <= free.sizeOrZero)
        }
    }

    @Test func buyingNoWithProbabilityPIsBuyingYesWithOneMinusP() async {
        await propertyCheck(count: 300, input: Self.offers, Gen.int(in: 1...999_999), Gen.int(in: 0...5)) {
            raw, millionths, choice in
            let offers = Self.book(raw)
            let p = Double(millionths) / 1_000_000
            let method = Self.methods[choice].0
            let no = sizing(method, p: p, uncertainty: 0.03, buying: .no, offers: offers, limits: wideLimits())
            let yes = sizing(
                method, p: Double(1_000_000 - millionths) / 1_000_000, uncertainty: 0.03, offers: offers, limits: wideLimits())
            #expect(no.decision == yes.decision)
            #expect(no.edge == yes.edge)
        }
    }
}
