import EdgewiseCore
import EdgewiseEthereum

/// What the user (or a strategy) wants to trade, before the venue's rules turn it into amounts.
public struct PolymarketOrderIntent: Sendable, Hashable {
    /// How much: shares for limit-style orders; a USDC budget for a market BUY (FOK/FAK only).
    public enum Quantity: Sendable, Hashable {
        case shares(Size)
        case spend(Amount)
    }

    public var tokenID: TokenID
    public var side: OrderSide
    /// The limit price; for FOK/FAK, the worst acceptable price.
    public var price: Price
    public var quantity: Quantity
    public var orderType: PolymarketOrderType
    /// Unix seconds; GTD only, and at least 60 s + the intended lifetime ahead (the venue's rule).
    public var expiration: Int64?
    public var postOnly: Bool
    public var deferExec: Bool
    /// Given together with `negRisk`, the venue look-up is skipped (and works offline for dry runs).
    public var tickSize: PolymarketTickSize?
    public var negRisk: Bool?
    public var builder: Bytes32

    public init(
        tokenID: TokenID, side: OrderSide, price: Price, quantity: Quantity, orderType: PolymarketOrderType = .gtc,
        expiration: Int64? = nil, postOnly: Bool = false, deferExec: Bool = false, tickSize: PolymarketTickSize? = nil,
        negRisk: Bool? = nil, builder: Bytes32 = .zero
    ) {
        self.tokenID = tokenID
        self.side = side
        self.price = price
        self.quantity = quantity
        self.orderType = orderType
        self.expiration = expiration
        self.postOnly = postOnly
        self.deferExec = deferExec
        self.tickSize = tickSize
        self.negRisk = negRisk
        self.builder = builder
    }
}
