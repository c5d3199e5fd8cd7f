import EdgewiseCore
import EdgewiseExecution
import PropertyBased
import Testing

/// Tactics on random sizes and books decoded from integers.
@Suite("Tactics: properties")
struct TacticsPropertyTests {
    static let seeds = Gen.int(in: 0...1_000_000_000)

    /// Whole-share or 0.01 step, minimum 0, 1 or 5.
    static func grid(_ seed: Int) -> OrderGrid {
        OrderGrid(
            tick: Price("0.01")!, minimumSize: Size(integerLiteral: [0, 1, 5][(seed / 2) % 3]),
            sizeStep: seed % 2 == 0 ? 1 : Size("0.01")!)
    }

    /// Levels at 0.01–0.99 of 0.01–50 shares.
    static func levels(_ seeds: [Int]) -> [BookLevel] {
        seeds.map {
            BookLevel(price: Price(units: Int64(1 + $0 % 99) * 10_000), size: Size(units: Int64(1 + ($0 / 99) % 5_000) * 10_000))
        }
    }

    // The checks live in synchronous functions: Swift 6.3.1's region checker crashes on them
    // written inline in the async closure.

    @Test func twapSlicesSumToTheSize() async {
        await propertyCheck(count: 300, input: Self.seeds, Gen.int(in: 1...20), Self.seeds) {
            Self.checkTWAP(sizeSeed: $0, count: $1, gridSeed: $2)
        }
    }

    static func checkTWAP(sizeSeed: Int, count: Int, gridSeed: Int) {
        let grid = Self.grid(gridSeed)
        let total = grid.floor(Size(units: Int64(1 + sizeSeed % 100_000) * 10_000))
        let start = Timestamp(seconds: 1_700_000_000)
        do {
            let schedule = try TWAPSchedule(
                total: total, slices: count, start: start, duration: .seconds(Int64(sizeSeed % 3_600)),
                sizeStep: grid.sizeStep, minimumSize: grid.minimumSize)
            #expect(schedule.total == total)
            #expect(!schedule.slices.isEmpty && schedule.slices.count <= count)
            #expect(schedule.slices.allSatisfy { grid.allows($0.size) })
            #expect(zip(schedule.slices, schedule.slices.dropFirst()).allSatisfy { $0.due <= $1.due })
            #expect(schedule.slices.first?.due == start)
            #expect(
                schedule.slices.allSatisfy { $0.due.nanoseconds - start.nanoseconds <= Int64(sizeSeed % 3_600) * 1_000_000_000 })
        } catch {
            #expect(total < grid.smallestOrder, "refused (\(error)) a size that fits one order")
        }
    }

    @Test func exitsNeverSellMoreThanHeld() async {
        await propertyCheck(count: 300, input: Self.seeds, Self.seeds, Self.seeds.array(of: 0...6)) {
            Self.checkExit(positionSeed: $0, ruleSeed: $1, bidSeeds: $2)
        }
    }

    static func checkExit(positionSeed: Int, ruleSeed: Int, bidSeeds: [Int]) {
        let grid = Self.grid(ruleSeed)
        let held = Size(units: Int64(positionSeed % 20_000) * 10_000)
        let position = Position(
            instrument: InstrumentID(venue: "alpha", token: "yes"), size: held, costBasis: Price("0.5")!.cost(of: held))
        guard
            let rules = try? ExitRules(
                stopLoss: Price(units: Int64(1 + (ruleSeed / 6) % 49) * 10_000),
                takeProfit: Price(units: Int64(51 + (ruleSeed / 300) % 49) * 10_000),
                trailingDistance: ruleSeed % 5 == 0 ? Price("0.05")! : nil,
                fractionBasisPoints: 1 + (ruleSeed / 15_000) % 10_000, maxSlippage: ruleSeed % 7 == 0 ? Price("0.02")! : nil,
                grid: grid)
        else {
            Issue.record("valid rules refused")
            return
        }
        let bids = Self.levels(bidSeeds)
        let signal = rules.evaluate(position: position, bids: bids, peak: Price("0.9")!, marketID: "m", strategy: "s")
        switch signal {
        case .exit(_, let intent):
            #expect(intent.size <= held, "never sells more than held")
            #expect(intent.side == .sell && intent.purpose == .exit)
            #expect(grid.allows(intent.size))
            #expect(intent.limitPrice.isValid(tick: grid.tick))
            #expect(intent.limitPrice <= bids.map(\.price).max()!, "the limit is marketable")
        case .hold, .unsellable:
            #expect(!bids.isEmpty)
        case .noMark:
            #expect(bids.isEmpty)
        }
    }

    @Test func theRebalancerNeverGoesShortNorPastTheTarget() async {
        await propertyCheck(count: 300, input: Self.seeds, Self.seeds, Self.seeds.array(of: 0...8)) {
            Self.checkRebalance(sizeSeed: $0, gridSeed: $1, levelSeeds: $2)
        }
    }

    static func checkRebalance(sizeSeed: Int, gridSeed: Int, levelSeeds: [Int]) {
        let grid = Self.grid(gridSeed)
        let held = Size(units: Int64(sizeSeed % 10_000) * 10_000)
        let target = Size(units: Int64((sizeSeed / 10_000) % 10_000) * 10_000)
        let deadBand = Size(integerLiteral: Int64((gridSeed / 6) % 20))
        let levels = Self.levels(levelSeeds)
        let intents = Rebalancer(deadBand: deadBand, grid: grid).orders(
            target: target, held: held, asks: levels, bids: levels, instrument: InstrumentID(venue: "alpha", token: "yes"),
            marketID: "m", strategy: "s")
        #expect(intents.count <= 1)
        let gap = abs(target.units - held.units)
        if gap < deadBand.units { #expect(intents.isEmpty, "inside the dead band") }
        for intent in intents {
            #expect(grid.allows(intent.size))
            switch intent.side {
            case .buy: #expect(held.units + intent.size.units <= target.units, "a buy never passes the target")
            case .sell:
                #expect(intent.size <= held, "never sells more than held: no short")
                #expect(held.units - intent.size.units >= target.units, "a sell never passes the target")
            }
        }
    }
}
