import EdgewiseCore

/// The paper broker shared by every paper venue of one run: one owner for its state, fed the
/// same market data the strategies see, and remembering each order's fills so it can answer a
/// lookup the way a venue does.
public actor PaperExchange {
    private var broker: PaperBroker
    private var fills: [ClientOrderID: [Fill]] = [:]
    private let now: @Sendable () -> Timestamp

    public init(broker: PaperBroker, now: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.broker = broker
        self.now = now
    }

    /// Applies a market-data event; returns what it did to resting orders (fills, cancels on
    /// resolution), which the caller hands to the order manager like a venue's user channel.
    public func feed(_ event: MarketDataEvent, receivedAt: Timestamp) -> [PaperOrderEvent] {
        remember(broker.apply(event, receivedAt: receivedAt) + broker.advance(to: receivedAt))
    }

    func submit(_ order: Order) -> [PaperOrderEvent] { remember(broker.submit(order, at: now())) }

    func cancel(_ id: ClientOrderID) -> [PaperOrderEvent] { remember(broker.cancel(id, at: now())) }

    func report(_ id: ClientOrderID) -> (order: Order, fills: [Fill])? {
        broker.order(id).map { ($0, fills[$0.id] ?? []) }
    }

    public var openOrders: [Order] { broker.openOrders }

    func brokerLiquidity(_ instrument: InstrumentID, _ side: OrderSide) -> [BookLevel] { broker.liquidity(instrument, for: side) }

    private func remember(_ events: [PaperOrderEvent]) -> [PaperOrderEvent] {
        for event in events { if let fill = event.fill { fills[event.order, default: []].append(fill) } }
        return events
    }
}
