import EdgewiseCore
import Testing
@testable import EdgewiseDecision

@Suite("Risk: kill switch")
struct RiskKillSwitchTests {
    // Daily loss 5 % of the start-of-day equity; drawdown 15 % of the peak.
    let engine = RiskEngine()

    @Test("trips on a daily loss of 500 from 10,000 (5 %), not on 499")
    func dailyLoss() {
        #expect(engine.evaluate(Risk.state(equity: 9_501)) == nil)
        #expect(
            engine.evaluate(Risk.state(equity: 9_500))
                == KillSwitchTrip(reason: .dailyLoss(loss: 500, limit: 500, startOfDay: 10_000), at: Risk.now))
    }

    @Test("trips on a drawdown of 1,800 from a 12,000 peak (15 %) even on a winning day")
    func drawdown() {
        #expect(engine.evaluate(Risk.state(equity: 10_201, startOfDay: 10_000, peak: 12_000)) == nil)
        #expect(
            engine.evaluate(Risk.state(equity: 10_200, startOfDay: 10_000, peak: 12_000))
                == KillSwitchTrip(reason: .drawdown(drawdown: 1_800, limit: 1_800, peak: 12_000), at: Risk.now))
    }

    @Test("a tripped switch is not tripped again, and the evaluation keeps the first trip")
    func noRetrip() {
        let first = KillSwitchTrip(reason: .manual("operator"), at: Timestamp(seconds: 1_799_000_000))
        let tripped = KillSwitchState(trip: first)
        #expect(engine.evaluate(Risk.state(equity: 1_000, killSwitch: tripped)) == nil)
        #expect(tripped.tripping(.dailyLoss(loss: 9_000, limit: 500, startOfDay: 10_000), at: Risk.now) == tripped)
        #expect(KillSwitchState.armed.resetting(at: Risk.now) == nil)
        let reset = tripped.resetting(at: Risk.now, note: "checked the books")
        #expect(reset == KillSwitchState(trip: nil, lastReset: .init(cleared: first, at: Risk.now, note: "checked the books")))
    }

    @Test("after tripping every order is refused, exits and arbitrage included, with the reason and time")
    func refusesEverything() {
        let trip = KillSwitchTrip(reason: .dailyLoss(loss: 600, limit: 500, startOfDay: 10_000), at: Timestamp(seconds: 1_799_999_999))
        let state = Risk.state(
            positions: [Risk.position(Risk.yes(.kalshi, "M"), shares: 10, cost: "5")], killSwitch: KillSwitchState(trip: trip))
        let intents = [
            Risk.intent(Risk.yes(.kalshi, "M"), market: "M", price: "0.50", shares: 1),
            Risk.intent(Risk.yes(.kalshi, "M"), market: "M", side: .sell, price: "0.50", shares: 10, purpose: .exit),
            Risk.intent(Risk.no(.kalshi, "M"), market: "M", price: "0.40", shares: 1, purpose: .arbitrage(.crossVenue, "opp")),
        ]
        for intent in intents {
            #expect(engine.check(intent, state: state) == .refused([.killSwitchTripped(trip.reason, since: trip.at)]))
        }
    }

    @Test("the engine tells the order manager to persist the trip and cancel every live order")
    func actions() {
        let live = Risk.openOrder(Risk.yes(.kalshi, "M"), market: "M", side: .buy, price: "0.40", shares: 10)
        var done = Risk.openOrder(Risk.yes(.kalshi, "M"), market: "M", side: .buy, price: "0.40", shares: 10)
        try! done.apply(.rejected(reason: "no", at: Risk.now))
        let losing = Risk.state(equity: 9_000, openOrders: [live, done])
        let trip = KillSwitchTrip(reason: .dailyLoss(loss: 1_000, limit: 500, startOfDay: 10_000), at: Risk.now)
        #expect(engine.actions(losing) == [.tripKillSwitch(trip), .cancelAll([live.id])])
        // Still tripped after a restart: cancel again, nothing new to persist.
        var restarted = losing
        restarted.killSwitch = KillSwitchState(trip: trip)
        #expect(engine.actions(restarted) == [.cancelAll([live.id])])
        #expect(engine.actions(Risk.state(openOrders: [live])) == [])
    }

    @Test("equity watermarks: a new UTC day starts from the first equity seen; the peak survives days")
    func watermarks() {
        let day = Int64(86_400)
        let start = Timestamp(seconds: 20_000 * day + 3_600)
        var marks = EquityWatermarks(first: 10_000, at: start)
        marks = marks.observing(10_400, at: start.adding(seconds: 60))
        marks = marks.observing(9_700, at: start.adding(seconds: 120))
        #expect(marks.startOfDay == 10_000 && marks.peak == 10_400 && marks.last == 9_700 && marks.day == 20_000)
        // An older report changes nothing.
        #expect(marks.observing(1, at: start) == marks)
        let tomorrow = Timestamp(seconds: 20_001 * day)
        marks = marks.observing(9_650, at: tomorrow)
        #expect(marks.startOfDay == 9_650 && marks.peak == 10_400 && marks.day == 20_001)
        #expect(EquityWatermarks.day(of: Timestamp(nanoseconds: -1)) == -1)
        let state = RiskState(now: tomorrow.adding(seconds: 10), equity: 9_100, watermarks: marks)
        #expect(state.startOfDayEquity == 9_650 && state.peakEquity == 10_400)
    }
}
