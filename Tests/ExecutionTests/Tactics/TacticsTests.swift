import EdgewiseCore
import EdgewiseExecution
import Testing

let tacticsStart = Timestamp(seconds: 1_700_000_000)
let tacticsInstrument = InstrumentID(venue: "alpha", token: "yes")
let wholeShares = OrderGrid(tick: Price("0.01")!, minimumSize: 5, sizeStep: 1)

@Suite("TWAP schedule")
struct TacticsTWAPTests {
    @Test func equalSlicesWithTheRemainderLastAtEqualIntervals() throws {
        let schedule = try TWAPSchedule(
            total: 100, slices: 3, start: tacticsStart, duration: .seconds(60), sizeStep: 1, minimumSize: 5)
        #expect(schedule.slices.map(\.size) == [33, 33, 34])
        #expect(schedule.slices.map(\.due) == ([0, 20, 40] as [Int64]).map { Timestamp(seconds: 1_700_000_000 + $0) })
        #expect(schedule.slices.map(\.index) == [0, 1, 2])
        #expect(schedule.due(at: Timestamp(seconds: 1_700_000_020), alreadySent: 1).map(\.index) == [1])
        #expect(schedule.nextDue(alreadySent: 3) == nil)
    }

    @Test func fewerSlicesWhenEqualOnesWouldBeBelowTheMinimum() throws {
        let schedule = try TWAPSchedule(
            total: 100, slices: 3, start: tacticsStart, duration: .seconds(60), sizeStep: 1, minimumSize: 40)
        #expect(schedule.slices.map(\.size) == [50, 50])
        #expect(schedule.slices.map(\.due) == [tacticsStart, Timestamp(seconds: 1_700_000_030)])
    }

    @Test func slicesStayOnAFractionalStep() throws {
        let schedule = try TWAPSchedule(
            total: Size("10.01")!, slices: 4, start: tacticsStart, duration: .milliseconds(10), sizeStep: Size("0.01")!)
        #expect(schedule.slices.map(\.size) == [Size("2.5")!, Size("2.5")!, Size("2.5")!, Size("2.51")!])
        #expect(schedule.slices.last!.due == Timestamp(nanoseconds: tacticsStart.nanoseconds + 7_500_000))
    }

    @Test func refusals() {
        #expect(throws: TacticRefusal.belowMinimum(3, smallest: 5)) {
            try TWAPSchedule(total: 3, slices: 2, start: tacticsStart, duration: .seconds(1), sizeStep: 1, minimumSize: 5)
        }
        #expect(throws: TacticRefusal.offStep(Size("10.5")!, step: 1)) {
            try TWAPSchedule(total: Size("10.5")!, slices: 2, start: tacticsStart, duration: .seconds(1), sizeStep: 1)
        }
        #expect(throws: TacticRefusal.invalidCount(0)) {
            try TWAPSchedule(total: 10, slices: 0, start: tacticsStart, duration: .seconds(1), sizeStep: 1)
        }
        #expect(throws: TacticRefusal.negativeDuration) {
            try TWAPSchedule(total: 10, slices: 2, start: tacticsStart, duration: .seconds(-1), sizeStep: 1)
        }
    }
}

@Suite("Staggered entry")
struct TacticsStaggeredEntryTests {
    @Test func aBuyLadderStepsDownFromTheBestAsk() throws {
        // An off-tick reference is rounded down for a buy: the ladder never starts above the ask.
        let entry = try StaggeredEntry(side: .buy, from: Price("0.555")!, spacing: 2, total: 31, rungs: 3, grid: wholeShares)
        #expect(entry.rungs.map(\.price) == [Price("0.55")!, Price("0.53")!, Price("0.51")!])
        #expect(entry.rungs.map(\.size) == [10, 10, 11])
        let intents = entry.intents(instrument: tacticsInstrument, marketID: "m", purpose: .directional, strategy: "s")
        #expect(intents.map(\.side) == [.buy, .buy, .buy])
        #expect(intents.map(\.timeInForce) == [.goodTillCancelled, .goodTillCancelled, .goodTillCancelled])
        #expect(intents.map(\.limitPrice) == entry.rungs.map(\.price))
    }

    @Test func aSellLadderStopsAtTheTopOfTheGrid() throws {
        let entry = try StaggeredEntry(side: .sell, from: Price("0.95")!, spacing: 2, total: 30, rungs: 4, grid: wholeShares)
        #expect(entry.rungs.map(\.price) == [Price("0.95")!, Price("0.97")!, Price("0.99")!])
        #expect(entry.rungs.map(\.size) == [10, 10, 10])
        #expect(throws: TacticRefusal.rungOffGrid(index: 3)) {
            try StaggeredEntry(side: .sell, from: Price("0.95")!, spacing: 2, sizes: [5, 5, 5, 5], grid: wholeShares)
        }
    }

    @Test func refusals() {
        #expect(throws: TacticRefusal.invalidRungSpacing(ticks: 0)) {
            try StaggeredEntry(side: .buy, from: Price("0.5")!, spacing: 0, sizes: [5], grid: wholeShares)
        }
        #expect(throws: TacticRefusal.belowMinimum(4, smallest: 5)) {
            try StaggeredEntry(side: .buy, from: Price("0.5")!, spacing: 1, sizes: [5, 4], grid: wholeShares)
        }
    }
}

@Suite("Exit rules")
struct TacticsExitRulesTests {
    /// 100 shares bought for 50.00: average cost 0.50; stop at 0.40, target at 0.70.
    static let position = Position(instrument: tacticsInstrument, size: 100, costBasis: 50)

    static func rules(fraction: Int = 10_000, slippage: Price? = nil, trailing: Price? = nil) throws -> ExitRules {
        try ExitRules.around(
            averageCost: position.averageCost!, stopDistance: Price("0.1")!, targetDistance: Price("0.2")!,
            trailingDistance: trailing, fractionBasisPoints: fraction, maxSlippage: slippage, grid: wholeShares)
    }

    @Test func holdsBetweenStopAndTarget() throws {
        #expect(
            try Self.rules().evaluate(position: Self.position, bids: [level("0.45", 50)], marketID: "m", strategy: "s") == .hold)
        #expect(try Self.rules().evaluate(position: Self.position, bids: [], marketID: "m", strategy: "s") == .noMark)
    }

    @Test func aStopLossSellsEverythingWalkingTheBids() throws {
        let bids = [level("0.38", 100), level("0.40", 60)]
        let signal = try Self.rules().evaluate(position: Self.position, bids: bids, marketID: "m", strategy: "s")
        let expected = OrderIntent(
            instrument: tacticsInstrument, marketID: "m", side: .sell, limitPrice: Price("0.38")!, size: 100,
            timeInForce: .fillAndKill, purpose: .exit, strategy: "s")
        #expect(signal == .exit(.stopLoss, expected))
        // With at most 0.01 of slippage, the limit stays at 0.39.
        guard
            case .exit(_, let bounded) = try Self.rules(slippage: Price("0.01")!).evaluate(
                position: Self.position, bids: bids, marketID: "m", strategy: "s")
        else {
            Issue.record("no exit")
            return
        }
        #expect(bounded.limitPrice == Price("0.39")!)
    }

    @Test func aTakeProfitSellsTheFraction() throws {
        let signal = try Self.rules(fraction: 5_000).evaluate(
            position: Self.position, bids: [level("0.72", 30), level("0.70", 100)], marketID: "m", strategy: "s")
        guard case .exit(let reason, let intent) = signal else {
            Issue.record("no exit")
            return
        }
        #expect(reason == .takeProfit)
        #expect(intent.size == 50)
        #expect(intent.limitPrice == Price("0.7")!)
    }

    @Test func aTrailingStopFiresOnTheFallFromThePeak() throws {
        let rules = try Self.rules(trailing: Price("0.05")!)
        let peak = ExitRules.peak(after: Price("0.78")!, bids: [level("0.80", 10)])
        #expect(peak == Price("0.8")!)
        let signal = rules.evaluate(position: Self.position, bids: [level("0.75", 200)], peak: peak, marketID: "m", strategy: "s")
        guard case .exit(let reason, let intent) = signal else {
            Issue.record("no exit")
            return
        }
        #expect(reason == .trailingStop)
        #expect(intent.size == 100)
        #expect(
            rules.evaluate(position: Self.position, bids: [level("0.76", 200)], peak: peak, marketID: "m", strategy: "s")
                == .exit(.takeProfit, intent.with(limit: "0.76")))
    }

    @Test func sizesAFractionOnTheStepOrTheWholeWhenTooSmall() throws {
        let half = try Self.rules(fraction: 5_000)
        #expect(half.exitSize(held: 13) == 6)
        #expect(half.exitSize(held: 7) == 7)
        #expect(half.exitSize(held: Size("7.5")!) == 7)
        #expect(half.exitSize(held: 4) == nil)
        let dust = Position(instrument: tacticsInstrument, size: 4, costBasis: 2)
        #expect(
            half.evaluate(position: dust, bids: [level("0.30", 10)], marketID: "m", strategy: "s")
                == .unsellable(.stopLoss, held: 4))
    }

    @Test func refusals() {
        #expect(throws: TacticRefusal.stopNotBelowTarget(stop: Price("0.6")!, target: Price("0.5")!)) {
            try ExitRules(stopLoss: Price("0.6")!, takeProfit: Price("0.5")!, grid: wholeShares)
        }
        #expect(throws: TacticRefusal.invalidFraction(basisPoints: 0)) {
            try ExitRules(stopLoss: Price("0.4")!, fractionBasisPoints: 0, grid: wholeShares)
        }
    }
}

@Suite("Rebalancer")
struct TacticsRebalancerTests {
    let rebalancer = Rebalancer(deadBand: 10, grid: wholeShares)
    let asks = [level("0.52", 100), level("0.50", 30)]
    let bids = [level("0.47", 100), level("0.48", 25)]

    func orders(target: Size, held: Size, maxBuy: Price? = nil) -> [OrderIntent] {
        rebalancer.orders(
            target: target, held: held, asks: asks, bids: bids, instrument: tacticsInstrument, marketID: "m", strategy: "s",
            maxBuyPrice: maxBuy)
    }

    @Test func buysTheShortfall() {
        let intents = orders(target: 100, held: 60)
        #expect(intents.count == 1)
        #expect(intents.first?.side == .buy)
        #expect(intents.first?.size == 40)
        #expect(intents.first?.limitPrice == Price("0.52")!)
        #expect(intents.first?.purpose == .directional)
        // Not above 0.50: only the 30 shown there.
        #expect(orders(target: 100, held: 60, maxBuy: Price("0.5")!).map(\.size) == [30])
    }

    @Test func sellsTheExcessAsAnExit() {
        let intents = orders(target: 20, held: 60)
        #expect(intents.map(\.side) == [.sell])
        #expect(intents.map(\.size) == [40])
        #expect(intents.map(\.limitPrice) == [Price("0.47")!])
        #expect(intents.map(\.purpose) == [.exit])
        #expect(orders(target: 0, held: Size("60.5")!).map(\.size) == [60])
    }

    @Test func leavesSmallDifferencesAlone() {
        #expect(orders(target: 69, held: 60).isEmpty)
        #expect(orders(target: 51, held: 60).isEmpty)
        #expect(orders(target: 70, held: 60).map(\.size) == [10])
        // Above the dead band but below the venue's minimum: nothing either.
        #expect(
            Rebalancer(deadBand: 1, grid: wholeShares).orders(
                target: 63, held: 60, asks: asks, bids: bids, instrument: tacticsInstrument, marketID: "m", strategy: "s"
            ).isEmpty)
    }
}

extension OrderIntent {
    func with(limit: String) -> OrderIntent {
        var copy = self
        copy.limitPrice = Price(limit)!
        return copy
    }
}
