import EdgewiseAnalysis
import EdgewiseCore

/// What a strategy may read and do during one hook: the state known at ``now`` (books,
/// portfolio, open radar opportunities, the latest signals, the markets) and a buffer for the
/// actions it proposes. Reads are of values, so nothing a strategy holds on to can change under
/// it, and there is nothing to read beyond `now`.
public struct StrategyContext: Sendable {
    public let strategy: StrategyID
    public let now: Timestamp
    public let state: MarketState
    public private(set) var actions: [StrategyAction] = []

    public init(strategy: StrategyID, now: Timestamp, state: MarketState) {
        self.strategy = strategy
        self.now = now
        self.state = state
    }

    public var portfolio: Portfolio { state.portfolio }
    public func book(_ instrument: InstrumentID) -> OrderBook? { state.books[instrument] }
    public func market(venue: VenueID, id: MarketID) -> Market? { state.markets[MarketKey(venue: venue, id: id)] }
    public var opportunities: [Opportunity] { state.opportunities.values.sorted { $0.profit > $1.profit } }
    public func signal(venue: VenueID, market: MarketID) -> ProbabilitySignal? { state.signals[MarketKey(venue: venue, id: market)] }
    /// This strategy's orders that may still be live at the venue.
    public var openOrders: [Order] {
        state.openOrders.values.filter { $0.strategy == strategy }.map(\.order).sorted { $0.createdAt < $1.createdAt }
    }

    public mutating func submit(_ intent: OrderIntent) { actions.append(.submit(intent)) }
    public mutating func execute(_ basket: BasketOrder) { actions.append(.basket(basket)) }
    public mutating func cancel(_ order: ClientOrderID) { actions.append(.cancel(order)) }
    public mutating func setTimer(_ timer: TimerID, at time: Timestamp) { actions.append(.setTimer(timer, at: time)) }
    public mutating func setTimer(_ timer: TimerID, after seconds: Double) { setTimer(timer, at: now.adding(seconds: seconds)) }
    public mutating func cancelTimer(_ timer: TimerID) { actions.append(.cancelTimer(timer)) }
    public mutating func note(_ text: String) { actions.append(.note(text)) }

    /// A decision id for this strategy's `sequence`-th proposal: deterministic (a replay of the
    /// same inputs gives the same ids) and unique across runs (it carries the hook's time), so a
    /// restarted agent never overwrites an earlier run's decision with the same name.
    public func decisionID(_ sequence: Int) -> DecisionID {
        DecisionID("\(strategy.rawValue)-\(now.nanoseconds)-\(sequence)")
    }
}

/// A market by venue and id.
public struct MarketKey: Hashable, Codable, Sendable {
    public var venue: VenueID
    public var id: MarketID

    public init(venue: VenueID, id: MarketID) {
        self.venue = venue
        self.id = id
    }
}
