import EdgewiseCore
import EdgewiseExecution
import Testing

@Suite("Router: worked examples")
struct RoutingRouterTests {
    let router = Router()

    @Test func splitsAcrossVenuesToTheCheapestSharesNetOfFees() throws {
        // alpha: 0.50 and 0.52, no fee. beta: 0.49 and 0.51 plus 0.01 a share, so 0.50 and 0.52 all in.
        let alpha = testRoute("alpha", asks: [level("0.52", 100), level("0.50", 100)], minimum: 5, step: "0.01")
        let beta = testRoute("beta", asks: [level("0.49", 50), level("0.51", 200)], fee: "0.01", minimum: 1)
        let plan = try router.route(150, over: [beta, alpha])
        // 100 at 0.50 on alpha (50.00) and 50 at 0.49 + 0.50 fee on beta (25.00).
        #expect(plan.slices.map(\.instrument) == [routingInstrument("alpha"), routingInstrument("beta")])
        #expect(plan.slices.map(\.size) == [100, 50])
        #expect(plan.slices.map(\.limitPrice) == [Price("0.5")!, Price("0.49")!])
        #expect(plan.slices.map(\.cost) == [Amount("50")!, Amount("25")!])
        #expect(plan.totalCost == Amount("75")!)
        #expect(plan.fees == Amount("0.5")!)
        #expect(plan.averagePrice == Price("0.496667")!)
        #expect(plan.allInPricePerShare == Price("0.5")!)
        // Alone, alpha would cost 76.00 and beta 77.00.
    }

    @Test func aSliceBelowAVenueMinimumIsReallocated() throws {
        // The cheapest 3 shares are on alpha, but alpha takes no order under 5: 3 at 0.40 and 2 at
        // 0.60 there plus 7 on beta costs 5.55, more than all 12 on beta at 0.45 (5.40).
        let alpha = testRoute("alpha", asks: [level("0.40", 3), level("0.60", 100)], minimum: 5, step: "0.01")
        let beta = testRoute("beta", asks: [level("0.45", 100)], minimum: 1)
        let plan = try router.route(12, over: [alpha, beta])
        #expect(plan.slices.count == 1)
        #expect(plan.slices[0].instrument == routingInstrument("beta"))
        #expect(plan.slices[0].size == 12)
        #expect(plan.totalCost == Amount("5.4")!)
    }

    @Test func aFeeCanMakeTheLowerOfferTheDearerRoute() throws {
        let alpha = testRoute("alpha", asks: [level("0.50", 100)], fee: "0.03")
        let beta = testRoute("beta", asks: [level("0.52", 100)])
        let plan = try router.route(100, over: [alpha, beta])
        #expect(plan.slices.map(\.instrument) == [routingInstrument("beta")])
        #expect(plan.totalCost == Amount("52")!)
    }

    @Test func equalCostsGoToTheEarlierVenue() throws {
        let alpha = testRoute("alpha", asks: [level("0.50", 100)])
        let beta = testRoute("beta", asks: [level("0.50", 100)])
        let plan = try router.route(10, over: [beta, alpha])
        #expect(plan.slices.map(\.instrument) == [routingInstrument("alpha")])
    }

    @Test func sizesFollowEachVenuesStep() throws {
        // 10.5 shares: beta only trades whole shares, so the half share must go to alpha.
        let alpha = testRoute("alpha", asks: [level("0.60", 100)], step: "0.01")
        let beta = testRoute("beta", asks: [level("0.50", 100)], step: "1")
        let plan = try router.route(Size("10.5")!, over: [alpha, beta])
        #expect(plan.slices.map(\.size) == [Size("0.5")!, 10])
        #expect(plan.totalCost == Amount("5.3")!)
    }

    @Test func refusesWhenAllRoutesTogetherHoldTooLittle() {
        // 30.5 shown on a whole-share venue is 30 usable.
        let alpha = testRoute("alpha", asks: [level("0.50", 50)])
        let beta = testRoute("beta", asks: [BookLevel(price: Price("0.5")!, size: Size("30.5")!)])
        #expect(throws: RoutingRefusal.insufficientDepth(available: 80, wanted: 100)) {
            try router.route(100, over: [alpha, beta])
        }
    }

    @Test func refusesWhenNoSplitMeetsTheMinimums() {
        let alpha = testRoute("alpha", asks: [level("0.50", 50)], minimum: 5)
        #expect(throws: RoutingRefusal.noFeasibleAllocation(wanted: 3)) { try router.route(3, over: [alpha]) }
        // Half a share cannot be bought where only whole shares trade, however deep the books.
        let beta = testRoute("beta", asks: [level("0.50", 50)])
        #expect(throws: RoutingRefusal.noFeasibleAllocation(wanted: Size("10.5")!)) {
            try router.route(Size("10.5")!, over: [alpha, beta])
        }
        #expect(throws: RoutingRefusal.tooManyRoutes(count: 2, limit: 1)) {
            try Router(maxRoutes: 1).route(1, over: [alpha, beta])
        }
        #expect(throws: RoutingRefusal.zeroSize) { try router.route(0, over: [alpha]) }
        #expect(throws: RoutingRefusal.noRoutes) { try router.route(1, over: []) }
        #expect(throws: RoutingRefusal.duplicateRoute(routingInstrument("alpha"))) {
            try router.route(1, over: [alpha, alpha])
        }
    }

    @Test func intentsCarryThePlan() throws {
        let alpha = testRoute("alpha", asks: [level("0.50", 10), level("0.55", 10)])
        let plan = try router.route(15, over: [alpha])
        let intents = plan.intents(purpose: .directional, strategy: "s")
        #expect(intents.count == 1)
        #expect(intents[0].side == .buy)
        #expect(intents[0].limitPrice == Price("0.55")!)
        #expect(intents[0].size == 15)
        #expect(intents[0].marketID == MarketID("alpha-m"))
        #expect(intents[0].purpose == .directional)
        #expect(intents[0].timeInForce == .fillAndKill)
        #expect(plan.totalCost == Amount("7.75")!)
    }
}

@Suite("Router: routes from a market pair")
struct RoutingPairTests {
    static let at = Timestamp(seconds: 1_700_000_000)

    static func pair(_ polarity: PairPolarity, equivalent: Bool) -> MarketPair {
        MarketPair(
            a: PairedMarket(
                venue: "alpha", marketID: "A", question: "Will it rain?", yes: routingInstrument("alpha", "ay"),
                no: routingInstrument("alpha", "an")),
            b: PairedMarket(
                venue: "beta", marketID: "B", question: "Will it stay dry?", yes: routingInstrument("beta", "by"),
                no: routingInstrument("beta", "bn")),
            polarity: polarity, assessment: SettlementAssessment(findings: [], checkedAt: at),
            override: equivalent ? PairOverride(verdict: .equivalent, at: at) : nil)
    }

    static let terms = RouteTerms(fees: NoFees(), grid: OrderGrid(tick: Price("0.01")!, sizeStep: 1))

    @Test func invertedPolarityBuysTheOtherSideOnB() throws {
        let books = [routingInstrument("beta", "bn"): [level("0.40", 10)]]
        let allTerms = [
            routingInstrument("alpha", "ay"): Self.terms, routingInstrument("alpha", "an"): Self.terms,
            routingInstrument("beta", "by"): Self.terms, routingInstrument("beta", "bn"): Self.terms,
        ]
        let routes = try Route.routes(for: .yes, on: Self.pair(.inverted, equivalent: true), books: books, terms: allTerms)
        #expect(routes.map(\.instrument) == [routingInstrument("alpha", "ay"), routingInstrument("beta", "bn")])
        #expect(routes.map(\.marketID) == ["A", "B"])
        #expect(routes[0].offers.isEmpty)
        #expect(routes[1].offers == [level("0.40", 10)])
        let same = try Route.routes(for: .no, on: Self.pair(.same, equivalent: true), books: books, terms: allTerms)
        #expect(same.map(\.instrument) == [routingInstrument("alpha", "an"), routingInstrument("beta", "bn")])
    }

    @Test func onlyAnEquivalentPairIsRouted() {
        let pair = Self.pair(.same, equivalent: false)
        #expect(throws: RoutingRefusal.pairNotEquivalent(pair.id, .needsReview)) {
            try Route.routes(for: .yes, on: pair, books: [:], terms: [:])
        }
        #expect(throws: RoutingRefusal.unknownTerms(routingInstrument("alpha", "ay"))) {
            try Route.routes(for: .yes, on: Self.pair(.same, equivalent: true), books: [:], terms: [:])
        }
    }
}
