import EdgewiseAnalysis
import EdgewiseCore

/// Runs strategies over one ordered stream of inputs: keeps the known state (books, markets,
/// portfolio, opportunities, signals, open orders), fires timers, calls each strategy's hooks
/// with a context of that state, and collects what they propose.
///
/// It is deterministic by construction: no clock of its own (every input comes with its time),
/// strategies called in the order they were given, due timers fired in time order (then
/// strategy order, then timer name) before the input that follows them. The same inputs give the
/// same actions, in backtest, paper and live alike.
public struct StrategyHost: Sendable {
    public private(set) var state: MarketState
    private var strategies: [any Strategy]
    private var timers: [TimerKey: Timestamp] = [:]
    private var started = false
    /// One millisecond.
    static let minimumTimerDelay: Int64 = 1_000_000

    struct TimerKey: Hashable, Sendable {
        var strategy: Int
        var timer: TimerID
    }

    public init(strategies: [any Strategy], portfolio: Portfolio) {
        precondition(Set(strategies.map(\.id)).count == strategies.count, "strategy ids must be unique")
        self.strategies = strategies
        self.state = MarketState(portfolio: portfolio)
    }

    public var strategyIDs: [StrategyID] { strategies.map(\.id) }

    /// The earliest time a timer is due, for a driver that sleeps until then.
    public var nextTimer: Timestamp? { timers.values.min() }

    /// Calls every strategy's ``Strategy/onStart(context:)``. Handling the first input does
    /// this too, at that input's time.
    public mutating func start(at now: Timestamp) -> [HostedAction] {
        guard !started else { return [] }
        started = true
        var actions: [HostedAction] = []
        for index in strategies.indices {
            actions += run(index, at: now) { strategy, context in strategy.onStart(context: &context) }
        }
        return actions
    }

    /// Fires the timers due at or before `now`, in order.
    public mutating func advance(to now: Timestamp) -> [HostedAction] {
        var actions = start(at: now)
        while let (key, due) = timers.filter({ $0.value <= now }).min(by: { Self.timerOrder($0, $1) }) {
            timers[key] = nil
            actions += run(key.strategy, at: due) { strategy, context in strategy.onTimer(key.timer, context: &context) }
        }
        return actions
    }

    /// Fires what was due before `now`, applies `input` to the state, and calls the hooks it
    /// concerns: market data, opportunities, signals, markets and resolutions go to every
    /// strategy; fills and order updates only to the strategy that owns the order.
    public mutating func handle(_ input: StrategyInput, at now: Timestamp) -> [HostedAction] {
        var actions = advance(to: now)
        switch input {
        case .marketData(let received):
            state.apply(received)
            actions += runAll(at: now) { strategy, context in strategy.onMarketData(received, context: &context) }
        case .opportunity(let change):
            state.apply(change)
            actions += runAll(at: now) { strategy, context in strategy.onOpportunity(change, context: &context) }
        case .signal(let signal):
            state.signals[MarketKey(venue: signal.venue, id: signal.marketID)] = signal
            actions += runAll(at: now) { strategy, context in strategy.onSignal(signal, context: &context) }
        case .market(let market):
            state.markets[MarketKey(venue: market.venue, id: market.id)] = market
        case .fill(let fill, let order):
            // A fill the portfolio refuses (already booked) is not news to anyone.
            guard (try? state.portfolio.apply(fill)) != nil else { return actions }
            guard let owner = track(order) else { return actions }
            actions += run(owner, at: now) { strategy, context in strategy.onFill(fill, order: order, context: &context) }
        case .orderUpdate(let order):
            guard let owner = track(order) else { return actions }
            if !order.status.mayBeLive && order.status != .filled {
                actions += run(owner, at: now) { strategy, context in strategy.onOrderEnded(order, context: &context) }
            }
        case .resolution(let venue, let resolution):
            for (token, payout) in resolution.payouts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                state.portfolio.settle(InstrumentID(venue: venue, token: token), payout: payout)
            }
            let key = MarketKey(venue: venue, id: resolution.marketID)
            if var market = state.markets[key] {
                market.status = .resolved
                state.markets[key] = market
            }
            actions += runAll(at: now) { strategy, context in strategy.onResolution(resolution, context: &context) }
        }
        return actions
    }

    /// Records an order the host's driver placed for `strategy`, so fills and updates reach it.
    public mutating func placed(_ order: Order, by strategy: StrategyID) {
        state.openOrders[order.id] = MarketState.OwnedOrder(strategy: strategy, order: order)
    }

    /// Updates the tracked order; returns the owner's index. Orders no longer live are dropped.
    private mutating func track(_ order: Order) -> Int? {
        guard let owned = state.openOrders[order.id], let index = strategies.firstIndex(where: { $0.id == owned.strategy })
        else { return nil }
        state.openOrders[order.id] = order.status.mayBeLive ? MarketState.OwnedOrder(strategy: owned.strategy, order: order) : nil
        return index
    }

    private mutating func runAll(
        at now: Timestamp, _ hook: (inout any Strategy, inout StrategyContext) -> Void
    ) -> [HostedAction] {
        var actions: [HostedAction] = []
        for index in strategies.indices { actions += run(index, at: now, hook) }
        return actions
    }

    private mutating func run(
        _ index: Int, at now: Timestamp, _ hook: (inout any Strategy, inout StrategyContext) -> Void
    ) -> [HostedAction] {
        let id = strategies[index].id
        var context = StrategyContext(strategy: id, now: now, state: state)
        hook(&strategies[index], &context)
        for action in context.actions {
            switch action {
            case .setTimer(let timer, let at):
                // Never at or before the hook's own time: a timer that re-arms itself "now" would
                // otherwise fire forever within one advance.
                timers[TimerKey(strategy: index, timer: timer)] = max(at, Timestamp(nanoseconds: now.nanoseconds + Self.minimumTimerDelay))
            case .cancelTimer(let timer): timers[TimerKey(strategy: index, timer: timer)] = nil
            case .submit, .basket, .cancel, .note: break
            }
        }
        return context.actions.map { HostedAction(strategy: id, action: $0, at: now) }
    }

    private static func timerOrder(_ a: (key: TimerKey, value: Timestamp), _ b: (key: TimerKey, value: Timestamp)) -> Bool {
        if a.value != b.value { return a.value < b.value }
        if a.key.strategy != b.key.strategy { return a.key.strategy < b.key.strategy }
        return a.key.timer.rawValue < b.key.timer.rawValue
    }
}
