import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseRuntime
import EdgewiseStore
import Foundation
import Synchronization

/// A binary market on the paper venue: YES with its own book, NO through YES mirrored.
let agentYes = InstrumentID(venue: .polymarket, token: "agent-yes")
let agentNo = InstrumentID(venue: .polymarket, token: "agent-no")
let agentMarket: MarketID = "agent-market"
/// A second market with its own book (the other outcome of a two-way partition, for baskets).
let agentOther = InstrumentID(venue: .polymarket, token: "agent-other")
/// The same contract as the agent market, listed on Kalshi (an equivalent pair, for routing).
let agentKalshi = InstrumentID(venue: .kalshi, token: "AGENT-K")
let agentKalshiNo = InstrumentID(venue: .kalshi, token: "AGENT-K/NO")

/// The catalog entries of the two Polymarket markets (exits need to know an instrument's market).
let agentMarketRecord = Market(
    venue: .polymarket, id: agentMarket, question: "agent?",
    outcomes: [Outcome(token: agentYes.token, name: "Yes"), Outcome(token: agentNo.token, name: "No")], status: .open)
let agentOtherMarketRecord = Market(
    venue: .polymarket, id: "agent-other-market", question: "other?", outcomes: [Outcome(token: agentOther.token, name: "Yes")],
    status: .open)

/// The agent market and its Kalshi twin, judged equivalent.
let agentPair = MarketPair(
    a: PairedMarket(venue: .polymarket, marketID: agentMarket, question: "agent?", yes: agentYes, no: agentNo),
    b: PairedMarket(venue: .kalshi, marketID: "AGENT-K", question: "agent?", yes: agentKalshi, no: agentKalshiNo),
    polarity: .same,
    assessment: SettlementAssessment(findings: [SettlementFinding(.subject, .match, "test")], checkedAt: agentTime(0)))

func agentTime(_ seconds: Int64) -> Timestamp { Timestamp(seconds: 1_760_000_000 + seconds) }

func agentLevel(_ price: String, _ size: Int64) -> BookLevel { BookLevel(price: Price(price)!, size: Size(integerLiteral: size)) }

/// A fresh SQLite store in a directory of its own.
func agentStore() throws -> EdgewiseStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-agent-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try EdgewiseStore(path: directory.appendingPathComponent(EdgewiseStore.defaultFileName).path)
}

/// The order events the manager journaled, waiting to be handed to the agent.
final class PendingInputs: Sendable {
    let items = Mutex<[AgentInput]>([])
}

/// A settable clock shared by the agent, the order manager and the paper broker.
final class TestClock: Sendable {
    private let time = Mutex(agentTime(0))
    var now: Timestamp { time.withLock { $0 } }
    func set(_ seconds: Int64) { time.withLock { $0 = agentTime(seconds) } }
}

/// A whole paper agent — real SQLite journal, order manager, paper broker, multi-leg executor,
/// risk engine — whose order events are queued the way the runner's stream queues them and
/// drained after every input, so a test reads the state once everything has settled.
final class AgentHarness: Sendable {
    let store: EdgewiseStore
    let exchange: PaperExchange
    let manager: OrderManager
    let agent: Agent
    let clock: TestClock
    private let pending = PendingInputs()

    init(
        strategies: [any Strategy], cash: Amount = 1_000, risk: RiskLimits = RiskLimits(maxBookAgeMilliseconds: 60_000),
        store: EdgewiseStore? = nil, clock: TestClock = TestClock(), externalKillSwitch: @escaping @Sendable () -> KillSwitchState? = { nil },
        exits: ExitPolicy? = nil, twap: TWAPPolicy? = nil
    ) throws {
        let store = try store ?? agentStore()
        self.store = store
        self.clock = clock
        let fee = PaperFeeFunction { _, _ in .zero }
        let markets: [InstrumentID: PaperMarket] = [
            agentYes: PaperMarket(tickSize: Price("0.01")!, minimumSize: 1, sizeIncrement: Size("0.01")!, takerFees: fee),
            agentNo: PaperMarket(
                source: .complement(of: agentYes), tickSize: Price("0.01")!, minimumSize: 1, sizeIncrement: Size("0.01")!,
                takerFees: fee),
            agentOther: PaperMarket(tickSize: Price("0.01")!, minimumSize: 1, sizeIncrement: Size("0.01")!, takerFees: fee),
            agentKalshi: PaperMarket(tickSize: Price("0.01")!, minimumSize: 1, sizeIncrement: 1, takerFees: fee),
            agentKalshiNo: PaperMarket(
                source: .complement(of: agentKalshi), tickSize: Price("0.01")!, minimumSize: 1, sizeIncrement: 1, takerFees: fee),
        ]
        let now: @Sendable () -> Timestamp = { clock.now }
        exchange = PaperExchange(broker: PaperBroker(markets: markets), now: now)
        let link = AgentLink()
        let pending = self.pending
        manager = OrderManager(
            store: store,
            gateways: [PaperGateway(venue: .polymarket, exchange: exchange), PaperGateway(venue: .kalshi, exchange: exchange)],
            configuration: .init(
                settleDelay: .zero, preTradeCheck: link.preTradeCheck,
                onEvent: { order, event in pending.items.withLock { $0.append(.order(order, event)) } }),
            now: now)
        let rules = LegRules(tickSize: Price("0.01")!, minimumSize: 1)
        let executor = MultiLegExecutor(
            manager: manager, liquidity: exchange, rules: { _ in rules }, balance: link.cash, now: now)
        var portfolio = Portfolio(cash: cash)
        for fill in try store.allFills() { try? portfolio.apply(fill) }
        agent = Agent(
            strategies: strategies, portfolio: portfolio, store: store, manager: manager, executor: executor,
            paper: exchange, settings: .init(mode: .paper, risk: risk, exits: exits, twap: twap), complements: [agentNo: agentYes, agentKalshiNo: agentKalshi],
            externalKillSwitch: externalKillSwitch,
            routeTerms: { instrument in
                RouteTerms(
                    fees: NoFees(),
                    grid: OrderGrid(tick: Price("0.01")!, minimumSize: 1, sizeStep: instrument.venue == .kalshi ? 1 : Size("0.01")!))
            }, now: now)
        link.attach(agent)
    }

    func start() async {
        await agent.start()
        await drain()
    }

    func send(_ input: AgentInput) async {
        await agent.handle(input)
        await drain()
    }

    func book(_ instrument: InstrumentID = agentYes, bids: [BookLevel], asks: [BookLevel], at seconds: Int64) async {
        clock.set(seconds)
        await send(
            .marketData(
                ReceivedEvent(
                    receivedAt: agentTime(seconds),
                    event: .bookSnapshot(BookSnapshot(instrument: instrument, bids: bids, asks: asks, tickSize: Price("0.01")!)))))
    }

    /// YES asks 0.45 and the other market's asks 0.50: a two-way partition bought for 0.95.
    func twoWayBooks(at seconds: Int64) async {
        await book(agentYes, bids: [agentLevel("0.40", 100)], asks: [agentLevel("0.45", 100)], at: seconds)
        await book(agentOther, bids: [agentLevel("0.45", 100)], asks: [agentLevel("0.50", 100)], at: seconds)
    }

    func trade(_ price: String, _ size: Int64, aggressor: OrderSide, at seconds: Int64) async {
        clock.set(seconds)
        await send(
            .marketData(
                ReceivedEvent(
                    receivedAt: agentTime(seconds),
                    event: .trade(
                        TradeTick(
                            instrument: agentYes, price: Price(price)!, size: Size(integerLiteral: size), aggressor: aggressor,
                            venueTimestamp: nil)))))
    }

    func tick(at seconds: Int64) async {
        clock.set(seconds)
        await send(.tick)
    }

    func drain() async {
        while let next = pending.items.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            await agent.handle(next)
        }
    }
}

/// The two-way partition as the radar would report it: YES at 0.45 and the other at 0.50.
func twoWayOpportunity(kind: OpportunityKind = .dutchBook, yes: Size = 10, other: Size = 10) -> Opportunity {
    let legs = [
        OpportunityLeg(
            venue: .polymarket, marketID: agentMarket, instrument: agentYes, outcome: .yes, side: .buy,
            limitPrice: Price("0.45")!, size: yes, notional: Price("0.45")!.cost(of: yes), fee: .zero),
        OpportunityLeg(
            venue: .polymarket, marketID: "agent-other-market", instrument: agentOther, outcome: .yes, side: .buy,
            limitPrice: Price("0.50")!, size: other, notional: Price("0.50")!.cost(of: other), fee: .zero),
    ]
    let cost = legs.reduce(Amount.zero) { $0 + $1.notional }
    return Opportunity(
        kind: kind, group: "two-way", title: "A or B", legs: legs, size: other, payoutPerBasket: 1, cost: cost, fees: .zero,
        payout: Amount(units: other.units), maxSize: other, curve: [], resolutionTime: nil, seenAt: agentTime(1))
}

/// Buys `size` YES at the best ask the first time the ask is at or under `below`, with the
/// given time in force; or, with `bid`, rests a post-only bid there once a book is seen.
struct BuyYesStrategy: Strategy {
    let id: StrategyID
    var below: Price
    var size: Size
    var timeInForce: TimeInForce = .fillAndKill
    var bid: Price?
    var done = false

    init(id: StrategyID = "buy-yes", below: String, size: Int64, timeInForce: TimeInForce = .fillAndKill, bid: String? = nil) {
        self.id = id
        self.below = Price(below)!
        self.size = Size(integerLiteral: size)
        self.timeInForce = timeInForce
        self.bid = bid.map { Price($0)! }
    }

    mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext) {
        guard !done, let book = context.book(agentYes) else { return }
        if let bid {
            done = true
            context.submit(
                OrderIntent(
                    instrument: agentYes, marketID: agentMarket, side: .buy, limitPrice: bid, size: size,
                    timeInForce: .goodTillCancelled, postOnly: true, purpose: .directional, strategy: id.rawValue))
            return
        }
        guard let ask = book.bestAsk, ask.price <= below else { return }
        done = true
        context.submit(
            OrderIntent(
                instrument: agentYes, marketID: agentMarket, side: .buy, limitPrice: ask.price, size: size,
                timeInForce: timeInForce, purpose: .directional, strategy: id.rawValue))
    }
}

/// Takes every opened opportunity as a basket of its legs.
struct TakeBasketsStrategy: Strategy {
    let id: StrategyID = "baskets"
    var fills: [Fill] = []

    mutating func onOpportunity(_ change: OpportunityChange, context: inout StrategyContext) {
        guard case .opened(let opportunity) = change else { return }
        let legs = opportunity.legs.map { leg in
            OrderIntent(
                instrument: leg.instrument, marketID: leg.marketID, side: leg.side, limitPrice: leg.limitPrice, size: leg.size,
                timeInForce: .fillAndKill, purpose: .arbitrage(opportunity.kind, opportunity.id), strategy: id.rawValue)
        }
        context.execute(
            BasketOrder(
                opportunityID: opportunity.id, kind: opportunity.kind, legs: legs, maxSlippage: Price("0.01")!,
                timeBudget: .milliseconds(50), expectedProfit: opportunity.profit))
    }
}
