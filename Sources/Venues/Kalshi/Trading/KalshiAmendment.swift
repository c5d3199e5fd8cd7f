import EdgewiseCore

/// order. The venue wants the order's ticker, side and action repeated.
public struct KalshiAmendment: Sendable, Hashable {
    public var orderID: String
    public var ticker: String
    public var side: KalshiSide
    public var action: KalshiOrderAction
    /// The new limit price of `side`'s contracts.
    public var price: Price
    /// The new maximum fillable count (filled plus remaining).
    public var count: Size
    /// A new client order id for the amended order, when the caller tracks orders by it.
    public var updatedClientOrderID: String?

    public init(
        orderID: String, ticker: String, side: KalshiSide, action: KalshiOrderAction, price: Price, count: Size,
        updatedClientOrderID: String? = nil
    ) {
        self.orderID = orderID
        self.ticker = ticker
        self.side = side
        self.action = action
        self.price = price
        self.count = count
        self.updatedClientOrderID = updatedClientOrderID
    }
}
