/// An order's state (`status`). `pending` appears in older payloads for orders not yet on the
/// book; an unknown word is kept, and callers should treat it as "may still be live".
public enum KalshiOrderStatus: KalshiWireEnum {
    case resting, canceled, executed, pending
    case unknown(String)

    public init(wire: String) {
        switch wire.lowercased() {
        case "resting": self = .resting
        case "canceled", "cancelled": self = .canceled
        case "executed": self = .executed
        case "pending": self = .pending
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .resting: "resting"
        case .canceled: "canceled"
        case .executed: "executed"
        case .pending: "pending"
        case .unknown(let text): text
        }
    }

    /// Whether the order can still trade (or, for an unknown word, might).
    public var mayBeLive: Bool {
        switch self {
        case .resting, .pending, .unknown: true
        case .canceled, .executed: false
        }
    }
}
