/// The state of an order as the CLOB reports it — in order replies, order listings and the user
/// channel alike (`live`, `LIVE` and `ORDER_STATUS_LIVE` are the same state).
///
/// A value this client does not know is kept as ``unrecognized(_:)`` rather than failing the whole
/// reply: the order exists whatever its status, and losing its id would be worse than not
/// understanding one word. Callers should treat an unrecognized status as "may still be live" and
/// reconcile.
public enum PolymarketOrderStatus: Sendable, Hashable, CustomStringConvertible {
    /// Resting on the book.
    case live
    /// Matched on arrival (fully or partly).
    case matched
    /// Marketable, but matching was delayed by the venue.
    case delayed
    /// Marketable, matching failed for now; the order was placed.
    case unmatched
    case cancelled
    /// Cancelled by the venue because the market resolved.
    case cancelledMarketResolved
    case invalid
    case unrecognized(String)

    public init(venue text: String) {
        var name = text.uppercased()
        if name.hasPrefix("ORDER_STATUS_") { name.removeFirst("ORDER_STATUS_".count) }
        switch name {
        case "LIVE": self = .live
        case "MATCHED": self = .matched
        case "DELAYED": self = .delayed
        case "UNMATCHED": self = .unmatched
        case "CANCELED", "CANCELLED": self = .cancelled
        case "CANCELED_MARKET_RESOLVED", "CANCELLED_MARKET_RESOLVED": self = .cancelledMarketResolved
        case "INVALID": self = .invalid
        default: self = .unrecognized(text)
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
        case .unrecognized(let text): text
        }
    }
}
