/// The direction of an order or a trade from the aggressor's or owner's point of view.
public enum OrderSide: String, Hashable, Codable, Sendable, CaseIterable {
    case buy
    case sell

    public var opposite: OrderSide { self == .buy ? .sell : .buy }
    /// The side of the book an order of this direction rests on.
    public var restingSide: BookSide { self == .buy ? .bid : .ask }
    /// The side of the book an order of this direction takes liquidity from.
    public var takingSide: BookSide { self == .buy ? .ask : .bid }
}

/// One side of an order book.
public enum BookSide: String, Hashable, Codable, Sendable, CaseIterable {
    case bid
    case ask
}

/// One price level: the total size resting at a price.
public struct BookLevel: Hashable, Codable, Sendable {
    public var price: Price
    public var size: Size

    public init(price: Price, size: Size) {
        self.price = price
        self.size = size
    }
}
