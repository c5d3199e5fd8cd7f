/// Whether an order buys or sells contracts of its side. A YES buy at `p` is economically a NO
/// sell at `1 − p`, but the venue books and reports them as written.
public enum KalshiOrderAction: KalshiWireEnum {
    case buy, sell
    case unknown(String)

    public init(wire: String) {
        switch wire.lowercased() {
        case "buy": self = .buy
        case "sell": self = .sell
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .buy: "buy"
        case .sell: "sell"
        case .unknown(let text): text
        }
    }
}
