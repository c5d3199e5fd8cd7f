import EdgewiseCore
import Testing
@testable import EdgewiseDecision

/// The per-event cap (15 % of 10,000 = 1,500) on worst-case loss, with the numbers worked out.
@Suite("Risk: per-event exposure")
struct RiskEventExposureTests {
    let engine = RiskEngine(limits: Risk.eventOnly)
    let election = Risk.event(.polymarket, "E", markets: ["M"], partition: false)

    @Test("15 % of 10,000 is 1,500")
    func capOfCapital() {
        #expect(RiskLimits.standard.perEvent.limit(of: 10_000) == 1_500)
        #expect(RiskCap.fraction(basisPoints: 1_500).limit(of: Risk.amount("0.000006")) == .zero)
        #expect(RiskCap.fraction(basisPoints: 1_500).limit(of: Risk.amount("0.000007")) == Amount(units: 1))
        #expect(RiskCap.fraction(basisPoints: 1_500).limit(of: -5) == .zero)
    }

    @Test("a one-sided buy that takes the event to 1,600 is refused with limit, current and after")
    func oneSidedRefused() {
        // Holding 2,000 YES at 0.50 (1,000 at risk); buying 2,000 more YES at 0.30 (600) → 1,600.
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.polymarket, "M"), shares: 2_000, cost: "1000")],
            catalog: RiskCatalog(events: [election]))
        let intent = Risk.intent(Risk.yes(.polymarket, "M"), market: "M", event: "E", price: "0.30", shares: 2_000)
        #expect(
            engine.check(intent, state: state)
                == .refused([.eventExposure(ExposureGroupID("event:polymarket:E"), limit: 1_500, current: 1_000, after: 1_600)]))
    }

    @Test("the same size as the second leg of a hedge (NO of the same market) is approved")
    func hedgeApproved() {
        // YES 2,000 for 1,000 plus NO 2,000 for 600: 1,600 spent, 2,000 paid whatever happens.
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.polymarket, "M"), shares: 2_000, cost: "1000")],
            catalog: RiskCatalog(events: [election]))
        let intent = Risk.intent(Risk.no(.polymarket, "M"), market: "M", event: "E", price: "0.30", shares: 2_000)
        #expect(engine.check(intent, state: state) == .approved)
        var after = state
        after.positions.append(Risk.position(Risk.no(.polymarket, "M"), shares: 2_000, cost: "600"))
        #expect(engine.exposure(after).group(ExposureGroupID("event:polymarket:E")) == .zero)
    }

    @Test("a Dutch-book basket is not blocked, while the same leg in an event without structure is")
    func dutchBook() {
        let positions = [
            Risk.position(Risk.yes(.polymarket, "A"), shares: 2_000, cost: "700"),
            Risk.position(Risk.yes(.polymarket, "B"), shares: 2_000, cost: "700"),
        ]
        let partition = Risk.event(.polymarket, "P", markets: ["A", "B", "C"], partition: true)
        let loose = Risk.event(.polymarket, "P", markets: ["A", "B", "C"], partition: false)
        let lastLeg = Risk.intent(
            Risk.yes(.polymarket, "C"), market: "C", event: "P", price: "0.28", shares: 2_000,
            purpose: .arbitrage(.dutchBook, "opp-1"))

        // Partition: before, only "C wins" loses (1,400); after, every outcome pays 2,000 for 1,960.
        let hedged = Risk.state(positions: positions, catalog: RiskCatalog(events: [partition]))
        #expect(engine.exposure(hedged).group(ExposureGroupID("event:polymarket:P")) == 1_400)
        #expect(engine.check(lastLeg, state: hedged) == .approved)

        // No structure: the legs may all lose, 700 + 700 + 560 = 1,960 at risk.
        let unhedged = Risk.state(positions: positions, catalog: RiskCatalog(events: [loose]))
        #expect(
            engine.check(lastLeg, state: unhedged)
                == .refused([.eventExposure(ExposureGroupID("event:polymarket:P"), limit: 1_500, current: 1_400, after: 1_960)]))
    }

    @Test("resting buys count at limit × remaining size; resting sells do not reduce")
    func openOrdersCount() {
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.polymarket, "M"), shares: 1_000, cost: "500")],
            openOrders: [
                Risk.openOrder(Risk.yes(.polymarket, "M"), market: "M", side: .buy, price: "0.40", shares: 1_500),
                Risk.openOrder(Risk.yes(.polymarket, "M"), market: "M", side: .sell, price: "0.90", shares: 1_000),
            ],
            catalog: RiskCatalog(events: [election]))
        #expect(engine.exposure(state).group(ExposureGroupID("event:polymarket:E")) == 1_100)
        let intent = Risk.intent(Risk.yes(.polymarket, "M"), market: "M", event: "E", price: "0.50", shares: 1_000)
        #expect(
            engine.check(intent, state: state)
                == .refused([.eventExposure(ExposureGroupID("event:polymarket:E"), limit: 1_500, current: 1_100, after: 1_600)]))
    }

    @Test("over the cap already (capital fell), a sell that reduces the exposure still passes")
    func reducingPassesOverCap() {
        let state = Risk.state(
            equity: 5_000, positions: [Risk.position(Risk.yes(.polymarket, "M"), shares: 2_000, cost: "1000")],
            catalog: RiskCatalog(events: [election]))
        let sell = Risk.intent(Risk.yes(.polymarket, "M"), market: "M", event: "E", side: .sell, price: "0.45", shares: 500)
        #expect(engine.check(sell, state: state) == .approved)
        let buy = Risk.intent(Risk.yes(.polymarket, "M"), market: "M", event: "E", price: "0.45", shares: 10)
        #expect(
            engine.check(buy, state: state)
                == .refused([.eventExposure(ExposureGroupID("event:polymarket:E"), limit: 750, current: 1_000, after: Risk.amount("1004.5"))]))
    }

    @Test("an instrument the catalog does not know is grouped by what its intent says")
    func unknownInstrumentUsesIntent() {
        let state = Risk.state(positions: [Risk.position(Risk.yes(.kalshi, "X"), shares: 3_000, cost: "1200")])
        // Without an intent saying otherwise, the position is its own group.
        #expect(engine.exposure(state).groups == [ExposureGroupID("instrument:kalshi:X:yes"): 1_200])
        let other = Risk.intent(Risk.yes(.kalshi, "Y"), market: "Y", price: "0.50", shares: 800)
        #expect(engine.check(other, state: state) == .approved)
    }
}
