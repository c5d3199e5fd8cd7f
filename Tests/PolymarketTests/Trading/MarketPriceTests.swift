import EdgewiseCore
import EdgewisePolymarket
import Testing

@Suite("Polymarket market price")
struct TradingMarketPriceTests {
    // The venue's order: worst first, best last.
    let asks = [
        BookLevel(price: .p("0.6"), size: .s("100")), BookLevel(price: .p("0.55"), size: .s("100")),
        BookLevel(price: .p("0.5"), size: .s("100")),
    ]
    let bids = [
        BookLevel(price: .p("0.15"), size: .s("100")), BookLevel(price: .p("0.31"), size: .s("148.56")),
        BookLevel(price: .p("0.33"), size: .s("58")), BookLevel(price: .p("0.5"), size: .s("100")),
    ]

    @Test func buyWalksUntilTheSpendIsCovered() throws {
        // $50 at 0.5, then $55 at 0.55: $150 is reached on the third level.
        let quote = try PolymarketMarketPrice.walk(.buy(spending: 150), levels: asks, kind: .fillOrKill)
        #expect(quote == PolymarketMarketPrice(price: .p("0.6"), coversQuantity: true, levelsUsed: 3))
    }

    @Test func exactLevelHitStopsThere() throws {
        #expect(try PolymarketMarketPrice.walk(.buy(spending: 50), levels: asks, kind: .fillOrKill).price == Price.p("0.5"))
        #expect(try PolymarketMarketPrice.walk(.buy(spending: 105), levels: asks, kind: .fillOrKill).price == Price.p("0.55"))
        #expect(try PolymarketMarketPrice.walk(.buy(spending: .usdc("105.000001")), levels: asks, kind: .fillOrKill).price == Price.p("0.6"))
        #expect(try PolymarketMarketPrice.walk(.sell(shares: 158), levels: bids, kind: .fillOrKill).price == Price.p("0.33"))
        #expect(try PolymarketMarketPrice.walk(.sell(shares: .s("158.01")), levels: bids, kind: .fillOrKill).price == Price.p("0.31"))
    }

    @Test func sellCountsShares() throws {
        let quote = try PolymarketMarketPrice.walk(.sell(shares: 100), levels: bids, kind: .fillOrKill)
        #expect(quote == PolymarketMarketPrice(price: .p("0.5"), coversQuantity: true, levelsUsed: 1))
    }

    @Test func fillOrKillWithoutEnoughLiquidityIsNoMatch() {
        let buy = PolymarketOrderRejection.noMatch(requested: .buy(spending: 200), available: .buy(spending: 165))
        #expect(throws: buy) { try PolymarketMarketPrice.walk(.buy(spending: 200), levels: asks, kind: .fillOrKill) }
        #expect(buy.description.contains("no match") && buy.description.contains("fill-and-kill"))
        #expect(throws: PolymarketOrderRejection.noMatch(requested: .sell(shares: 1000), available: .sell(shares: .s("406.56")))) {
            try PolymarketMarketPrice.walk(.sell(shares: 1000), levels: bids, kind: .fillOrKill)
        }
    }

    @Test func fillAndKillFallsBackToTheWorstLevel() throws {
        let buy = try PolymarketMarketPrice.walk(.buy(spending: 200), levels: asks, kind: .fillAndKill)
        #expect(buy == PolymarketMarketPrice(price: .p("0.6"), coversQuantity: false, levelsUsed: 3))
        let sell = try PolymarketMarketPrice.walk(.sell(shares: 1000), levels: bids, kind: .fillAndKill)
        #expect(sell == PolymarketMarketPrice(price: .p("0.15"), coversQuantity: false, levelsUsed: 4))
    }

    @Test func emptySideIsNoMatchForBothKinds() {
        for kind in PolymarketMarketOrderKind.allCases {
            #expect(throws: PolymarketOrderRejection.noMatch(requested: .buy(spending: 1), available: .buy(spending: .zero))) {
                try PolymarketMarketPrice.walk(.buy(spending: 1), levels: [BookLevel](), kind: kind)
            }
        }
    }

    @Test func emptyQuantityIsRefused() {
        #expect(throws: PolymarketOrderRejection.nonPositiveQuantity(.sell(shares: .zero))) {
            try PolymarketMarketPrice.walk(.sell(shares: .zero), levels: bids, kind: .fillAndKill)
        }
    }

    @Test func walksTheRightSideOfACoreBook() throws {
        let book = OrderBook(snapshot: BookSnapshot(instrument: InstrumentID(venue: .polymarket, token: "1"), bids: bids, asks: asks))
        #expect(try PolymarketMarketPrice.walk(.buy(spending: 150), book: book, kind: .fillOrKill).price == Price.p("0.6"))
        #expect(try PolymarketMarketPrice.walk(.sell(shares: 158), book: book, kind: .fillOrKill).price == Price.p("0.33"))
    }
}
