/// How a market settled (`result`); empty until it is determined.
public enum KalshiMarketResult: KalshiWireEnum {
    case yes, no
    /// A scalar market: the YES side is worth `settlement_value_dollars`.
    case scalar
    /// Settlements report `void` for a market whose contracts were returned at cost.
    case void
    case undetermined
    case unknown(String)

    public init(wire: String) {
        switch wire {
        case "yes": self = .yes
        case "no": self = .no
        case "scalar": self = .scalar
        case "void": self = .void
        case "": self = .undetermined
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .yes: "yes"
        case .no: "no"
        case .scalar: "scalar"
        case .void: "void"
        case .undetermined: ""
        case .unknown(let text): text
        }
    }
}
