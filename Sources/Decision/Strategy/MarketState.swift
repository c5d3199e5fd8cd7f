import EdgewiseAnalysis
import EdgewiseCore

/// Everything the host knows at one moment, as values: built only from the inputs it has been
/// given, in order, so a strategy reading it cannot see the future.
public struct MarketState: Sendable {
    public var books: [InstrumentID: OrderBook] = [:]
    public var markets: [MarketKey: Market] = [:]
    public var portfolio: Portfolio
    public var opportunities: [OpportunityID: Opportunity] = [:]
    public var signals: [MarketKey: ProbabilitySignal] = [:]
    public var openOrders: [ClientOrderID: OwnedOrder] = [:]

    public init(portfolio: Portfolio) {
        self.portfolio = portfolio
    }

    /// An order with the strategy that owns it.
    public struct OwnedOrder: Hashable, Sendable {
        public var strategy: StrategyID
        public var order: Order

        public init(strategy: StrategyID, order: Order) {
            self.strategy = strategy
            self.order = order
        }
    }

    /// Applies a market-data event to the book it concerns. A delta the book refuses (a gap, a
    /// crossed result) leaves that book unsynchronised until its next snapshot, which
    /// strategies see through ``OrderBook/isSynchronized``.
    public mutating func apply(_ received: ReceivedEvent) {
        switch received.event {
        case .bookSnapshot(let snapshot):
            var book = books[snapshot.instrument] ?? OrderBook(instrument: snapshot.instrument)
            try? book.apply(snapshot, receivedAt: received.receivedAt)
            books[snapshot.instrument] = book
        case .bookDelta(let delta):
            guard var book = books[delta.instrument] else { return }
            if (try? book.apply(delta, receivedAt: received.receivedAt)) == nil { book.invalidate() }
            books[delta.instrument] = book
        case .market(let notice):
            let key = MarketKey(venue: notice.venue, id: notice.marketID)
            if notice.kind == .resolved, var market = markets[key] {
                market.status = .resolved
                markets[key] = market
            }
        case .trade, .topOfBook, .tickSizeChange:
            break
        }
    }

    public mutating func apply(_ change: OpportunityChange) {
        switch change {
        case .opened(let opportunity), .updated(let opportunity): opportunities[opportunity.id] = opportunity
        case .closed(let id, _, _): opportunities[id] = nil
        }
    }
}
