import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// A trade that involves one of our orders, as Polymarket reports it: a `trade` event of the
/// user channel, or an element of `GET /data/trades` (same field names).
///
/// One trade is one taker order matched against one or more maker orders. The venue reports the
/// same trade again at every settlement step (`MATCHED`, `MINED`, `CONFIRMED`, or `RETRYING`
/// then `FAILED`), so a trade id is not an execution count: see ``PolymarketTradeParticipation``.
public struct PolymarketUserTrade: Sendable, Hashable, Decodable {
    /// Settlement progress of the trade on chain: the same model as the REST API's.
    public typealias Status = PolymarketTradeStatus

    /// Which side of the trade the requesting user was on (`trader_side`, REST only).
    public enum TraderSide: Sendable, Hashable {
        case taker
        case maker
        case unknown(String)

        public init(raw: String) {
            switch raw.uppercased() {
            case "TAKER": self = .taker
            case "MAKER": self = .maker
            default: self = .unknown(raw)
            }
        }
    }

    /// One resting order the taker matched against.
    public struct MakerOrder: Sendable, Hashable, Decodable {
        public var orderID: VenueOrderID
        /// The API key that owns the maker order.
        public var owner: String?
        public var makerAddress: String?
        /// The maker's token: the trade's token, or its complement when the match mints or
        /// merges a full set.
        public var token: TokenID
        public var matchedAmount: Size
        /// The maker's limit price, at which its part executed.
        public var price: Price
        public var outcome: String?
        /// Only some payloads carry it; see ``PolymarketTradeParticipation`` for the inference.
        public var side: OrderSide?
        public var feeRateBps: String?

        public init(
            orderID: VenueOrderID, owner: String? = nil, makerAddress: String? = nil, token: TokenID, matchedAmount: Size,
            price: Price, outcome: String? = nil, side: OrderSide? = nil, feeRateBps: String? = nil
        ) {
            self.orderID = orderID
            self.owner = owner
            self.makerAddress = makerAddress
            self.token = token
            self.matchedAmount = matchedAmount
            self.price = price
            self.outcome = outcome
            self.side = side
            self.feeRateBps = feeRateBps
        }

        enum CodingKeys: String, CodingKey {
            case order_id, owner, maker_address, asset_id, matched_amount, price, outcome, side, fee_rate_bps
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            orderID = VenueOrderID(try c.requiredText(forKey: .order_id))
            owner = try c.text(forKey: .owner)
            makerAddress = try c.text(forKey: .maker_address)
            token = TokenID(try c.requiredText(forKey: .asset_id))
            matchedAmount = try c.exact(Size.self, forKey: .matched_amount)
            price = try c.exact(Price.self, forKey: .price)
            outcome = try c.text(forKey: .outcome)
            if let raw = try c.text(forKey: .side), !raw.isEmpty {
                side = try c.side(forKey: .side)
            } else {
                side = nil
            }
            feeRateBps = try c.text(forKey: .fee_rate_bps)
        }
    }

    /// The trade id; with an order id it names one execution (see ``PolymarketTradeParticipation/fillID``).
    public var id: String
    public var takerOrderID: VenueOrderID
    public var market: MarketID?
    /// The taker's token.
    public var token: TokenID
    /// The taker's side.
    public var side: OrderSide
    /// The taker's size.
    public var size: Size
    /// The taker's price.
    public var price: Price
    public var status: Status
    public var feeRateBps: String?
    /// The API key of the trade's owner. On the user channel this is the key the event is for,
    /// which is ours even when we are only a maker in the trade.
    public var owner: String?
    public var traderSide: TraderSide?
    public var makerOrders: [MakerOrder]
    public var outcome: String?
    public var matchTime: Timestamp?
    public var lastUpdate: Timestamp?
    public var time: Timestamp?
    public var transactionHash: String?

    public init(
        id: String, takerOrderID: VenueOrderID, market: MarketID? = nil, token: TokenID, side: OrderSide, size: Size,
        price: Price, status: Status, feeRateBps: String? = nil, owner: String? = nil, traderSide: TraderSide? = nil,
        makerOrders: [MakerOrder] = [], outcome: String? = nil, matchTime: Timestamp? = nil, lastUpdate: Timestamp? = nil,
        time: Timestamp? = nil, transactionHash: String? = nil
    ) {
        self.id = id
        self.takerOrderID = takerOrderID
        self.market = market
        self.token = token
        self.side = side
        self.size = size
        self.price = price
        self.status = status
        self.feeRateBps = feeRateBps
        self.owner = owner
        self.traderSide = traderSide
        self.makerOrders = makerOrders
        self.outcome = outcome
        self.matchTime = matchTime
        self.lastUpdate = lastUpdate
        self.time = time
        self.transactionHash = transactionHash
    }

    /// When the execution happened as well as the payload tells: the match time, else the
    /// event time, else the last update.
    public var executionTime: Timestamp? { matchTime ?? time ?? lastUpdate }

    /// The venue's values that this version does not know (reported by the stream).
    public var unknownValues: [(field: String, value: String)] {
        var found: [(String, String)] = []
        if case .unrecognized(let raw) = status { found.append(("status", raw)) }
        if case .unknown(let raw) = traderSide { found.append(("trader_side", raw)) }
        return found
    }

    enum CodingKeys: String, CodingKey {
        case id, taker_order_id, market, asset_id, side, size, price, status, fee_rate_bps, owner, trade_owner
        case trader_side, maker_orders, outcome, match_time, matchtime, last_update, timestamp, transaction_hash
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.requiredText(forKey: .id)
        takerOrderID = VenueOrderID(try c.requiredText(forKey: .taker_order_id))
        market = try c.text(forKey: .market).flatMap { $0.isEmpty ? nil : MarketID($0) }
        token = TokenID(try c.requiredText(forKey: .asset_id))
        side = try c.side(forKey: .side)
        size = try c.exact(Size.self, forKey: .size)
        price = try c.exact(Price.self, forKey: .price)
        status = Status(venue: try c.requiredText(forKey: .status))
        feeRateBps = try c.text(forKey: .fee_rate_bps)
        owner = try c.text(forKey: .owner) ?? c.text(forKey: .trade_owner)
        traderSide = try c.text(forKey: .trader_side).flatMap { $0.isEmpty ? nil : TraderSide(raw: $0) }
        makerOrders = try c.decodeIfPresent([MakerOrder].self, forKey: .maker_orders) ?? []
        outcome = try c.text(forKey: .outcome)
        // The documentation example says `matchtime`, the REST objects `match_time`.
        matchTime = try c.time(forKey: .match_time) ?? c.time(forKey: .matchtime)
        lastUpdate = try c.time(forKey: .last_update)
        time = try c.time(forKey: .timestamp)
        transactionHash = try c.text(forKey: .transaction_hash)
    }
}
