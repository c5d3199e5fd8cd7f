/// A series' fee structure (`fee_type`), named after the tables of Kalshi's fee schedule.
public enum KalshiFeeType: KalshiWireEnum {
    /// The general trading-fee table: takers pay, makers do not.
    case quadratic
    /// The general table for takers, plus the maker-fee section for resting orders that fill.
    case quadraticWithMakerFees
    /// The "specific trading fees" table.
    case flat
    case unknown(String)

    public init(wire: String) {
        switch wire {
        case "quadratic": self = .quadratic
        case "quadratic_with_maker_fees": self = .quadraticWithMakerFees
        case "flat": self = .flat
        default: self = .unknown(wire)
        }
    }

    public var wire: String {
        switch self {
        case .quadratic: "quadratic"
        case .quadraticWithMakerFees: "quadratic_with_maker_fees"
        case .flat: "flat"
        case .unknown(let text): text
        }
    }
}
