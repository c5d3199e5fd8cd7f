import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseRuntime
import EdgewiseStore
import Testing

/// The agent on paper, end to end inside one process: strategies propose, the risk engine
/// checks, the order manager journals and sends to the paper broker, fills come back as
/// journaled events into the portfolio, and every proposal is saved as a decision.
@Suite("Agent")
struct AgentTests {
    @Test("a strategy's order is risk-checked, journaled, filled against the paper book, booked once and saved as a decision")
    func paperFill() async throws {
        let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0.50", size: 10)])
        await harness.start()
        // The limit is the best ask: 6 fill at 0.45, the fill-and-kill's other 4 are cancelled.
        await harness.book(bids: [agentLevel("0.40", 100)], asks: [agentLevel("0.45", 6), agentLevel("0.46", 100)], at: 1)

        let status = await harness.agent.status()
        let holding = try #require(status.holdings.first)
        #expect(holding.instrument == agentYes)
        #expect(holding.size == 6)
        #expect(holding.averageCost == Price("0.45"))
        #expect(status.cash == Amount("997.30"))
        #expect(status.fills == 1)
        #expect(status.ordersSent == 1)
        #expect(try harness.store.ordersThatMayBeLive().isEmpty)

        let decision = try #require(status.recentDecisions.compactMap(\.decision).first)
        let record = try #require(try harness.store.decision(id: decision))
        #expect(record.source == "buy-yes")
        #expect(record.orders.count == 1)
        #expect(record.fills.count == 1)
        let order = try #require(try harness.store.order(record.orders[0]))
        #expect(order.status == .cancelled)
        #expect(order.filledSize == 6)
        #expect(order.decisionID == decision)
    }

    @Test("an order over the per-order cap is refused before anything is journaled, and the refusal is recorded")
    func riskRefusal() async throws {
        // 5 % of 100 is 5; 20 × 0.45 = 9.
        let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0.50", size: 20)], cash: 100)
        await harness.start()
        await harness.book(bids: [agentLevel("0.40", 100)], asks: [agentLevel("0.45", 100)], at: 1)

        let status = await harness.agent.status()
        #expect(status.ordersRefused == 1)
        #expect(status.ordersSent == 0)
        #expect(status.holdings.isEmpty)
        #expect(status.cash == 100)
        let decision = try #require(status.recentDecisions.first { $0.decision != nil })
        #expect(decision.text.contains("per-order cap"))
        let record = try #require(try harness.store.decision(id: decision.decision!))
        #expect(record.orders.isEmpty)
        #expect(record.notes.first?.contains("not sent") == true)
    }

    @Test("a resting bid fills from later trades through the paper broker's queue, and the strategy hears of each fill")
    func restingFill() async throws {
        let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0", size: 10, bid: "0.40")])
        await harness.start()
        await harness.book(bids: [agentLevel("0.40", 50)], asks: [agentLevel("0.45", 100)], at: 1)
        var status = await harness.agent.status()
        #expect(status.openOrders.count == 1)
        #expect(status.holdings.isEmpty)

        // 50 ahead in the queue, then 4 of ours, then the rest.
        await harness.trade("0.40", 54, aggressor: .sell, at: 2)
        status = await harness.agent.status()
        #expect(status.holdings.first?.size == 4)
        await harness.trade("0.40", 30, aggressor: .sell, at: 3)
        status = await harness.agent.status()
        #expect(status.holdings.first?.size == 10)
        #expect(status.openOrders.isEmpty)
        #expect(status.cash == 996)
    }

    @Test("a kill switch tripped from outside (edgewise kill) cancels resting orders on the next tick and refuses new ones")
    func manualKillSwitch() async throws {
        let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0", size: 10, bid: "0.40")])
        await harness.start()
        await harness.book(bids: [agentLevel("0.40", 50)], asks: [agentLevel("0.45", 100)], at: 1)
        #expect(await harness.agent.status().openOrders.count == 1)

        _ = try harness.store.tripKillSwitch(.manual("operator"), at: agentTime(2))
        await harness.tick(at: 3)
        let status = await harness.agent.status()
        #expect(status.openOrders.isEmpty)
        #expect(status.killSwitch.isTripped)
        let verdict = await harness.agent.check(
            OrderIntent(
                instrument: agentYes, marketID: agentMarket, side: .buy, limitPrice: Price("0.45")!, size: 1,
                purpose: .directional, strategy: "t", bookReceivedAt: agentTime(3)))
        #expect(verdict.violations.contains { if case .killSwitchTripped = $0 { true } else { false } })
    }

    @Test("a daily loss at the limit trips the persisted kill switch and cancels what rests")
    func dailyLossTrips() async throws {
        let loose = RiskLimits(
            perEvent: .fraction(basisPoints: 10_000), perOrder: .fraction(basisPoints: 10_000),
            perVenue: .fraction(basisPoints: 10_000), perCategory: .fraction(basisPoints: 10_000),
            dailyLoss: .fraction(basisPoints: 500), maxBookAgeMilliseconds: 60_000)
        let harness = try AgentHarness(
            strategies: [
                BuyYesStrategy(id: "buyer", below: "0.50", size: 200),
                BuyYesStrategy(id: "bidder", below: "0", size: 10, bid: "0.30"),
            ], risk: loose)
        await harness.start()
        await harness.tick(at: 1)
        await harness.book(bids: [agentLevel("0.44", 500)], asks: [agentLevel("0.45", 500)], at: 2)
        var status = await harness.agent.status()
        #expect(status.holdings.first?.size == 200)
        #expect(status.openOrders.count == 1)
        #expect(status.killSwitch.isTripped == false)

        // Marked at the bid, 200 shares fall from 0.44 to 0.10: 910 + 20 = 930, a 70 loss on a
        // start-of-day equity of 1000 — over 5 %.
        await harness.book(bids: [agentLevel("0.10", 500)], asks: [agentLevel("0.12", 500)], at: 3)
        await harness.tick(at: 4)
        status = await harness.agent.status()
        #expect(status.killSwitch.isTripped)
        #expect(status.openOrders.isEmpty)
        let stored = try harness.store.killSwitch()
        guard case .dailyLoss = stored.trip?.reason else {
            Issue.record("expected a persisted daily-loss trip, found \(String(describing: stored.trip))")
            return
        }
    }

    @Test("a paper run follows the live kill switch: tripped there, it trips here and persists")
    func followsExternalKillSwitch() async throws {
        let live = KillSwitchState.armed.tripping(.manual("stop everything"), at: agentTime(1))
        let harness = try AgentHarness(strategies: [], externalKillSwitch: { live })
        await harness.start()
        await harness.tick(at: 2)
        #expect(try harness.store.killSwitch().isTripped)
        #expect(await harness.agent.status().killSwitch.isTripped)
    }

    @Test("a basket goes through multi-leg execution: both legs fill, the outcome is on the decision")
    func basket() async throws {
        let harness = try AgentHarness(strategies: [TakeBasketsStrategy()])
        await harness.start()
        await harness.twoWayBooks(at: 1)

        let opportunity = twoWayOpportunity()
        await harness.send(.opportunities([.opened(opportunity)], warnings: []))

        let status = await harness.agent.status()
        #expect(status.baskets == 1)
        #expect(Set(status.holdings.map(\.instrument)) == [agentYes, agentOther])
        #expect(status.holdings.allSatisfy { $0.size == 10 })
        #expect(status.cash == Amount("990.5"))
        let decision = try #require(status.recentDecisions.last { $0.decision != nil && $0.text.contains("basket") })
        #expect(decision.text.contains("completed"))
        let record = try #require(try harness.store.decision(id: decision.decision!))
        #expect(record.orders.count == 2)
        #expect(record.notes.first?.contains("completed") == true)
    }

    @Test("after a restart the portfolio is the journal's: fills booked once, orders the broker lost are closed")
    func restart() async throws {
        let store = try agentStore()
        do {
            let first = try AgentHarness(
                strategies: [BuyYesStrategy(below: "0.50", size: 10), BuyYesStrategy(id: "bidder", below: "0", size: 5, bid: "0.30")],
                store: store)
            await first.start()
            await first.book(bids: [agentLevel("0.40", 100)], asks: [agentLevel("0.45", 100)], at: 1)
            #expect(await first.agent.status().openOrders.count == 1)
        }
        // A new process: a new paper broker that never heard of the resting bid.
        let second = try AgentHarness(strategies: [], store: store)
        await second.start()
        let status = await second.agent.status()
        #expect(status.holdings.map(\.size) == [10])
        #expect(status.cash == Amount("995.5"))
        #expect(status.openOrders.isEmpty)
        #expect(status.recentDecisions.contains { $0.text.contains("reconciled") })
    }

    @Test("shutting down cancels resting orders, or keeps them when the configuration says keep")
    func shutdownPolicy() async throws {
        for cancel in [true, false] {
            let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0", size: 10, bid: "0.40")])
            await harness.start()
            await harness.book(bids: [agentLevel("0.40", 50)], asks: [agentLevel("0.45", 100)], at: 1)
            let touched = await harness.agent.shutdown(cancelOrders: cancel)
            await harness.drain()
            #expect(touched.count == 1)
            let live = try harness.store.ordersThatMayBeLive()
            #expect(live.count == (cancel ? 0 : 1), "cancel: \(cancel)")
            #expect(await harness.exchange.openOrders.count == (cancel ? 0 : 1))
        }
    }

    @Test("a basket whose legs hold different multiples is not sent: multi-leg execution buys equal legs")
    func weightedBasketRefused() async throws {
        let harness = try AgentHarness(strategies: [TakeBasketsStrategy()])
        await harness.start()
        await harness.twoWayBooks(at: 1)
        // 20 of one leg for every 10 of the other, as a ladder bundle can ask.
        let opportunity = twoWayOpportunity(kind: .bundle, yes: 20)
        await harness.send(.opportunities([.opened(opportunity)], warnings: []))
        let status = await harness.agent.status()
        #expect(status.holdings.isEmpty)
        #expect(status.baskets == 0)
        #expect(status.recentDecisions.contains { $0.text.contains("weighted legs") })
    }

    @Test("a buy whose contract also trades on another venue is routed to the cheaper book, within the strategy's limit")
    func routesAcrossAnEquivalentPair() async throws {
        // The strategy buys 30 YES on Polymarket at its best ask, 0.48; the same contract is
        // offered at 0.40 (20) and 0.52 (100) on Kalshi: 20 go to Kalshi at 0.40 and the other 10
        // to Polymarket at 0.48 — Kalshi's 0.52 is above the strategy's limit.
        let harness = try AgentHarness(strategies: [BuyYesStrategy(below: "0.50", size: 30)])
        await harness.start()
        await harness.send(.catalog(events: [], markets: [], pairs: [agentPair]))
        await harness.book(agentKalshi, bids: [agentLevel("0.35", 100)], asks: [agentLevel("0.40", 20), agentLevel("0.52", 100)], at: 1)
        await harness.book(bids: [agentLevel("0.45", 100)], asks: [agentLevel("0.48", 100)], at: 1)

        let status = await harness.agent.status()
        let sizes = Dictionary(uniqueKeysWithValues: status.holdings.map { ($0.instrument, $0.size) })
        #expect(sizes == [agentKalshi: 20, agentYes: 10], "\(status.recentDecisions.map(\.text))")
        #expect(status.cash == Amount("987.2"))
        #expect(status.recentDecisions.contains { $0.text.hasPrefix("routed over pair") })
    }

    @Test("a directional position is sold when its bid falls to the stop; arbitrage legs are never exited")
    func stopLoss() async throws {
        let harness = try AgentHarness(
            strategies: [BuyYesStrategy(below: "0.50", size: 10), TakeBasketsStrategy()],
            exits: ExitPolicy(stopLoss: Price("0.10")!, takeProfit: Price("0.30")!))
        await harness.start()
        await harness.send(.catalog(events: [], markets: [agentMarketRecord, agentOtherMarketRecord]))
        await harness.twoWayBooks(at: 1)
        #expect(await harness.agent.status().holdings.map(\.size) == [10])
        // The other market is bought as an arbitrage leg (with a one-leg basket for brevity).
        let leg = OpportunityLeg(
            venue: .polymarket, marketID: "agent-other-market", instrument: agentOther, outcome: .yes, side: .buy,
            limitPrice: Price("0.50")!, size: 10, notional: 5, fee: .zero)
        let basket = Opportunity(
            kind: .resolution, group: "other", title: "other", legs: [leg], size: 10, payoutPerBasket: 1, cost: 5, fees: .zero,
            payout: 10, maxSize: 10, curve: [], resolutionTime: nil, seenAt: agentTime(1))
        await harness.send(.opportunities([.opened(basket)], warnings: []))
        #expect(await harness.agent.status().holdings.count == 2)

        // 0.40 is above the stop (0.45 − 0.10): hold. Then 0.30 on both books.
        await harness.book(bids: [agentLevel("0.40", 100)], asks: [agentLevel("0.42", 100)], at: 2)
        #expect(await harness.agent.status().holdings.count == 2)
        await harness.book(bids: [agentLevel("0.30", 100)], asks: [agentLevel("0.33", 100)], at: 3)
        await harness.book(agentOther, bids: [agentLevel("0.30", 100)], asks: [agentLevel("0.33", 100)], at: 3)

        let status = await harness.agent.status()
        #expect(status.holdings.map(\.instrument) == [agentOther], "the arbitrage leg stays")
        #expect(status.cash == Amount("993.5"))
        let exit = try #require(status.recentDecisions.first { $0.text.hasPrefix("stopLoss") })
        #expect(exit.strategy == nil)
        #expect(try harness.store.decision(id: exit.decision!)?.source == "exits")
    }

    @Test("a large directional buy is worked as a TWAP: equal slices at equal intervals, each risk-checked when it goes out")
    func twap() async throws {
        // 100 at 0.45 is 45 of notional, above the 20 threshold: four slices of 25, one a second.
        let harness = try AgentHarness(
            strategies: [BuyYesStrategy(below: "0.50", size: 100)], twap: TWAPPolicy(above: 20, slices: 4, seconds: 4))
        await harness.start()
        await harness.book(bids: [agentLevel("0.40", 1_000)], asks: [agentLevel("0.45", 1_000)], at: 1)
        var status = await harness.agent.status()
        #expect(status.holdings.first?.size == 25)
        #expect(status.recentDecisions.contains { $0.text.contains("worked as a TWAP of 4 slices") })
        await harness.tick(at: 1)
        #expect(await harness.agent.status().holdings.first?.size == 25, "the next slice is not due yet")
        for second: Int64 in [2, 3, 4] { await harness.tick(at: second) }
        status = await harness.agent.status()
        #expect(status.holdings.first?.size == 100)
        #expect(status.ordersSent == 4)
        let done = try #require(status.recentDecisions.first { $0.text.contains("TWAP of 100") })
        #expect(try harness.store.decision(id: done.decision!)?.orders.count == 4)
    }
}
