/// An order a strategy wants, before it is journaled: what the risk engine checks and the order
/// manager sends. It carries what those checks need and an order alone does not know — the event
/// and category the market belongs to, why it is traded, and how old the book behind its price is.
public struct OrderIntent: Hashable, Codable, Sendable {
    public var instrument: InstrumentID
    public var marketID: MarketID
    /// The venue's event (the group for exposure limits; cross-venue grouping is the risk
    /// engine's job).
    public var eventID: EventID?
    public var category: String?
    public var side: OrderSide
    public var limitPrice: Price
    public var size: Size
    public var timeInForce: TimeInForce
    public var postOnly: Bool
    public var purpose: TradePurpose
    /// The strategy that proposed it, for caps, reports and the decision record.
    public var strategy: String
    public var decisionID: DecisionID?
    /// When the book the price came from was last updated; nil when no book was consulted.
    public var bookReceivedAt: Timestamp?

    public init(
        instrument: InstrumentID, marketID: MarketID, eventID: EventID? = nil, category: String? = nil, side: OrderSide,
        limitPrice: Price, size: Size, timeInForce: TimeInForce = .goodTillCancelled, postOnly: Bool = false,
        purpose: TradePurpose, strategy: String, decisionID: DecisionID? = nil, bookReceivedAt: Timestamp? = nil
    ) {
        self.instrument = instrument
        self.marketID = marketID
        self.eventID = eventID
        self.category = category
        self.side = side
        self.limitPrice = limitPrice
        self.size = size
        self.timeInForce = timeInForce
        self.postOnly = postOnly
        self.purpose = purpose
        self.strategy = strategy
        self.decisionID = decisionID
        self.bookReceivedAt = bookReceivedAt
    }

    /// Price × size, exactly: what a buy can cost at most before fees.
    public var notional: Amount { limitPrice.cost(of: size) }

    /// The journal's order for this intent.
    public func order(id: ClientOrderID = .generate(), at time: Timestamp) -> Order {
        Order(
            id: id, instrument: instrument, marketID: marketID, side: side, limitPrice: limitPrice, size: size,
            timeInForce: timeInForce, postOnly: postOnly, decisionID: decisionID, createdAt: time)
    }
}

/// Why an order is wanted. The risk engine treats them differently: in risk-off mode only
/// arbitrage legs (and orders that reduce a position) may go out.
public enum TradePurpose: Hashable, Codable, Sendable {
    /// A leg of a guaranteed-payoff trade the radar found.
    case arbitrage(OpportunityKind, OpportunityID)
    /// A view on the probability (a forecast, a tail strategy).
    case directional
    /// Closing or reducing a position (stop-loss, take-profit, unwinding a broken leg).
    case exit
}
