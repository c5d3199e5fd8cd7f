import EdgewiseCore
import EdgewiseVenueKit

/// An order as `GET /data/orders` and `GET /data/order/{id}` report it.
public struct PolymarketOpenOrder: Sendable, Hashable {
    /// The order id (the EIP-712 order hash).
    public var id: String
    public var status: PolymarketOrderStatus
    /// The market's condition id.
    public var market: MarketID
    public var tokenID: TokenID
    public var side: OrderSide
    public var price: Price
    public var originalSize: Size
    public var sizeMatched: Size
    public var outcome: String
    /// `GTC`, `GTD`, `FOK` or `FAK`; nil when the venue sent something else.
    public var orderType: PolymarketOrderType?
    public var createdAt: Timestamp?
    /// Nil for orders without an expiration.
    public var expiration: Timestamp?
    public var associatedTradeIDs: [String]
    public var makerAddress: String
    /// The API key that placed it.
    public var owner: String

    public var remainingSize: Size { originalSize - sizeMatched }

    public init(
        id: String, status: PolymarketOrderStatus, market: MarketID, tokenID: TokenID, side: OrderSide, price: Price,
        originalSize: Size, sizeMatched: Size, outcome: String = "", orderType: PolymarketOrderType? = nil,
        createdAt: Timestamp? = nil, expiration: Timestamp? = nil, associatedTradeIDs: [String] = [], makerAddress: String = "",
        owner: String = ""
    ) {
        self.id = id
        self.status = status
        self.market = market
        self.tokenID = tokenID
        self.side = side
        self.price = price
        self.originalSize = originalSize
        self.sizeMatched = sizeMatched
        self.outcome = outcome
        self.orderType = orderType
        self.createdAt = createdAt
        self.expiration = expiration
        self.associatedTradeIDs = associatedTradeIDs
        self.makerAddress = makerAddress
        self.owner = owner
    }
}

struct WireOpenOrder: Decodable, Sendable {
    var id: String?
    var status: String?
    var owner: String?
    var maker_address: String?
    var market: String?
    var asset_id: LenientString?
    var side: String?
    var original_size: LenientDecimal?
    var size_matched: LenientDecimal?
    var price: LenientDecimal?
    var associate_trades: [String]?
    var outcome: String?
    var created_at: LenientString?
    var expiration: LenientString?
    var order_type: String?

    func order(_ field: WireField) throws(VenueError) -> PolymarketOpenOrder {
        PolymarketOpenOrder(
            id: try field.text(id, "id"), status: PolymarketOrderStatus(venue: try field.text(status, "status")),
            market: MarketID(market ?? ""), tokenID: TokenID(try field.text(asset_id?.value, "asset_id")),
            side: try field.side(side, "side"), price: try field.exact(price, "price"),
            originalSize: try field.exact(original_size, "original_size"),
            sizeMatched: try field.optionalExact(size_matched, "size_matched") ?? .zero, outcome: outcome ?? "",
            orderType: order_type.flatMap { PolymarketOrderType(rawValue: $0.uppercased()) },
            createdAt: try field.seconds(created_at, "created_at"), expiration: try field.seconds(expiration, "expiration"),
            associatedTradeIDs: associate_trades ?? [], makerAddress: maker_address ?? "", owner: owner ?? "")
    }
}
