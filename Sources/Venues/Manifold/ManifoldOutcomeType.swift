/// What kind of question a market asks (`outcomeType`). Manifold adds kinds from time to time, so
/// a value this build does not know is kept as ``unknown(_:)`` with its text instead of failing
/// the whole listing.
public enum ManifoldOutcomeType: Sendable, Hashable, Codable, CustomStringConvertible {
    case binary
    case multipleChoice
    case pseudoNumeric
    case number
    case poll
    case bountiedQuestion
    case stonk
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "BINARY": self = .binary
        case "MULTIPLE_CHOICE": self = .multipleChoice
        case "PSEUDO_NUMERIC": self = .pseudoNumeric
        case "NUMBER": self = .number
        case "POLL": self = .poll
        case "BOUNTIED_QUESTION": self = .bountiedQuestion
        case "STONK": self = .stonk
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .binary: "BINARY"
        case .multipleChoice: "MULTIPLE_CHOICE"
        case .pseudoNumeric: "PSEUDO_NUMERIC"
        case .number: "NUMBER"
        case .poll: "POLL"
        case .bountiedQuestion: "BOUNTIED_QUESTION"
        case .stonk: "STONK"
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
