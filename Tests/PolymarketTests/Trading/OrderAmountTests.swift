import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Testing

@Suite("Polymarket order amounts")
struct TradingOrderAmountTests {
    /// The float artifact named in venues.md §1.4: the TypeScript test is right, Python is not.
    @Test func marketBuyAtFiftySevenCentsFollowsTypeScript() throws {
        let amounts = try PolymarketOrderAmounts.market(.buy(spending: 1), price: .p("0.57"), tickSize: .oneHundredth)
        #expect(amounts.makerAmount == 1_000_000)
        #expect(amounts.takerAmount == 1_754_300)
        #expect(amounts.collateral == Amount.usdc("1"))
        #expect(amounts.shares == Size.s("1.7543"))
    }

    @Test func limitRoundsPriceHalfUpAndSizeDown() throws {
        // 0.565 → 0.57 at two places; 10.019 shares → 10.01.
        let amounts = try PolymarketOrderAmounts.limit(side: .buy, price: .p("0.565"), size: .s("10.019"), tickSize: .oneHundredth)
        #expect(amounts.price == Price.p("0.57"))
        #expect(amounts.takerAmount == 10_010_000)
        #expect(amounts.makerAmount == 5_705_700)
    }

    @Test func marketRoundsPriceDown() throws {
        let amounts = try PolymarketOrderAmounts.market(.sell(shares: .s("10")), price: .p("0.569"), tickSize: .oneHundredth)
        #expect(amounts.price == Price.p("0.56"))
        #expect(amounts.makerAmount == 10_000_000)
        #expect(amounts.takerAmount == 5_600_000)
    }

    @Test func largestOfficialAmountFitsExactly() throws {
        let amounts = try PolymarketOrderAmounts.market(.buy(spending: .usdc("949.9971")), price: .p("0.0039"), tickSize: .oneTenThousandth)
        #expect(amounts.takerAmount == 243_587_179_487)
    }

    @Test func quantitiesThatRoundAwayAreRejected() {
        #expect(throws: PolymarketOrderRejection.sizeRoundsToZero(.s("0.009"))) {
            try PolymarketOrderAmounts.limit(side: .buy, price: .p("0.5"), size: .s("0.009"), tickSize: .oneHundredth)
        }
        #expect(throws: PolymarketOrderRejection.amountRoundsToZero(.usdc("0.009"))) {
            try PolymarketOrderAmounts.market(.buy(spending: .usdc("0.009")), price: .p("0.5"), tickSize: .oneHundredth)
        }
        #expect(throws: PolymarketOrderRejection.nonPositiveQuantity(.buy(spending: .zero))) {
            try PolymarketOrderAmounts.market(.buy(spending: .zero), price: .p("0.5"), tickSize: .oneHundredth)
        }
        #expect(throws: PolymarketOrderRejection.sizeRoundsToZero(.s("0.001"))) {
            try PolymarketOrderAmounts.market(.sell(shares: .s("0.001")), price: .p("0.5"), tickSize: .oneHundredth)
        }
        #expect(throws: PolymarketOrderRejection.priceRoundsToZero(price: .p("0.004"), decimals: 2)) {
            try PolymarketOrderAmounts.market(.sell(shares: .s("1")), price: .p("0.004"), tickSize: .oneHundredth)
        }
    }

    @Test func amountsTooLargeForBaseUnitsAreRejected() {
        // 9e12 USDC at 0.0001 would be 9e16 shares: 9e22 base units.
        #expect(throws: PolymarketOrderRejection.amountOverflow) {
            try PolymarketOrderAmounts.market(
                .buy(spending: Amount(units: 9_000_000_000_000_000_000)), price: .p("0.0001"), tickSize: .oneTenThousandth)
        }
    }

    /// Invariants over random orders on every tick: exact products, nothing promised beyond what
    /// the inputs pay for, and no leg with more decimals than the venue allows.
    @Test(arguments: [UInt64(1), 42, 0xED6E_0153])
    func randomOrdersKeepTheInvariants(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let tick = PolymarketTickSize.allCases.randomElement(using: &random)!
            let steps = (tick.validPrices.upperBound.units - tick.validPrices.lowerBound.units) / tick.price.units
            let price = Price(units: tick.price.units * Int64.random(in: 1...(steps + 1), using: &random))
            let side: OrderSide = Bool.random(using: &random) ? .buy : .sell
            let shareLot: Int64 = 10_000  // 0.01 share: two size decimals
            let amountLot = Int64(pow10(FixedPoint.scale - tick.amountDecimals))
            let context = "seed \(seed) tick \(tick) price \(price) side \(side)"

            // Limit: size with up to six decimals, up to a million shares.
            let size = Size(units: Int64.random(in: 10_000...1_000_000_000_000, using: &random))
            let limit = try PolymarketOrderAmounts.limit(side: side, price: price, size: size, tickSize: tick)
            let shares = Int128(limit.shares.units)
            let usdc = Int128(limit.collateral.units)
            #expect(usdc * 1_000_000 == shares * Int128(price.units), "limit: USDC == shares × price exactly — \(context) size \(size)")
            #expect(shares <= Int128(size.units), "limit: never more shares than asked — \(context) size \(size)")
            #expect(size.units - Int64(shares) < shareLot, "limit: only the sub-lot remainder is dropped — \(context) size \(size)")
            #expect(Int64(shares) % shareLot == 0, "limit: shares have two decimals — \(context) size \(size)")
            #expect(Int64(usdc) % amountLot == 0, "limit: USDC within amount decimals — \(context) size \(size)")
            #expect(limit.price == price)

            // Market BUY: spend with up to six decimals, up to 100k USDC.
            let spend = Amount(units: Int64.random(in: 10_000...100_000_000_000, using: &random))
            let buy = try PolymarketOrderAmounts.market(.buy(spending: spend), price: price, tickSize: tick)
            let maker = Int128(buy.makerAmount)
            let taker = Int128(buy.takerAmount)
            #expect(maker <= Int128(spend.units) && Int64(maker) % shareLot == 0, "market buy: spend floored to cents — \(context) spend \(spend)")
            #expect(taker * Int128(price.units) <= maker * 1_000_000, "market buy: shares cost no more than the spend — \(context) spend \(spend)")
            #expect(
                (taker + Int128(amountLot)) * Int128(price.units) > maker * 1_000_000,
                "market buy: shares truncated by less than one step — \(context) spend \(spend)")
            #expect(Int64(taker) % amountLot == 0, "market buy: shares within amount decimals — \(context) spend \(spend)")

            // Market SELL.
            let sell = try PolymarketOrderAmounts.market(.sell(shares: size), price: price, tickSize: tick)
            #expect(Int128(sell.takerAmount) * 1_000_000 == Int128(sell.makerAmount) * Int128(price.units), "market sell: exact — \(context) size \(size)")
            #expect(sell.makerAmount <= UInt64(size.units) && sell.makerAmount % UInt64(shareLot) == 0, "market sell: shares floored — \(context)")
            #expect(Int64(sell.takerAmount) % amountLot == 0, "market sell: USDC within amount decimals — \(context) size \(size)")
        }
    }

    private func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
