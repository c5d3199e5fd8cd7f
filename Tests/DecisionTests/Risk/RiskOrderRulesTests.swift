import Foundation
import EdgewiseCore
import Testing
@testable import EdgewiseDecision

/// Per-order, per-venue and per-category caps, stale books and risk-off, each with its numbers.
@Suite("Risk: order rules")
struct RiskOrderRulesTests {
    let market = Risk.event(.kalshi, "E", markets: ["M", "N"], partition: false, category: "Politics")

    @Test("per order: 5 % of 10,000 is 500; a 600 buy is refused, a 500 buy passes, sells are not capped")
    func perOrder() {
        let engine = RiskEngine()
        let state = Risk.state(positions: [Risk.position(Risk.yes(.kalshi, "M"), shares: 2_000, cost: "800")])
        #expect(
            engine.check(Risk.intent(Risk.yes(.kalshi, "N"), market: "N", price: "0.30", shares: 2_000), state: state)
                == .refused([.orderTooLarge(limit: 500, notional: 600)]))
        #expect(engine.check(Risk.intent(Risk.yes(.kalshi, "N"), market: "N", price: "0.25", shares: 2_000), state: state) == .approved)
        #expect(
            engine.check(Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.90", shares: 2_000), state: state)
                == .approved)
    }

    @Test("per venue: gross cost counts, hedged or not (2,000 cap, 1,800 committed, +300 refused)")
    func perVenue() {
        let engine = RiskEngine(
            limits: RiskLimits(perEvent: .fraction(basisPoints: 10_000), perOrder: .amount(1_000_000), perVenue: .fraction(basisPoints: 2_000)))
        let state = Risk.state(
            positions: [
                Risk.position(Risk.yes(.kalshi, "M"), shares: 2_000, cost: "1000"),
                Risk.position(Risk.no(.kalshi, "M"), shares: 2_000, cost: "800"),
            ],
            catalog: RiskCatalog(events: [market]))
        let intent = Risk.intent(Risk.yes(.kalshi, "N"), market: "N", price: "0.30", shares: 1_000)
        #expect(engine.check(intent, state: state) == .refused([.venueExposure(.kalshi, limit: 2_000, current: 1_800, after: 2_100)]))
        // Another venue has its own budget.
        let elsewhere = Risk.intent(Risk.yes(.polymarket, "Q"), market: "Q", price: "0.30", shares: 1_000)
        #expect(engine.check(elsewhere, state: state) == .approved)
        // An override raises Kalshi's.
        var raised = engine
        raised.limits.venueOverrides = ["kalshi": .amount(2_100)]
        #expect(raised.check(intent, state: state) == .approved)
    }

    @Test("per category: worst-case losses of the category's events add up (1,000 cap)")
    func perCategory() {
        let other = Risk.event(.polymarket, "F", markets: ["R"], partition: false, category: "Politics")
        let engine = RiskEngine(limits: RiskLimits(perOrder: .amount(1_000_000), categoryOverrides: ["Politics": .amount(1_000)]))
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.kalshi, "M"), shares: 1_000, cost: "700")],
            catalog: RiskCatalog(events: [market, other]))
        let intent = Risk.intent(Risk.yes(.polymarket, "R"), market: "R", event: "F", price: "0.40", shares: 1_000)
        #expect(engine.check(intent, state: state) == .refused([.categoryExposure("Politics", limit: 1_000, current: 700, after: 1_100)]))
        // The category an intent carries counts when the catalog has none.
        let tagged = Risk.intent(Risk.yes(.polymarket, "Z"), market: "Z", category: "Politics", price: "0.40", shares: 1_000)
        #expect(engine.check(tagged, state: state).violations == [.categoryExposure("Politics", limit: 1_000, current: 700, after: 1_100)])
    }

    @Test("a book 5,001 ms old is stale under a 5,000 ms limit; exactly 5,000 ms is not")
    func staleBook() {
        let engine = RiskEngine()
        let state = Risk.state()
        let stale = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", price: "0.10", shares: 100, bookAgeMilliseconds: 5_001)
        #expect(engine.check(stale, state: state) == .refused([.staleBook(ageMilliseconds: 5_001, limitMilliseconds: 5_000)]))
        let fresh = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", price: "0.10", shares: 100, bookAgeMilliseconds: 5_000)
        #expect(engine.check(fresh, state: state) == .approved)
    }

    @Test("without a book only a post-only order may go out")
    func missingBook() {
        let engine = RiskEngine()
        let taking = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", price: "0.10", shares: 100, bookAgeMilliseconds: nil)
        #expect(engine.check(taking, state: Risk.state()) == .refused([.missingBook]))
        let resting = Risk.intent(
            Risk.yes(.kalshi, "M"), market: "M", price: "0.10", shares: 100, bookAgeMilliseconds: nil, postOnly: true)
        #expect(engine.check(resting, state: Risk.state()) == .approved)
    }

    @Test("risk-off lets through arbitrage, exits and sells of held shares, nothing else")
    func riskOff() {
        let engine = RiskEngine(limits: RiskLimits(riskOff: true))
        let state = Risk.state(positions: [Risk.position(Risk.yes(.kalshi, "M"), shares: 100, cost: "40")])
        let directional = Risk.intent(Risk.yes(.kalshi, "N"), market: "N", price: "0.10", shares: 100)
        #expect(engine.check(directional, state: state) == .refused([.riskOff(.directional)]))
        #expect(engine.check(directional, state: state).description.contains("only arbitrage"))
        let arbitrage = Risk.intent(
            Risk.yes(.kalshi, "N"), market: "N", price: "0.10", shares: 100, purpose: .arbitrage(.dutchBook, "opp-2"))
        #expect(engine.check(arbitrage, state: state) == .approved)
        let exit = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.50", shares: 100, purpose: .exit)
        #expect(engine.check(exit, state: state) == .approved)
        let reduce = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.50", shares: 60)
        #expect(engine.check(reduce, state: state) == .approved)
    }

    @Test("a sell beyond the shares held and not already offered is refused")
    func oversell() {
        let engine = RiskEngine()
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.kalshi, "M"), shares: 100, cost: "40")],
            openOrders: [Risk.openOrder(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.60", shares: 70)])
        let sell = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.50", shares: 31)
        #expect(engine.check(sell, state: state) == .refused([.sellExceedsHolding(held: 100, alreadySelling: 70, size: 31)]))
        let fits = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.50", shares: 30)
        #expect(engine.check(fits, state: state) == .approved)
    }

    @Test("several broken rules are all listed")
    func everyViolation() {
        let engine = RiskEngine(limits: RiskLimits(riskOff: true))
        let intent = Risk.intent(Risk.yes(.kalshi, "M"), market: "M", price: "0.50", shares: 4_000, bookAgeMilliseconds: 60_000)
        let violations = engine.check(intent, state: Risk.state()).violations
        #expect(
            violations == [
                .riskOff(.directional), .staleBook(ageMilliseconds: 60_000, limitMilliseconds: 5_000),
                .orderTooLarge(limit: 500, notional: 2_000),
                .eventExposure(ExposureGroupID("market:kalshi:M"), limit: 1_500, current: 0, after: 2_000),
            ])
    }

    @Test("limits decode from partial JSON with every other field at its default")
    func limitsDecode() throws {
        let json = #"{"perEvent":{"fraction":{"basisPoints":1000}},"riskOff":true}"#
        let limits = try JSONDecoder().decode(RiskLimits.self, from: Data(json.utf8))
        var expected = RiskLimits.standard
        expected.perEvent = .fraction(basisPoints: 1_000)
        expected.riskOff = true
        #expect(limits == expected)
        #expect(try JSONDecoder().decode(RiskLimits.self, from: JSONEncoder().encode(expected)) == expected)
    }
}
