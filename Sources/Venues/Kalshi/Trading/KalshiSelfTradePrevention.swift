/// What the venue does when an order would trade against the same account
/// (`self_trade_prevention_type`).
public enum KalshiSelfTradePrevention: KalshiWireEnum {
    /// Cancel the incoming (taker) order at the crossing price.
    case takerAtCross
    /// Cancel the resting (maker) order.
    case maker
    case unknown(String)

    public init(wire: String) {
        switch wire {
        case "taker_at_cross": self = .takerAtCross
        case "maker": self = .maker
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .takerAtCross: "taker_at_cross"
        case .maker: "maker"
        case .unknown(let text): text
        }
    }
}
