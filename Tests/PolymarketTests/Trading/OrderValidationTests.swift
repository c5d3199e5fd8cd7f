import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket order validation")
struct TradingOrderValidationTests {
    let rules = PolymarketMarketRules(minimumTickSize: .oneHundredth, minimumOrderSize: .s("5"))

    @Test func validLimitOrderIsPriced() throws {
        let amounts = try rules.limitOrder(side: .buy, price: .p("0.56"), size: .s("21.04"))
        #expect(amounts.makerAmount == 11_782_400)
        #expect(amounts.takerAmount == 21_040_000)
    }

    @Test func offTickPriceIsRefusedNotRounded() throws {
        let error = PolymarketOrderRejection.priceNotOnTick(price: .p("0.555"), tick: .oneHundredth)
        #expect(throws: error) { try rules.limitOrder(side: .buy, price: .p("0.555"), size: .s("10")) }
        #expect(error.description.contains("0.55") && error.description.contains("0.56"))
        #expect(error.description.contains("not rounded"))
    }

    @Test func priceOutsideTickToOneMinusTickIsRefused() {
        for text in ["0", "1", "1.5"] {
            #expect(throws: PolymarketOrderRejection.priceOutOfRange(price: .p(text), tick: .oneHundredth), "price \(text)") {
                try rules.limitOrder(side: .sell, price: .p(text), size: .s("10"))
            }
        }
        #expect(throws: Never.self) { try rules.validatePrice(.p("0.01")) }
        #expect(throws: Never.self) { try rules.validatePrice(.p("0.99")) }
        #expect(PolymarketOrderRejection.priceOutOfRange(price: .p("1"), tick: .oneHundredth).description.contains("0.01…0.99"))
    }

    @Test func tickFinerThanTheMarketsIsRefused() {
        #expect(throws: PolymarketOrderRejection.tickFinerThanMarket(requested: .oneThousandth, market: .oneHundredth)) {
            try rules.limitOrder(side: .buy, price: .p("0.555"), size: .s("10"), tickSize: .oneThousandth)
        }
    }

    @Test func coarserTickMustAlsoFitTheMarketsGrid() throws {
        let fine = PolymarketMarketRules(minimumTickSize: .oneThousandth, minimumOrderSize: .s("5"))
        #expect(throws: PolymarketOrderRejection.priceNotOnTick(price: .p("0.555"), tick: .oneHundredth)) {
            try fine.limitOrder(side: .buy, price: .p("0.555"), size: .s("10"), tickSize: .oneHundredth)
        }
        // 0.0025 is coarser than 0.001 but not on its grid.
        #expect(throws: PolymarketOrderRejection.priceNotOnTick(price: .p("0.0025"), tick: .oneThousandth)) {
            try fine.limitOrder(side: .buy, price: .p("0.0025"), size: .s("10"), tickSize: .twentyFiveTenThousandths)
        }
        let amounts = try fine.limitOrder(side: .buy, price: .p("0.55"), size: .s("10"), tickSize: .oneHundredth)
        #expect(amounts.makerAmount == 5_500_000)
    }

    @Test func sizeBelowMinimumAfterFlooringIsRefused() {
        // 4.999 shares is 4.99 once rounded to the venue's two decimals.
        let error = PolymarketOrderRejection.sizeBelowMinimum(size: .s("4.99"), minimum: .s("5"))
        #expect(throws: error) { try rules.limitOrder(side: .buy, price: .p("0.5"), size: .s("4.999")) }
        #expect(error.description.contains("at least 5"))
        #expect(throws: Never.self) { try rules.limitOrder(side: .buy, price: .p("0.5"), size: .s("5.001")) }
    }

    @Test func sizeThatFloorsToZeroIsRefused() {
        let anySize = PolymarketMarketRules(minimumTickSize: .oneHundredth, minimumOrderSize: .zero)
        #expect(throws: PolymarketOrderRejection.sizeRoundsToZero(.s("0.004"))) {
            try anySize.limitOrder(side: .sell, price: .p("0.5"), size: .s("0.004"))
        }
    }

    @Test func marketOrderIsCheckedAndPriced() throws {
        #expect(throws: PolymarketOrderRejection.priceNotOnTick(price: .p("0.565"), tick: .oneHundredth)) {
            try rules.marketOrder(.buy(spending: 10), price: .p("0.565"))
        }
        #expect(throws: PolymarketOrderRejection.amountRoundsToZero(.usdc("0.001"))) {
            try rules.marketOrder(.buy(spending: .usdc("0.001")), price: .p("0.5"))
        }
        let amounts = try rules.marketOrder(.buy(spending: 100), price: .p("0.56"))
        #expect(amounts.takerAmount == 178_571_400)
    }

    @Test func marketOrderPricedFromTheBook() throws {
        let book = OrderBook(snapshot: BookSnapshot(
            instrument: InstrumentID(venue: .polymarket, token: "1"),
            bids: [BookLevel(price: .p("0.4"), size: .s("50"))],
            asks: [BookLevel(price: .p("0.6"), size: .s("100")), BookLevel(price: .p("0.55"), size: .s("100"))]))
        let buy = try rules.marketOrder(.buy(spending: 100), book: book, kind: .fillOrKill)
        #expect(buy.price == Price.p("0.6"))
        #expect(buy.makerAmount == 100_000_000)
        #expect(buy.takerAmount == 166_666_600)
        #expect(throws: PolymarketOrderRejection.noMatch(requested: .sell(shares: 60), available: .sell(shares: 50))) {
            try rules.marketOrder(.sell(shares: 60), book: book, kind: .fillOrKill)
        }
    }

    @Test func balanceRequirements() throws {
        let buy = try rules.limitOrder(side: .buy, price: .p("0.5"), size: .s("10"))
        #expect(buy.notional == Amount.usdc("5"))
        #expect(buy.requiredBalance() == .collateral(.usdc("5")))
        #expect(buy.requiredBalance(fee: .usdc("0.0625")) == .collateral(.usdc("5.0625")))
        #expect(throws: PolymarketOrderRejection.insufficientCollateral(required: .usdc("5"), available: .usdc("4.99"))) {
            try buy.requiredBalance().check(collateral: .usdc("4.99"), shares: .zero)
        }
        #expect(throws: Never.self) { try buy.requiredBalance().check(collateral: .usdc("5"), shares: .zero) }

        let sell = try rules.limitOrder(side: .sell, price: .p("0.5"), size: .s("10"))
        #expect(sell.notional == Amount.usdc("5"))
        #expect(sell.requiredBalance() == .shares(.s("10")))
        #expect(throws: PolymarketOrderRejection.insufficientShares(required: .s("10"), available: .s("9.99"))) {
            try sell.requiredBalance().check(collateral: .usdc("1000"), shares: .s("9.99"))
        }
        #expect(throws: Never.self) { try sell.requiredBalance().check(collateral: .zero, shares: .s("10")) }
    }

    @Test(.requiresSharedFixtures) func rulesFromTheCompactMarketRecord() throws {
        let info = try JSONDecoder().decode(ClobMarketInfo.self, from: Fixtures.restSample("GET /clob-markets/{conditionId} (V2 compact market info)"))
        #expect(try info.orderRules() == PolymarketMarketRules(minimumTickSize: .oneHundredth, minimumOrderSize: .s("5")))
    }

    @Test func recordWithoutATickHasNoRules() throws {
        let info = try JSONDecoder().decode(ClobMarketInfo.self, from: Data(#"{"c":"0xabc","mos":5}"#.utf8))
        #expect(throws: PolymarketMappingError.self) { try info.orderRules() }
        let odd = try JSONDecoder().decode(ClobMarketInfo.self, from: Data(#"{"c":"0xabc","mts":0.02,"mos":5}"#.utf8))
        #expect(throws: PolymarketMappingError.self) { try odd.orderRules() }
    }
}
