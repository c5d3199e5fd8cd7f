/// The named price grid of a market (`price_level_structure`). Explicit `price_ranges` take
/// precedence when a market sends them; see ``KalshiPriceGrid``.
public enum KalshiPriceLevelStructure: KalshiWireEnum {
    /// 0.01 everywhere.
    case linearCent
    /// 0.001 below 0.10 and above 0.90, 0.01 in between.
    case taperedDeciCent
    /// 0.001 everywhere.
    case deciCent
    case unknown(String)

    public init(wire: String) {
        switch wire {
        case "linear_cent": self = .linearCent
        case "tapered_deci_cent": self = .taperedDeciCent
        case "deci_cent": self = .deciCent
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .linearCent: "linear_cent"
        case .taperedDeciCent: "tapered_deci_cent"
        case .deciCent: "deci_cent"
        case .unknown(let text): text
        }
    }
}
