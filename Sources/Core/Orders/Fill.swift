/// One execution of (part of) an order.
public struct Fill: Hashable, Codable, Sendable, Identifiable {
    public var id: FillID
    public var clientOrderID: ClientOrderID?
    public var venueOrderID: VenueOrderID?
    public var instrument: InstrumentID
    public var side: OrderSide
    public var price: Price
    public var size: Size
    /// Fees charged on this fill (positive = paid).
    public var fee: Amount
    public var liquidity: Liquidity?
    public var time: Timestamp

    public init(
        id: FillID, clientOrderID: ClientOrderID? = nil, venueOrderID: VenueOrderID? = nil,
        instrument: InstrumentID, side: OrderSide, price: Price, size: Size, fee: Amount = .zero,
        liquidity: Liquidity? = nil, time: Timestamp
    ) {
        self.id = id
        self.clientOrderID = clientOrderID
        self.venueOrderID = venueOrderID
        self.instrument = instrument
        self.side = side
        self.price = price
        self.size = size
        self.fee = fee
        self.liquidity = liquidity
        self.time = time
    }

    /// Exact price × size.
    public var notional: Amount { price.cost(of: size, .halfUp) }
}
