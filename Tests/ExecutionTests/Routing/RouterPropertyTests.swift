import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import PropertyBased
import Testing

/// Random routes decoded from integers, so that a failing case shrinks and replays from its seed.
@Suite("Router: properties")
struct RoutingPropertyTests {
    static let seeds = Gen.int(in: 0...1_000_000_000)

    /// Route `index`: whole-share or 0.01 step, minimum 0, 1 or 5, fee 0, 0.01 or 0.02 a share;
    /// asks 0.30–0.69 of 0.01–10 shares (not necessarily on the step).
    static func routes(configs: [Int], levels: [Int]) -> [Route] {
        configs.enumerated().map { index, seed in
            let asks = levels.enumerated().filter { $0.offset % configs.count == index }.map { _, seed in
                BookLevel(
                    price: Price(units: 300_000 + Int64(seed % 40) * 10_000),
                    size: Size(units: Int64(1 + (seed / 40) % 1_000) * 10_000))
            }
            return testRoute(
                "v\(index)", asks: asks, fee: ["0", "0.01", "0.02"][(seed / 2) % 3], minimum: [0, 1, 5][(seed / 6) % 3],
                step: seed % 2 == 0 ? "1" : "0.01")
        }
    }

    @Test func neverExceedsDepthRespectsMinimumsAndNeverCostsMoreThanTheBestSingleRoute() async {
        await propertyCheck(count: 300, input: Self.seeds.array(of: 1...3), Self.seeds.array(of: 1...12), Self.seeds) {
            Self.checkPlan(configs: $0, levels: $1, wanted: Size(units: Int64(1 + $2 % 3_000) * 10_000))
        }
    }

    // The checks live in synchronous functions: Swift 6.3.1's region checker crashes on them
    // written inline in the async closure.
    static func checkPlan(configs: [Int], levels: [Int], wanted: Size) {
        let routes = Self.routes(configs: configs, levels: levels)
        let singles = routes.compactMap { route -> Amount? in
            guard route.grid.allows(wanted) else { return nil }
            return route.ladder.fill(wanted, fees: route.fees)?.spend
        }
        do {
            let plan = try Router().route(wanted, over: routes)
            #expect(plan.slices.reduce(Size.zero) { $0 + $1.size } == wanted)
            var recomputed = Amount.zero
            for slice in plan.slices {
                let route = routes.first { $0.instrument == slice.instrument }!
                #expect(slice.size <= route.ladder.totalSize, "never more than the depth")
                #expect(route.grid.allows(slice.size), "on the step and not below the minimum")
                #expect(slice.limitPrice.isValid(tick: route.grid.tick))
                #expect(route.ladder.sizeAvailable(atOrBelow: slice.limitPrice) >= slice.size)
                let fill = route.ladder.fill(slice.size, fees: route.fees)!
                #expect(slice.cost == fill.spend)
                recomputed += fill.spend
            }
            #expect(plan.totalCost == recomputed)
            for single in singles { #expect(plan.totalCost <= single, "no dearer than the best single route") }
        } catch {
            #expect(singles.isEmpty, "refused (\(error)) although one route alone could fill")
            switch error {
            case .insufficientDepth(let available, let requested):
                let usable = routes.reduce(Int64(0)) { $0 + $1.grid.floor($1.ladder.totalSize).units }
                #expect(available.units == usable && usable < requested.units)
            case .noFeasibleAllocation: break
            default: Issue.record("unexpected refusal \(error)")
            }
        }
    }

    /// Two whole-share routes with up to 3 levels of 1–6 shares and flat fees: small enough to try
    /// every split, where the router must find the cheapest exactly.
    @Test func findsTheCheapestSplitOnSmallBooks() async {
        await propertyCheck(count: 300, input: Self.seeds.array(of: 2...2), Self.seeds.array(of: 2...6), Self.seeds) {
            Self.checkOptimal(configs: $0, levels: $1, wanted: Int64(1 + $2 % 14))
        }
    }

    static func checkOptimal(configs: [Int], levels: [Int], wanted: Int64) {
        let routes = configs.enumerated().map { index, seed in
            let asks = levels.enumerated().filter { $0.offset % 2 == index }.map { _, seed in
                BookLevel(
                    price: Price(units: 300_000 + Int64(seed % 30) * 10_000),
                    size: Size(integerLiteral: Int64(1 + (seed / 30) % 6)))
            }
            return testRoute("v\(index)", asks: asks, fee: ["0", "0.01", "0.02"][seed % 3], minimum: Int64((seed / 3) % 4))
        }
        var cheapest: Amount?
        for first in 0...wanted {
            var cost = Amount.zero
            var feasible = true
            for (route, part) in zip(routes, [first, wanted - first]) where part > 0 {
                let size = Size(integerLiteral: part)
                guard route.grid.allows(size), let fill = route.ladder.fill(size, fees: route.fees) else {
                    feasible = false
                    break
                }
                cost += fill.spend
            }
            if feasible, cheapest == nil || cost < cheapest! { cheapest = cost }
        }
        let plan = try? Router().route(Size(integerLiteral: wanted), over: routes)
        #expect(plan?.totalCost == cheapest)
    }
}

extension OfferLadder {
    /// The size offered at or below `limit`.
    func sizeAvailable(atOrBelow limit: Price) -> Size {
        Size(units: levels.filter { $0.price <= limit }.reduce(0) { $0 + $1.size.units })
    }
}
