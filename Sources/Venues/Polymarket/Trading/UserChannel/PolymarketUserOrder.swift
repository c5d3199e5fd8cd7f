import EdgewiseCore
import EdgewiseVenueKit
import Foundation

/// One of our orders as Polymarket reports it: an `order` event of the user channel, or an
/// element of `GET /data/orders` / `GET /data/order/{id}` (same field names, no `type`).
///
/// Prices and sizes are exact; values the venue may extend (the event `type`, the order
/// `status`) keep an explicit unknown case (`.unknown` / `.unrecognized`) rather than failing the frame.
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

    /// The order's state at the venue (`status`): the same model as the REST API's.
    public typealias Status = PolymarketOrderStatus

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
        if case .unrecognized(let raw) = status { found.append(("status", raw)) }
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
        status = try c.text(forKey: .status).flatMap { $0.isEmpty ? nil : Status(venue: $0) }
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
