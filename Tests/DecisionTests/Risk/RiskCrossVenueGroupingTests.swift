import EdgewiseCore
import Testing
@testable import EdgewiseDecision

/// Markets on two venues linked by an equivalent pair are one underlying event.
@Suite("Risk: cross-venue grouping")
struct RiskCrossVenueGroupingTests {
    let engine = RiskEngine(limits: Risk.eventOnly)
    let poly = Risk.event(.polymarket, "PE", markets: ["P"], partition: false)
    let kalshi = Risk.event(.kalshi, "KE", markets: ["K"], partition: false)
    var p: Market { poly.markets[0] }
    var k: Market { kalshi.markets[0] }
    let held = [Risk.position(Risk.yes(.polymarket, "P"), shares: 2_000, cost: "1000")]

    func state(_ verdict: SettlementVerdict, polarity: PairPolarity = .same) -> RiskState {
        Risk.state(positions: held, catalog: RiskCatalog(events: [poly, kalshi], pairs: [Risk.pair(p, k, verdict, polarity: polarity)]))
    }

    @Test("an equivalent pair puts Polymarket and Kalshi positions in one group, refused at 1,600")
    func equivalentGroupsTogether() {
        let state = state(.equivalent)
        let intent = Risk.intent(Risk.yes(.kalshi, "K"), market: "K", event: "KE", price: "0.30", shares: 2_000)
        // The group is named by its smallest member, the Kalshi event.
        let group = ExposureGroupID("event:kalshi:KE")
        #expect(
            engine.check(intent, state: state) == .refused([.eventExposure(group, limit: 1_500, current: 1_000, after: 1_600)]))
        let grouping = ExposureGrouping(catalog: state.catalog, instruments: [Risk.yes(.polymarket, "P"), Risk.yes(.kalshi, "K")])
        #expect(grouping.group(of: Risk.yes(.polymarket, "P")) == group)
        #expect(grouping.group(of: Risk.yes(.kalshi, "K")) == group)
    }

    @Test("the other side on the other venue is a hedge: approved and nothing at risk")
    func crossVenueHedge() {
        let intent = Risk.intent(
            Risk.no(.kalshi, "K"), market: "K", event: "KE", price: "0.30", shares: 2_000,
            purpose: .arbitrage(.crossVenue, "opp-x"))
        #expect(engine.check(intent, state: state(.equivalent)) == .approved)
        var after = state(.equivalent)
        after.positions.append(Risk.position(Risk.no(.kalshi, "K"), shares: 2_000, cost: "600"))
        #expect(engine.exposure(after).groups == [ExposureGroupID("event:kalshi:KE"): .zero])
    }

    @Test("with inverted polarity, Kalshi YES hedges Polymarket YES and Kalshi NO adds to it")
    func invertedPolarity() {
        let state = state(.equivalent, polarity: .inverted)
        let hedge = Risk.intent(Risk.yes(.kalshi, "K"), market: "K", event: "KE", price: "0.30", shares: 2_000)
        #expect(engine.check(hedge, state: state) == .approved)
        let same = Risk.intent(Risk.no(.kalshi, "K"), market: "K", event: "KE", price: "0.30", shares: 2_000)
        #expect(
            engine.check(same, state: state)
                == .refused([.eventExposure(ExposureGroupID("event:kalshi:KE"), limit: 1_500, current: 1_000, after: 1_600)]))
    }

    @Test("a pair judged not equivalent, or still awaiting review, links nothing", arguments: [SettlementVerdict.notEquivalent, .needsReview])
    func notEquivalentSeparate(verdict: SettlementVerdict) {
        let state = state(verdict)
        let intent = Risk.intent(Risk.yes(.kalshi, "K"), market: "K", event: "KE", price: "0.30", shares: 2_000)
        #expect(engine.check(intent, state: state) == .approved)
        // And NO on Kalshi is no hedge either: it is a separate 600 at risk.
        var after = state
        after.positions.append(Risk.position(Risk.no(.kalshi, "K"), shares: 2_000, cost: "600"))
        #expect(
            engine.exposure(after).groups == [ExposureGroupID("event:polymarket:PE"): 1_000, ExposureGroupID("event:kalshi:KE"): 600])
    }

    @Test("a pair joins whole events: another market of the Kalshi event counts in the same group")
    func pairJoinsEvents() {
        let kalshiTwo = Risk.event(.kalshi, "KE", markets: ["K", "K2"], partition: false)
        let state = Risk.state(
            positions: held,
            catalog: RiskCatalog(events: [poly, kalshiTwo], pairs: [Risk.pair(p, kalshiTwo.markets[0], .equivalent)]))
        let intent = Risk.intent(Risk.yes(.kalshi, "K2"), market: "K2", event: "KE", price: "0.25", shares: 2_400)
        #expect(
            engine.check(intent, state: state)
                == .refused([.eventExposure(ExposureGroupID("event:kalshi:KE"), limit: 1_500, current: 1_000, after: 1_600)]))
    }

    @Test("a pair known only from the pair list (markets not in the catalog) still links and hedges")
    func pairOnly() {
        let state = Risk.state(positions: held, catalog: RiskCatalog(pairs: [Risk.pair(p, k, .equivalent)]))
        let hedge = Risk.intent(Risk.no(.kalshi, "K"), market: "K", price: "0.30", shares: 2_000)
        #expect(engine.check(hedge, state: state) == .approved)
        let more = Risk.intent(Risk.yes(.kalshi, "K"), market: "K", price: "0.30", shares: 2_000)
        #expect(engine.check(more, state: state).violations.count == 1)
    }
}
