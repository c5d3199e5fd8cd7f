/// How a market prices bets (`mechanism`). An unrecognised value is kept as ``unknown(_:)``.
public enum ManifoldMechanism: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One binary constant-product market maker (``CPMMPool``).
    case cpmm1
    /// One CPMM with p = 0.5 per answer of a multiple-choice market.
    case cpmmMulti1
    /// The legacy dynamic-parimutuel mechanism; no longer open to new bets.
    case dpm2
    /// Markets without a market maker (polls, bountied questions).
    case none
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "cpmm-1": self = .cpmm1
        case "cpmm-multi-1": self = .cpmmMulti1
        case "dpm-2": self = .dpm2
        case "none": self = .none
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .cpmm1: "cpmm-1"
        case .cpmmMulti1: "cpmm-multi-1"
        case .dpm2: "dpm-2"
        case .none: "none"
        case .unknown(let raw): raw
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
