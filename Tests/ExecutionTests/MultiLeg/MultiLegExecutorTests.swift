import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseStore
import Foundation
import Synchronization
import Testing

/// Multi-leg execution through the order manager and the paper broker on a real journal:
/// pre-checks before anything is sent, the thinnest leg first, and the stated rule when a leg
/// comes up short.
@Suite("Multi-leg execution")
struct MultiLegExecutorTests {
    static let a = InstrumentID(venue: .polymarket, token: "a-yes")
    static let b = InstrumentID(venue: .polymarket, token: "b-yes")
    static let rules = LegRules(tickSize: Price("0.01")!, minimumSize: 5)

    /// Two outcomes of one event: A asks 0.40 (bids 0.38), B asks `bAsks` (bids 0.50).
    static func exchange(bAsks: [BookLevel]) async -> PaperExchange {
        let market = PaperMarket(tickSize: Price("0.01")!, minimumSize: 5, takerFees: NoFees())
        let exchange = PaperExchange(broker: PaperBroker(markets: [a: market, b: market]), now: { paperTime(1) })
        _ = await exchange.feed(.bookSnapshot(BookSnapshot(instrument: a, bids: [level("0.38", 500)], asks: [level("0.40", 100)])), receivedAt: paperTime(0))
        _ = await exchange.feed(.bookSnapshot(BookSnapshot(instrument: b, bids: [level("0.50", 500)], asks: bAsks)), receivedAt: paperTime(0))
        return exchange
    }

    static func plan(size: Int64 = 100) -> MultiLegPlan {
        let legs = [(a, "0.40"), (b, "0.55")].map { instrument, price in
            OrderIntent(
                instrument: instrument, marketID: MarketID(instrument.token.rawValue), eventID: "e", side: .buy,
                limitPrice: Price(price)!, size: Size(integerLiteral: size), purpose: .arbitrage(.dutchBook, OpportunityID("opp")),
                strategy: "dutch-book")
        }
        return MultiLegPlan(legs: legs, maxSlippage: Price("0.01")!, timeBudget: .zero, retryInterval: .zero)
    }

    static func setUp(
        _ exchange: PaperExchange, liquidity: (any LiquiditySource)? = nil, balance: Amount? = nil,
        preTradeCheck: (@Sendable (OrderIntent) async -> RiskVerdict)? = nil
    ) async throws -> (MultiLegExecutor, EdgewiseStore) {
        let store = try temporaryStore()
        let manager = OrderManager(
            store: store, gateways: [PaperGateway(venue: .polymarket, exchange: exchange)],
            configuration: .init(settleDelay: .zero, preTradeCheck: preTradeCheck), now: { paperTime(1) })
        _ = await manager.reconcile()
        let executor = MultiLegExecutor(
            manager: manager, liquidity: liquidity ?? exchange, rules: { _ in rules }, balance: { _ in balance }, now: { paperTime(1) })
        return (executor, store)
    }

    static func filled(_ store: EdgewiseStore, _ instrument: InstrumentID, _ side: OrderSide) throws -> Size {
        try store.fills(instrument: instrument).filter { $0.side == side }.reduce(Size.zero) { $0 + $1.size }
    }

    @Test("deep enough on both legs: every leg buys the basket size")
    func completes() async throws {
        let exchange = await Self.exchange(bAsks: [level("0.55", 100)])
        let (executor, store) = try await Self.setUp(exchange)
        let outcome = await executor.execute(Self.plan())
        guard case .completed(let size, let orders) = outcome else { Issue.record("\(outcome)"); return }
        #expect(size == 100 && orders.count == 2)
        #expect(try Self.filled(store, Self.a, .buy) == 100 && Self.filled(store, Self.b, .buy) == 100)
    }

    @Test("a leg short on depth, a size under the minimum, an off-tick price, or too little balance: nothing is sent")
    func prechecks() async throws {
        let thin = await Self.exchange(bAsks: [level("0.55", 60)])
        let (thinExecutor, thinStore) = try await Self.setUp(thin)
        #expect(await thinExecutor.execute(Self.plan()) == .aborted([.insufficientDepth(Self.b, available: 60, needed: 100)]))
        #expect(try thinStore.ordersThatMayBeLive().isEmpty && thinStore.fills(instrument: Self.a).isEmpty)

        let deep = await Self.exchange(bAsks: [level("0.55", 100)])
        let (executor, _) = try await Self.setUp(deep)
        var odd = Self.plan(size: 4)
        odd.legs[1].limitPrice = Price("0.555")!
        #expect(await executor.execute(odd) == .aborted([
            .belowMinimum(Self.a, size: 4, minimum: 5), .belowMinimum(Self.b, size: 4, minimum: 5),
            .offTick(Self.b, price: Price("0.555")!, tick: Price("0.01")!),
        ]))
        let (poor, poorStore) = try await Self.setUp(deep, balance: 90)
        #expect(await poor.execute(Self.plan()) == .aborted([.insufficientBalance(.polymarket, available: 90, needed: 95)]))
        #expect(try poorStore.fills(instrument: Self.a).isEmpty)
    }

    /// Reports the depth a book showed at the pre-check, after which the venue's book moved.
    struct StaleLiquidity: LiquiditySource {
        let exchange: PaperExchange
        let shown: [InstrumentID: [BookLevel]]
        func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel] {
            side == .buy ? (shown[instrument] ?? []) : await exchange.liquidity(instrument, for: side)
        }
    }

    @Test("a leg that comes up short (the book moved): it retries within its slippage, then the basket shrinks and the excess is sold back")
    func shrinksAndUnwinds() async throws {
        // B really has 60 at 0.55 and nothing at 0.56; the pre-check saw 100.
        let exchange = await Self.exchange(bAsks: [level("0.55", 60), level("0.60", 100)])
        let stale = StaleLiquidity(exchange: exchange, shown: [Self.a: [level("0.40", 100)], Self.b: [level("0.55", 100)]])
        let (executor, store) = try await Self.setUp(exchange, liquidity: stale)
        let outcome = await executor.execute(Self.plan())
        guard case .shrunk(let size, let orders, let unwinds, let reason) = outcome else { Issue.record("\(outcome)"); return }
        #expect(size == 60)
        #expect(orders.count == 3)  // A, B at 0.55, B's retry at 0.56 (nothing there)
        #expect(unwinds.count == 1)
        #expect(reason.contains("filled 60 of 100"))
        // Held: 60 of A (100 bought, 40 sold back at the 0.38 bid) and 60 of B: a whole basket.
        #expect(try Self.filled(store, Self.a, .buy) == 100)
        #expect(try Self.filled(store, Self.a, .sell) == 40)
        #expect(try Self.filled(store, Self.b, .buy) == 60)
        #expect(try store.fills(instrument: Self.a).filter { $0.side == .sell }.allSatisfy { $0.price == Price("0.38")! })
    }

    @Test("an unwind the risk check refuses is said in the outcome, and the excess it could not sell is still held")
    func refusedUnwindIsReported() async throws {
        let exchange = await Self.exchange(bAsks: [level("0.55", 60), level("0.60", 100)])
        let stale = StaleLiquidity(exchange: exchange, shown: [Self.a: [level("0.40", 100)], Self.b: [level("0.55", 100)]])
        let (executor, store) = try await Self.setUp(exchange, liquidity: stale) { intent in
            intent.side == .sell ? .refused([.riskOff(intent.purpose)]) : .approved
        }
        guard case .shrunk(let size, _, let unwinds, let reason) = await executor.execute(Self.plan()) else {
            Issue.record("expected a shrunk basket")
            return
        }
        #expect(size == 60)
        #expect(unwinds.isEmpty)
        #expect(reason.contains("40 \(Self.a) not sold back"), "\(reason)")
        #expect(try Self.filled(store, Self.a, .sell) == 0)
    }

    @Test("the thinnest leg goes first, so a failure there commits nothing elsewhere")
    func thinnestFirst() async throws {
        // A shows 1,000 (ten times the size), B exactly 100: B first.
        let exchange = await Self.exchange(bAsks: [level("0.55", 100)])
        let shown = StaleLiquidity(exchange: exchange, shown: [Self.a: [level("0.40", 1_000)], Self.b: [level("0.55", 100)]])
        let (executor, store) = try await Self.setUp(exchange, liquidity: shown)
        guard case .completed(_, let orders) = await executor.execute(Self.plan()) else { Issue.record("not completed"); return }
        let first = try #require(try store.order(orders[0]))
        #expect(first.instrument == Self.b)
    }
}

/// A venue that never answers clearly: the basket stops at the first leg.
@Suite("Multi-leg execution, unknown outcome")
struct MultiLegUncertainTests {
    @Test("a leg whose outcome is unknown stops the basket: no further leg, no unwind")
    func stops() async throws {
        let store = try temporaryStore()
        let gateway = ScriptedGateway(resendIsIdempotent: false, store: store, script: .init(submissions: [.unknown(reason: "connection dropped")]))
        let manager = OrderManager(store: store, gateways: [gateway], configuration: .init(settleDelay: .zero), now: { paperTime(1) })
        _ = await manager.reconcile()
        struct Deep: LiquiditySource {
            func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel] { [level("0.01", 10_000)] }
        }
        let executor = MultiLegExecutor(
            manager: manager, liquidity: Deep(), rules: { _ in LegRules(tickSize: Price("0.01")!, minimumSize: 5) }, balance: { _ in nil })
        let outcome = await executor.execute(MultiLegExecutorTests.plan())
        guard case .uncertain(let order, let orders, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(orders == [order])
        #expect(gateway.sent == [order])
        #expect(try store.ordersThatMayBeLive().map(\.id) == [order])
    }
}
