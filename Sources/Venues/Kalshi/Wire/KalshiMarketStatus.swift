/// A market's lifecycle state as Kalshi reports it (`status` of a Market object). The query
/// filter of `GET /markets` uses a different vocabulary, ``KalshiMarketFilterStatus``.
public enum KalshiMarketStatus: KalshiWireEnum {
    case initialized, inactive, active, closed, determined, disputed, amended, finalized
    /// Older payloads said `settled` for what is now `finalized`.
    case settled
    case unknown(String)

    public init(wire: String) {
        switch wire {
        case "initialized": self = .initialized
        case "inactive": self = .inactive
        case "active": self = .active
        case "closed": self = .closed
        case "determined": self = .determined
        case "disputed": self = .disputed
        case "amended": self = .amended
        case "finalized": self = .finalized
        case "settled": self = .settled
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .initialized: "initialized"
        case .inactive: "inactive"
        case .active: "active"
        case .closed: "closed"
        case .determined: "determined"
        case .disputed: "disputed"
        case .amended: "amended"
        case .finalized: "finalized"
        case .settled: "settled"
        case .unknown(let text): text
        }
    }
}
