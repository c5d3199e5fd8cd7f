import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// One of our orders as Polymarket reports it: an `order` event of the user channel, or an
/// element of `GET /data/orders` / `GET /data/order/{id}` (same field names, no `type`).
///
/// Prices and sizes are exact; values the venue may extend (the event `type`, the order
/// `status`) keep an explicit `.unknown(raw)` case rather than failing the whole frame.
public struct PolymarketUserOrder: Sendable, Hashable, Decodable {
    /// Why the venue sent the event (`type`).
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case placement
        case update
        case cancellation
        case unknown(String)

        public init(raw: String) {
            switch raw.uppercased() {
            case "PLACEMENT": self = .placement
            case "UPDATE": self = .update
            case "CANCELLATION", "CANCELATION": self = .cancellation
            default: self = .unknown(raw)
            }
        }

        public var description: String {
            switch self {
            case .placement: "PLACEMENT"
            case .update: "UPDATE"
            case .cancellation: "CANCELLATION"
            case .unknown(let raw): raw
            }
        }
    }

    /// The order's state at the venue (`status`). The CLOB has sent both `LIVE` and
    /// `ORDER_STATUS_LIVE` spellings; both map to the same case.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        case live
        case matched
        case delayed
        case unmatched
        case cancelled
        case cancelledMarketResolved
        case invalid
        case unknown(String)

        public init(raw: String) {
            var name = raw.uppercased()
            if name.hasPrefix("ORDER_STATUS_") { name.removeFirst("ORDER_STATUS_".count) }
            switch name {
            case "LIVE": self = .live
            case "MATCHED": self = .matched
            case "DELAYED": self = .delayed
            case "UNMATCHED": self = .unmatched
            case "CANCELED", "CANCELLED": self = .cancelled
            case "CANCELED_MARKET_RESOLVED", "CANCELLED_MARKET_RESOLVED": self = .cancelledMarketResolved
            case "INVALID": self = .invalid
            default: self = .unknown(raw)
            }
        }

        /// The venue says the order can no longer trade.
        public var isCancelled: Bool { self == .cancelled || self == .cancelledMarketResolved }

        public var description: String {
            switch self {
            case .live: "LIVE"
            case .matched: "MATCHED"
            case .delayed: "DELAYED"
            case .unmatched: "UNMATCHED"
            case .cancelled: "CANCELED"
            case .cancelledMarketResolved: "CANCELED_MARKET_RESOLVED"
            case .invalid: "INVALID"
            case .unknown(let raw): raw
            }
        }
    }

    public var id: VenueOrderID
    /// nil on REST objects, which carry no event type.
    public var kind: Kind?
    public var status: Status?
    /// The condition id.
    public var market: MarketID?
    public var token: TokenID
    public var side: OrderSide
    public var price: Price
    public var originalSize: Size
    public var sizeMatched: Size
    public var outcome: String?
    /// The API key that owns the order.
    public var owner: String?
    public var makerAddress: String?
    /// Trade ids this order took part in, as far as the venue lists them.
    public var associateTrades: [String]
    public var orderType: String?
    /// The event time (`timestamp`), or the creation time (`created_at`) on REST objects.
    public var time: Timestamp?

    public init(
        id: VenueOrderID, kind: Kind? = nil, status: Status? = nil, market: MarketID? = nil, token: TokenID, side: OrderSide,
        price: Price, originalSize: Size, sizeMatched: Size = .zero, outcome: String? = nil, owner: String? = nil,
        makerAddress: String? = nil, associateTrades: [String] = [], orderType: String? = nil, time: Timestamp? = nil
    ) {
        self.id = id
        self.kind = kind
        self.status = status
        self.market = market
        self.token = token
        self.side = side
        self.price = price
        self.originalSize = originalSize
        self.sizeMatched = sizeMatched
        self.outcome = outcome
        self.owner = owner
        self.makerAddress = makerAddress
        self.associateTrades = associateTrades
        self.orderType = orderType
        self.time = time
    }

    /// The venue's values that this version does not know (reported by the stream).
    public var unknownValues: [(field: String, value: String)] {
        var found: [(String, String)] = []
        if case .unknown(let raw) = kind { found.append(("type", raw)) }
        if case .unknown(let raw) = status { found.append(("status", raw)) }
        return found
    }

    enum CodingKeys: String, CodingKey {
        case id, type, status, market, asset_id, side, price, original_size, size_matched, outcome, owner, order_owner
        case maker_address, associate_trades, order_type, timestamp, created_at
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = VenueOrderID(try c.requiredText(forKey: .id))
        kind = try c.text(forKey: .type).map(Kind.init(raw:))
        status = try c.text(forKey: .status).flatMap { $0.isEmpty ? nil : Status(raw: $0) }
        market = try c.text(forKey: .market).flatMap { $0.isEmpty ? nil : MarketID($0) }
        token = TokenID(try c.requiredText(forKey: .asset_id))
        side = try c.side(forKey: .side)
        price = try c.exact(Price.self, forKey: .price)
        originalSize = try c.exact(Size.self, forKey: .original_size)
        sizeMatched = try c.exactIfPresent(Size.self, forKey: .size_matched) ?? .zero
        outcome = try c.text(forKey: .outcome)
        owner = try c.text(forKey: .owner) ?? c.text(forKey: .order_owner)
        makerAddress = try c.text(forKey: .maker_address)
        // The venue sends `null` as well as `[]` when there are none.
        associateTrades = try c.decodeIfPresent([LenientString].self, forKey: .associate_trades)?.map(\.value) ?? []
        orderType = try c.text(forKey: .order_type)
        time = try c.time(forKey: .timestamp) ?? c.time(forKey: .created_at)
    }
}
