/// The state of an order as the CLOB reports it (`live`, `matched`, … — lower case in order
/// replies, upper case in order listings).
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
    case canceled
    case unrecognized(String)

    public init(venue text: String) {
        switch text.uppercased() {
        case "LIVE": self = .live
        case "MATCHED": self = .matched
        case "DELAYED": self = .delayed
        case "UNMATCHED": self = .unmatched
        case "CANCELED", "CANCELLED": self = .canceled
        default: self = .unrecognized(text)
        }
    }

    public var description: String {
        switch self {
        case .live: "LIVE"
        case .matched: "MATCHED"
        case .delayed: "DELAYED"
        case .unmatched: "UNMATCHED"
        case .canceled: "CANCELED"
        case .unrecognized(let text): "unrecognized(\(text))"
        }
    }
}
