import EdgewiseCore
import EdgewiseVenueKit

/// A trade of the account as `GET /data/trades` reports it: the taker order against one or more
/// maker orders.
public struct PolymarketTrade: Sendable, Hashable {
    public var id: String
    public var takerOrderID: String
    public var market: MarketID
    public var tokenID: TokenID
    /// The taker's side.
    public var side: OrderSide
    public var size: Size
    public var price: Price
    /// The fee rate in basis points, when the venue reports one.
    public var feeRateBps: Int?
    public var status: PolymarketTradeStatus
    public var matchTime: Timestamp?
    public var lastUpdate: Timestamp?
    public var outcome: String
    public var bucketIndex: Int?
    public var owner: String
    public var makerAddress: String
    public var makerOrders: [PolymarketMakerFill]
    public var transactionHash: String?
    /// Whether this account was the maker or the taker.
    public var liquidity: Liquidity?

    public init(
        id: String, takerOrderID: String, market: MarketID, tokenID: TokenID, side: OrderSide, size: Size, price: Price,
        feeRateBps: Int? = nil, status: PolymarketTradeStatus, matchTime: Timestamp? = nil, lastUpdate: Timestamp? = nil,
        outcome: String = "", bucketIndex: Int? = nil, owner: String = "", makerAddress: String = "",
        makerOrders: [PolymarketMakerFill] = [], transactionHash: String? = nil, liquidity: Liquidity? = nil
    ) {
        self.id = id
        self.takerOrderID = takerOrderID
        self.market = market
        self.tokenID = tokenID
        self.side = side
        self.size = size
        self.price = price
        self.feeRateBps = feeRateBps
        self.status = status
        self.matchTime = matchTime
        self.lastUpdate = lastUpdate
        self.outcome = outcome
        self.bucketIndex = bucketIndex
        self.owner = owner
        self.makerAddress = makerAddress
        self.makerOrders = makerOrders
        self.transactionHash = transactionHash
        self.liquidity = liquidity
    }

    /// Whether `orderID` took part in this trade, as the taker or as one of the makers. Order ids
    /// are hex, compared without regard to case.
    public func involves(orderID: String) -> Bool {
        takerOrderID.caseInsensitiveCompare(orderID) == .orderedSame
            || makerOrders.contains { $0.orderID.caseInsensitiveCompare(orderID) == .orderedSame }
    }
}

/// One maker order's part of a trade.
public struct PolymarketMakerFill: Sendable, Hashable {
    public var orderID: String
    public var owner: String
    public var makerAddress: String
    public var matchedSize: Size
    public var price: Price
    public var feeRateBps: Int?
    public var tokenID: TokenID
    public var outcome: String
    public var side: OrderSide

    public init(
        orderID: String, owner: String = "", makerAddress: String = "", matchedSize: Size, price: Price, feeRateBps: Int? = nil,
        tokenID: TokenID, outcome: String = "", side: OrderSide
    ) {
        self.orderID = orderID
        self.owner = owner
        self.makerAddress = makerAddress
        self.matchedSize = matchedSize
        self.price = price
        self.feeRateBps = feeRateBps
        self.tokenID = tokenID
        self.outcome = outcome
        self.side = side
    }
}

struct WireTrade: Decodable, Sendable {
    struct Maker: Decodable, Sendable {
        var order_id: String?
        var owner: String?
        var maker_address: String?
        var matched_amount: LenientDecimal?
        var price: LenientDecimal?
        var fee_rate_bps: LenientString?
        var asset_id: LenientString?
        var outcome: String?
        var side: String?
    }

    var id: String?
    var taker_order_id: String?
    var market: String?
    var asset_id: LenientString?
    var side: String?
    var size: LenientDecimal?
    var fee_rate_bps: LenientString?
    var price: LenientDecimal?
    var status: String?
    var match_time: LenientString?
    var last_update: LenientString?
    var outcome: String?
    var bucket_index: LenientString?
    var owner: String?
    var maker_address: String?
    var maker_orders: [Maker]?
    var transaction_hash: String?
    var trader_side: String?

    func trade(_ field: WireField) throws(VenueError) -> PolymarketTrade {
        var makers: [PolymarketMakerFill] = []
        for (index, maker) in (maker_orders ?? []).enumerated() {
            let nested = field.nested("maker_orders[\(index)].")
            makers.append(PolymarketMakerFill(
                orderID: try nested.text(maker.order_id, "order_id"), owner: maker.owner ?? "", makerAddress: maker.maker_address ?? "",
                matchedSize: try nested.exact(maker.matched_amount, "matched_amount"), price: try nested.exact(maker.price, "price"),
                feeRateBps: try nested.integer(maker.fee_rate_bps, "fee_rate_bps"),
                tokenID: TokenID(maker.asset_id?.value ?? asset_id?.value ?? ""), outcome: maker.outcome ?? "",
                side: try nested.side(maker.side, "side")))
        }
        let liquidity: Liquidity? =
            switch trader_side?.uppercased() {
            case "MAKER": .maker
            case "TAKER": .taker
            default: nil
            }
        return PolymarketTrade(
            id: try field.text(id, "id"), takerOrderID: taker_order_id ?? "", market: MarketID(market ?? ""),
            tokenID: TokenID(try field.text(asset_id?.value, "asset_id")), side: try field.side(side, "side"),
            size: try field.exact(size, "size"), price: try field.exact(price, "price"),
            feeRateBps: try field.integer(fee_rate_bps, "fee_rate_bps"),
            status: PolymarketTradeStatus(venue: try field.text(status, "status")),
            matchTime: try field.seconds(match_time, "match_time"), lastUpdate: try field.seconds(last_update, "last_update"),
            outcome: outcome ?? "", bucketIndex: try field.integer(bucket_index, "bucket_index"), owner: owner ?? "",
            makerAddress: maker_address ?? "", makerOrders: makers,
            transactionHash: transaction_hash.flatMap { $0.isEmpty ? nil : $0 }, liquidity: liquidity)
    }
}
