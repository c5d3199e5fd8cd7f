/// Where a market is in its life. Venue-specific states map onto these; a state we do not know
/// is kept as ``unknown`` with its text rather than guessed.
public enum MarketStatus: Hashable, Codable, Sendable {
    /// Listed but not yet trading.
    case upcoming
    /// Trading.
    case open
    /// Trading paused by the venue.
    case paused
    /// No longer trading; result not yet final.
    case closed
    /// Result proposed or disputed, awaiting finality.
    case resolving
    /// Final: the winning outcome is known.
    case resolved
    /// Cancelled or voided by the venue.
    case voided
    case unknown(String)

    public var isTradable: Bool { self == .open }

    public var label: String {
        switch self {
        case .upcoming: "upcoming"
        case .open: "open"
        case .paused: "paused"
        case .closed: "closed"
        case .resolving: "resolving"
        case .resolved: "resolved"
        case .voided: "voided"
        case .unknown(let text): "unknown(\(text))"
        }
    }

    public init(label: String) {
        switch label {
        case "upcoming": self = .upcoming
        case "open": self = .open
        case "paused": self = .paused
        case "closed": self = .closed
        case "resolving": self = .resolving
        case "resolved": self = .resolved
        case "voided": self = .voided
        default:
            if label.hasPrefix("unknown("), label.hasSuffix(")") {
                self = .unknown(String(label.dropFirst(8).dropLast()))
            } else {
                self = .unknown(label)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(label: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}
