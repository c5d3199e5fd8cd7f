import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import EdgewiseStore
import Logging

/// The trading agent: strategies, the risk engine, the order manager and multi-leg execution in
/// one loop.
///
/// Inputs (market data, radar changes, journaled order events, signals, clock ticks) are handled
/// one at a time. Each goes to the ``StrategyHost``; what the strategies propose is carried out
/// in order — a single order through the order manager (which runs the risk check and journals
/// it before sending), a basket through ``MultiLegExecutor`` — and every proposal, refusal and
/// outcome is logged and saved as a decision. Fills come back as inputs, so the portfolio the
/// strategies and the risk engine read is the journal's, whichever path produced them.
///
/// The risk engine is independent of the strategies: it checks every order (through
/// ``AgentLink``), and on every tick it looks at equity against the day's start and the peak,
/// trips the persisted kill switch when a limit is reached, and cancels every live order while
/// the switch is tripped — including a trip made from outside (`edgewise kill`).
public actor Agent {
    public struct Settings: Sendable {
        public var mode: AgentMode
        public var risk: RiskLimits
        /// How many recent decisions the status view keeps.
        public var recentDecisions: Int
        /// The longest the agent goes without writing its equity (for the day's loss and the
        /// drawdown, which must survive a restart).
        public var equityRecordInterval: Double
        /// Stop-loss and take-profit on directional positions; nil: none.
        public var exits: ExitPolicy?
        /// How often, in seconds, the venues are asked about every order that may be live (the
        /// live venues' fills on resting orders are not streamed to the agent); nil: never
        /// (paper, where the broker reports every fill as the books move).
        public var orderRefreshInterval: Double?
        /// Large directional buys worked over time; nil: sent at once.
        public var twap: TWAPPolicy?

        public init(
            mode: AgentMode, risk: RiskLimits = .standard, recentDecisions: Int = 12, equityRecordInterval: Double = 30,
            exits: ExitPolicy? = nil, orderRefreshInterval: Double? = nil, twap: TWAPPolicy? = nil
        ) {
            self.twap = twap
            self.mode = mode
            self.risk = risk
            self.recentDecisions = recentDecisions
            self.equityRecordInterval = equityRecordInterval
            self.exits = exits
            self.orderRefreshInterval = orderRefreshInterval
        }
    }

    let settings: Settings
    let store: EdgewiseStore
    let manager: OrderManager
    let executor: MultiLegExecutor?
    let paper: PaperExchange?
    let engine: RiskEngine
    /// A kill switch kept elsewhere that also stops this agent (the live database's, for a
    /// paper run: `edgewise kill` stops everything).
    let externalKillSwitch: @Sendable () -> KillSwitchState?
    /// Each instrument's fees and order grid, for routing a buy across an equivalent pair; nil:
    /// orders go where the strategy proposed them.
    let routeTerms: (@Sendable (InstrumentID) -> RouteTerms?)?
    let now: @Sendable () -> Timestamp
    let logger: Logger

    var host: StrategyHost
    /// Which strategy each decision (and so each order carrying its id) belongs to.
    var owners: [DecisionID: StrategyID] = [:]
    /// For instruments whose own book is not kept (a NO token), the book they mirror.
    let complements: [InstrumentID: InstrumentID]
    /// The catalog by instrument, so that each risk check reads only the events, markets and
    /// pairs of the instruments it concerns — not the whole universe every time.
    var eventOfInstrument: [InstrumentID: Event] = [:]
    var marketOfInstrument: [InstrumentID: Market] = [:]
    var pairsOfInstrument: [InstrumentID: [MarketPair]] = [:]
    var killSwitch = KillSwitchState.armed
    var watermarks: EquityWatermarks?
    var lastEquityRecord: (at: Timestamp, equity: Amount)?
    var clock: Timestamp
    let startingEquity: Amount
    /// When this run began: orders created since are this run's.
    let startedAt: Timestamp
    var recent: [AgentDecision] = []
    var warnings: [String] = []
    var counters = Counters()
    /// Instruments bought by directional orders in this run: what the exit policy watches.
    var directional: Set<InstrumentID> = []
    /// Instruments with an exit order out, so one exit is not sent twice.
    var exiting: Set<InstrumentID> = []
    /// The best bid seen since entry, for the trailing stop.
    var peaks: [InstrumentID: Price] = [:]
    var lastOrderRefresh: Timestamp?
    /// Directional orders being worked as TWAPs, by decision.
    var working: [DecisionID: WorkingOrder] = [:]

    struct Counters: Sendable {
        var ordersSent = 0
        var ordersRefused = 0
        var baskets = 0
        var fills = 0
    }

    public init(
        strategies: [any Strategy], portfolio: Portfolio, store: EdgewiseStore, manager: OrderManager,
        executor: MultiLegExecutor?, paper: PaperExchange?, settings: Settings, complements: [InstrumentID: InstrumentID] = [:],
        externalKillSwitch: @escaping @Sendable () -> KillSwitchState? = { nil },
        routeTerms: (@Sendable (InstrumentID) -> RouteTerms?)? = nil, now: @escaping @Sendable () -> Timestamp = Timestamp.now, logger: Logger = Logger(label: "edgewise.agent")
    ) {
        self.host = StrategyHost(strategies: strategies, portfolio: portfolio)
        self.store = store
        self.manager = manager
        self.executor = executor
        self.paper = paper
        self.settings = settings
        self.engine = RiskEngine(limits: settings.risk)
        self.complements = complements
        self.externalKillSwitch = externalKillSwitch
        self.routeTerms = routeTerms
        self.now = now
        self.logger = logger
        self.clock = now()
        self.startedAt = clock
        self.startingEquity = portfolio.equity(marks: [:])
    }

    // MARK: Start

    /// Reads the kill switch and the equity watermarks, reconciles the journal with the venues
    /// (nothing is sent before that), and starts the strategies.
    @discardableResult
    public func start() async -> OrderManager.Reconciliation {
        killSwitch = (try? store.killSwitch()) ?? killSwitch
        watermarks = try? store.equityWatermarks()
        let reconciliation = await manager.reconcile()
        for (order, finding) in reconciliation.findings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            log(nil, "reconciled \(order): \(finding)")
        }
        if let trip = killSwitch.trip {
            log(nil, "kill switch is tripped since \(trip.at) (\(trip.reason)); no order goes out until `edgewise kill --reset`")
        }
        await carry(host.start(at: advanceClock()))
        return reconciliation
    }

    // MARK: Inputs

    public func handle(_ input: AgentInput) async {
        switch input {
        case .marketData(let received):
            let time = advanceClock(to: received.receivedAt)
            if let paper {
                for event in await paper.feed(received.event, receivedAt: received.receivedAt) {
                    _ = try? await manager.apply(event.event, to: event.order)
                }
            }
            if case .market(let notice) = received.event, notice.kind == .resolved, let resolution = Self.resolution(notice) {
                await carry(host.handle(.resolution(notice.venue, resolution), at: time))
            }
            await carry(host.handle(.marketData(received), at: time))
            switch received.event {
            case .bookSnapshot(let snapshot): await checkExits(after: snapshot.instrument)
            case .bookDelta(let delta): await checkExits(after: delta.instrument)
            default: break
            }
        case .opportunities(let changes, let newWarnings):
            remember(warnings: newWarnings)
            let time = advanceClock()
            for change in changes { await carry(host.handle(.opportunity(change), at: time)) }
        case .catalog(let events, let markets, let pairs):
            let time = advanceClock()
            for market in markets {
                _ = host.handle(.market(market), at: time)
                for outcome in market.outcomes { marketOfInstrument[market.instrument(for: outcome)] = market }
            }
            for event in events {
                for market in event.markets {
                    for outcome in market.outcomes { eventOfInstrument[market.instrument(for: outcome)] = event }
                }
            }
            for pair in pairs where pair.effectiveVerdict == .equivalent {
                for instrument in [pair.a.yes, pair.a.no, pair.b.yes, pair.b.no].compactMap({ $0 }) {
                    pairsOfInstrument[instrument, default: []].removeAll { $0.id == pair.id }
                    pairsOfInstrument[instrument, default: []].append(pair)
                }
            }
        case .order(let order, let event):
            await orderEvent(order, event)
        case .signal(let signal):
            await carry(host.handle(.signal(signal), at: advanceClock(to: signal.knownAt)))
        case .tick:
            await carry(host.advance(to: advanceClock()))
            await superviseRisk()
            await refreshOrders()
            await workOrders()
        }
    }

    private func orderEvent(_ order: Order, _ event: OrderEvent) async {
        let time = advanceClock()
        let owner = order.decisionID.flatMap { owners[$0] }
        if let owner, host.state.openOrders[order.id] == nil, order.status.mayBeLive || isFill(event) {
            host.placed(order, by: owner)
        }
        if !order.status.mayBeLive { exiting.remove(order.instrument) }
        switch event {
        case .filled(let fill):
            counters.fills += 1
            log(owner, "fill \(fill.side) \(fill.size) \(fill.instrument) @ \(fill.price) (fee \(fill.fee)); order \(order.id) \(order.status)", decision: order.decisionID)
            await carry(host.handle(.fill(fill, order: order), at: time))
            if let decisionID = order.decisionID { note(fill: fill.id, on: decisionID) }
        case .rejected(let reason, _):
            log(owner, "order \(order.id) rejected: \(reason)", decision: order.decisionID)
            await carry(host.handle(.orderUpdate(order), at: time))
        default:
            await carry(host.handle(.orderUpdate(order), at: time))
        }
    }

    private func isFill(_ event: OrderEvent) -> Bool {
        if case .filled = event { return true }
        return false
    }

    // MARK: Carrying out what strategies propose

    func carry(_ actions: [HostedAction]) async {
        for hosted in actions {
            switch hosted.action {
            case .submit(let intent): await submit(intent, for: hosted.strategy)
            case .basket(let basket): await execute(basket, for: hosted.strategy)
            case .cancel(let id):
                do { _ = try await manager.cancel(id) } catch { log(hosted.strategy, "cancel \(id): \(error)") }
            case .note(let text): log(hosted.strategy, text)
            case .setTimer, .cancelTimer: break
            }
        }
    }

    private func submit(_ proposed: OrderIntent, for strategy: StrategyID) async {
        let intent = enriched(proposed)
        // The strategy's own id when it gave one: it follows its orders by it.
        var record = DecisionRecord(
            id: proposed.decisionID ?? .generate(), createdAt: clock, source: strategy.rawValue, venue: intent.instrument.venue,
            marketID: intent.marketID, instrument: intent.instrument)
        owners[record.id] = strategy
        if let schedule = twapSchedule(for: intent) {
            let what = "\(intent.side) \(intent.size) \(intent.instrument) @ \(intent.limitPrice) (\(Self.describe(intent.purpose)))"
            record.notes.append("\(what): worked as a TWAP of \(schedule.slices.count) slices over \(settings.twap?.seconds ?? 0) s")
            log(strategy, "\(what): worked as a TWAP of \(schedule.slices.count) slices", decision: record.id)
            working[record.id] = WorkingOrder(record: record, strategy: strategy, intent: intent, schedule: schedule, sent: 0)
            await workOrders()
            return
        }
        let (slices, routing) = routed(intent)
        if let routing {
            record.notes.append(routing)
            log(strategy, routing, decision: record.id)
        }
        for slice in slices {
            if await send(slice, on: &record, for: strategy) != nil, slice.purpose == .directional, slice.side == .buy {
                directional.insert(slice.instrument)
            }
        }
        save(record)
    }

    /// Sends one order for `record`'s decision through the order manager (risk check, journal,
    /// venue) and notes what became of it; nil when it was not sent.
    func send(_ proposed: OrderIntent, on record: inout DecisionRecord, for strategy: StrategyID?, what label: String? = nil) async -> Order? {
        var intent = proposed
        intent.decisionID = record.id
        let what = label ?? "\(intent.side) \(intent.size) \(intent.instrument) @ \(intent.limitPrice) (\(Self.describe(intent.purpose)))"
        do {
            let order = try await manager.submit(intent)
            counters.ordersSent += 1
            record.orders.append(order.id)
            record.notes.append("\(what): order \(order.id) \(order.status)")
            log(strategy, "\(what): order \(order.id) \(order.status)", decision: record.id)
            return order
        } catch {
            counters.ordersRefused += 1
            record.notes.append("\(what): not sent: \(error)")
            log(strategy, "\(what): not sent: \(error)", decision: record.id)
            return nil
        }
    }

    private func execute(_ basket: BasketOrder, for strategy: StrategyID) async {
        guard let first = basket.legs.first else { return }
        var record = DecisionRecord(
            id: first.decisionID ?? .generate(), createdAt: clock, source: strategy.rawValue, venue: first.instrument.venue, marketID: first.marketID)
        owners[record.id] = strategy
        let legs = basket.legs.map { leg in
            var intent = enriched(leg)
            intent.decisionID = record.id
            return intent
        }
        let what = "\(basket.kind) basket \(basket.opportunityID): \(legs.count) legs × \(basket.size), expected profit \(basket.expectedProfit)"
        // Multi-leg execution buys every leg in the basket size; a bundle whose legs hold
        // different multiples would be bought in the wrong proportions, so it is not sent.
        guard legs.allSatisfy({ $0.size == first.size }) else {
            record.notes.append("\(what): not sent: its legs have different sizes, and multi-leg execution buys equal legs")
            log(strategy, "\(what): not sent (weighted legs are not executed yet)", decision: record.id)
            save(record)
            return
        }
        guard let executor else {
            record.notes.append("\(what): not sent: this run has no multi-leg execution")
            log(strategy, "\(what): not sent (no multi-leg execution)", decision: record.id)
            save(record)
            return
        }
        counters.baskets += 1
        let outcome = await executor.execute(
            MultiLegPlan(legs: legs, maxSlippage: basket.maxSlippage, timeBudget: basket.timeBudget))
        record.orders = Self.orders(of: outcome)
        counters.ordersSent += record.orders.count
        record.notes.append("\(what): \(outcome.note)")
        log(strategy, "\(what): \(outcome.note)", decision: record.id)
        save(record)
    }

    /// Fills in what the strategy may not know: the event and category for exposure grouping,
    /// and the age of the book behind the price.
    private func enriched(_ proposed: OrderIntent) -> OrderIntent {
        var intent = proposed
        if intent.bookReceivedAt == nil {
            intent.bookReceivedAt = followedBook(of: intent.instrument)?.receivedAt
        }
        if intent.eventID == nil, let market = host.state.markets[MarketKey(venue: intent.instrument.venue, id: intent.marketID)] {
            intent.eventID = market.eventID
        }
        return intent
    }

    static func orders(of outcome: MultiLegOutcome) -> [ClientOrderID] {
        switch outcome {
        case .completed(_, let orders): orders
        case .shrunk(_, let orders, let unwinds, _): orders + unwinds
        case .aborted: []
        case .uncertain(_, let orders, _): orders
        }
    }

    static func describe(_ purpose: TradePurpose) -> String {
        switch purpose {
        case .arbitrage(let kind, let id): "\(kind) \(id)"
        case .directional: "directional"
        case .exit: "exit"
        }
    }

    static func resolution(_ notice: MarketNotice) -> Resolution? {
        guard let winner = notice.winningToken, !notice.tokens.isEmpty else { return nil }
        var payouts: [TokenID: Price] = [:]
        for token in notice.tokens { payouts[token] = token == winner ? .one : .zero }
        return Resolution(
            marketID: notice.marketID, winningToken: winner, winningOutcome: notice.winningOutcome,
            resolvedAt: notice.venueTimestamp ?? .now(), payouts: payouts)
    }

    /// Live: asks the venues about every order that may be live, at the configured interval;
    /// what changed comes back as journaled order events.
    private func refreshOrders() async {
        guard let interval = settings.orderRefreshInterval else { return }
        if let last = lastOrderRefresh, clock.seconds(since: last) < interval { return }
        lastOrderRefresh = clock
        for (order, finding) in await manager.refresh().findings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if case .unreachable(let reason) = finding { log(nil, "order \(order) could not be looked up: \(reason)") }
        }
    }

    // MARK: Shutdown

    /// Cancels every order that may be live (or leaves them resting, per `cancel`); returns
    /// those it touched as they stand afterwards.
    public func shutdown(cancelOrders cancel: Bool) async -> [Order] {
        for (id, work) in working.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            log(work.strategy, "stopping: \(work.schedule.slices.count - work.sent) TWAP slice(s) of \(work.intent.instrument) not sent", decision: id)
        }
        working = [:]
        guard cancel else {
            let kept = (try? store.ordersThatMayBeLive()) ?? []
            log(nil, "stopping; \(kept.count) order(s) left resting")
            return kept
        }
        let orders = await manager.cancelAll()
        log(nil, "stopping; \(orders.count) order(s) cancelled")
        return orders
    }

    // MARK: Bookkeeping

    /// The agent's clock never goes back, so strategies see inputs in time order even when a
    /// venue's receive time lags the wall clock.
    @discardableResult
    func advanceClock(to time: Timestamp? = nil) -> Timestamp {
        clock = max(clock, time ?? now())
        return clock
    }

    func log(_ strategy: StrategyID?, _ text: String, decision: DecisionID? = nil) {
        recent.append(AgentDecision(at: clock, strategy: strategy, decision: decision, text: text))
        if recent.count > settings.recentDecisions { recent.removeFirst(recent.count - settings.recentDecisions) }
        logger.info("\(strategy.map { "[\($0)] " } ?? "")\(text)")
    }

    private func remember(warnings new: [String]) {
        warnings += new
        if warnings.count > 20 { warnings.removeFirst(warnings.count - 20) }
    }

    func save(_ record: DecisionRecord) {
        do { try store.save(decision: record) } catch { logger.error("decision \(record.id) not saved: \(error)") }
    }

    private func note(fill: FillID, on decision: DecisionID) {
        guard var record = try? store.decision(id: decision), !record.fills.contains(fill) else { return }
        record.fills.append(fill)
        save(record)
    }
}
