import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision
import Foundation
import Testing

/// The arbitrage strategy through a real host: radar opportunities in, baskets (or noted
/// passes) out.
@Suite("Arbitrage strategy")
struct ArbitrageStrategyTests {
    static let id: StrategyID = "arb"

    /// A two-leg Dutch book on markets `a` and `b` (one share of each YES pays 1), priced at
    /// `size` baskets with the given curve; legs are priced at 0.45 and 0.48.
    static func dutchBook(
        kind: OpportunityKind = .dutchBook, group: String = "event-1", size: Int64 = 100,
        curve: [(size: Int64, cost: String)] = [(10, "9.3"), (50, "46.5"), (100, "93"), (150, "142")],
        at time: Timestamp = Clock.at(0)
    ) -> Opportunity {
        let points = curve.map { point in
            ProfitPoint(size: Size(integerLiteral: point.size), cost: Amount(point.cost)!, payout: Amount(integerLiteral: point.size))
        }
        let priced = points.first { $0.size == Size(integerLiteral: size) }!
        let legs = [("a", "0.45"), ("b", "0.48")].map { market, limit in
            OpportunityLeg(
                venue: .polymarket, marketID: MarketID(market), instrument: yesToken(market), outcome: .yes, side: .buy,
                limitPrice: Price(limit)!, size: Size(integerLiteral: size), notional: Price(limit)!.cost(of: Size(integerLiteral: size)),
                fee: .zero, label: market)
        }
        return Opportunity(
            kind: kind, group: group, title: "a or b", legs: legs, size: Size(integerLiteral: size), payoutPerBasket: 1,
            cost: priced.cost, fees: .zero, payout: priced.payout, maxSize: points.last!.size, curve: points,
            resolutionTime: nil, seenAt: time)
    }

    static func host(_ settings: ArbitrageSettings) -> StrategyHost {
        var host = StrategyHost(strategies: [ArbitrageStrategy(id: id, settings: settings)], portfolio: Portfolio(cash: 1_000))
        _ = host.handle(.market(binaryMarket("a", event: "event-1")), at: Clock.at(0))
        _ = host.handle(.market(binaryMarket("b", event: "event-1")), at: Clock.at(0))
        _ = host.handle(bookInput(yesToken("a"), asks: [("0.45", 500)], receivedAt: Clock.at(0)), at: Clock.at(0))
        _ = host.handle(bookInput(yesToken("b"), asks: [("0.48", 500)], receivedAt: Clock.at(0.5)), at: Clock.at(0.5))
        return host
    }

    static let uncapped = ArbitrageSettings(maximumCostPerBasket: nil)

    @Test("an opened opportunity becomes one basket: every leg bought at the radar's limit, its size, fill-and-kill, tagged")
    func opened() throws {
        var host = Self.host(ArbitrageSettings(maximumCostPerBasket: nil, maxSlippage: Price("0.02")!, legTimeBudgetSeconds: 3))
        let opportunity = Self.dutchBook()
        let actions = host.handle(.opportunity(.opened(opportunity)), at: Clock.at(1))
        let basket = try #require(actions.baskets.first)
        #expect(actions.baskets.count == 1)
        #expect(basket.opportunityID == opportunity.id)
        #expect(basket.kind == .dutchBook)
        #expect(basket.size == 100)
        #expect(basket.expectedProfit == Amount("7")!)
        #expect(basket.maxSlippage == Price("0.02")!)
        #expect(basket.timeBudget == .seconds(3))
        #expect(basket.legs.map(\.instrument) == [yesToken("a"), yesToken("b")])
        #expect(basket.legs.map(\.limitPrice) == [Price("0.45")!, Price("0.48")!])
        for leg in basket.legs {
            #expect(leg.size == 100)
            #expect(leg.side == .buy)
            #expect(leg.timeInForce == .fillAndKill)
            #expect(leg.purpose == .arbitrage(.dutchBook, opportunity.id))
            #expect(leg.strategy == "arb")
            #expect(leg.eventID == "event-1")
        }
        #expect(basket.legs.map(\.bookReceivedAt) == [Clock.at(0), Clock.at(0.5)])
        #expect(Set(basket.legs.compactMap(\.decisionID)).count == 1)
    }

    @Test("no second basket while one for the same opportunity is in flight; the next one once its legs have ended")
    func inFlight() throws {
        var host = Self.host(ArbitrageSettings(maximumCostPerBasket: nil, cooldownSeconds: 0))
        let opportunity = Self.dutchBook()
        let first = try #require(host.handle(.opportunity(.opened(opportunity)), at: Clock.at(1)).baskets.first)
        let again = host.handle(.opportunity(.updated(opportunity)), at: Clock.at(2))
        #expect(again.baskets.isEmpty)
        #expect(again.notes.contains { $0.contains("still in flight") })
        // The same pass is not noted again on every update.
        #expect(host.handle(.opportunity(.updated(opportunity)), at: Clock.at(3)).notes.isEmpty)

        let ended = finish(first, by: Self.id, filled: true, host: &host, at: Clock.at(4))
        #expect(ended.notes.contains { $0.contains("is over") })
        #expect(host.handle(.opportunity(.updated(opportunity)), at: Clock.at(5)).baskets.count == 1)
    }

    @Test("an open order keeps its basket in flight past the timeout; silence past it releases the basket")
    func inFlightTimeout() throws {
        var host = Self.host(ArbitrageSettings(maximumCostPerBasket: nil, cooldownSeconds: 0, inFlightTimeoutSeconds: 10))
        let opportunity = Self.dutchBook()
        let basket = try #require(host.handle(.opportunity(.opened(opportunity)), at: Clock.at(1)).baskets.first)
        let order = basket.legs[0].order(id: "leg-0", at: Clock.at(1))
        host.placed(order, by: Self.id)
        #expect(host.handle(.opportunity(.updated(opportunity)), at: Clock.at(30)).baskets.isEmpty)

        var quiet = Self.host(ArbitrageSettings(maximumCostPerBasket: nil, cooldownSeconds: 0, inFlightTimeoutSeconds: 10))
        _ = quiet.handle(.opportunity(.opened(opportunity)), at: Clock.at(1))
        #expect(quiet.handle(.opportunity(.updated(opportunity)), at: Clock.at(5)).baskets.isEmpty)
        let released = quiet.handle(.opportunity(.updated(opportunity)), at: Clock.at(30))
        #expect(released.baskets.count == 1)
        #expect(released.notes.contains { $0.contains("no longer in flight") })
    }

    @Test("after a basket, the same opportunity waits out the cooldown")
    func cooldown() throws {
        var host = Self.host(ArbitrageSettings(maximumCostPerBasket: nil, cooldownSeconds: 60))
        let opportunity = Self.dutchBook()
        let basket = try #require(host.handle(.opportunity(.opened(opportunity)), at: Clock.at(1)).baskets.first)
        _ = finish(basket, by: Self.id, filled: false, host: &host, at: Clock.at(2))
        let early = host.handle(.opportunity(.updated(opportunity)), at: Clock.at(60))
        #expect(early.baskets.isEmpty)
        #expect(early.notes.contains { $0.contains("cooling down") })
        // Another opportunity is not held back by the first one's cooldown.
        let other = Self.dutchBook(group: "event-2")
        #expect(host.handle(.opportunity(.opened(other)), at: Clock.at(60)).baskets.count == 1)
        #expect(host.handle(.opportunity(.updated(opportunity)), at: Clock.at(61.5)).baskets.count == 1)
    }

    @Test("only the configured kinds are taken", arguments: OpportunityKind.allCases)
    func kinds(kind: OpportunityKind) {
        var host = Self.host(ArbitrageSettings(kinds: [.dutchBook, .crossVenue], maximumCostPerBasket: nil))
        let actions = host.handle(.opportunity(.opened(Self.dutchBook(kind: kind))), at: Clock.at(1))
        let taken = kind == .dutchBook || kind == .crossVenue
        #expect(actions.baskets.count == (taken ? 1 : 0))
        for basket in actions.baskets {
            #expect(basket.kind == kind)
            #expect(basket.legs.map(\.purpose) == [.arbitrage(kind, basket.opportunityID), .arbitrage(kind, basket.opportunityID)])
        }
        if !taken { #expect(actions.notes.contains { $0.contains("kind \(kind) is not traded") }) }
    }

    @Test("the profit and the return at the size sent must clear their minimums")
    func minimums() {
        // 100 baskets: profit 7 on cost 93 (7.5 %).
        var lowProfit = Self.host(ArbitrageSettings(minimumProfit: Amount("7.01")!, maximumCostPerBasket: nil))
        let a = lowProfit.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1))
        #expect(a.baskets.isEmpty)
        #expect(a.notes.contains { $0.contains("under the minimum 7.01") })
        var enough = Self.host(ArbitrageSettings(minimumProfit: 7, minimumReturnOnCost: Decimal(string: "0.075")!, maximumCostPerBasket: nil))
        #expect(enough.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1)).baskets.count == 1)
        var lowReturn = Self.host(ArbitrageSettings(minimumReturnOnCost: Decimal(string: "0.076")!, maximumCostPerBasket: nil))
        let c = lowReturn.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1))
        #expect(c.baskets.isEmpty)
        #expect(c.notes.contains { $0.contains("return") })
    }

    @Test("a cost cap shrinks the basket along the curve, never above the cap; without a cap the radar's size, never its max size")
    func costCap() throws {
        var host = Self.host(ArbitrageSettings(minimumProfit: 0, maximumCostPerBasket: 30))
        let basket = try #require(host.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1)).baskets.first)
        // Between 10 (cost 9.3) and 50 (cost 46.5): (30 − 9.3 − margin) / 37.2 × 40 = 22.26… → 22 more.
        #expect(basket.size == 32)
        #expect(basket.legs.map(\.size) == [32, 32])
        let cost = Amount("9.3")! + Amount("20.46")! + Amount(units: 4)
        #expect(basket.expectedProfit == 32 - cost)
        #expect(cost <= 30)

        var exact = Self.host(ArbitrageSettings(minimumProfit: 0, maximumCostPerBasket: Amount("46.5")!))
        #expect(try #require(exact.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1)).baskets.first).size == 50)

        var tooSmall = Self.host(ArbitrageSettings(minimumProfit: 0, maximumCostPerBasket: 9))
        let none = tooSmall.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1))
        #expect(none.baskets.isEmpty)
        #expect(none.notes.contains { $0.contains("costs more than the cap 9") })

        var uncapped = Self.host(ArbitrageSettings(minimumProfit: 0, maximumCostPerBasket: 1_000))
        #expect(try #require(uncapped.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1)).baskets.first).size == 100)
    }

    @Test("whatever the cap, the basket's interpolated cost stays within it and its size within the radar's", arguments: Array(stride(from: 10, through: 150, by: 7)))
    func capProperty(cap: Int) throws {
        var host = Self.host(ArbitrageSettings(minimumProfit: 0, minimumReturnOnCost: 0, maximumCostPerBasket: Amount(integerLiteral: Int64(cap))))
        let actions = host.handle(.opportunity(.opened(Self.dutchBook())), at: Clock.at(1))
        let basket = try #require(actions.baskets.first)
        #expect(basket.size <= 100)
        // payout = size (1 per basket), so cost = size − profit.
        let cost = Amount(units: basket.size.units) - basket.expectedProfit
        #expect(cost <= Amount(integerLiteral: Int64(cap)))
    }
}
