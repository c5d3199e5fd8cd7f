/// The settlement state of a CLOB trade. Unknown values are kept, not rejected: a trade that
/// happened is a fact whatever its status word.
public enum PolymarketTradeStatus: Sendable, Hashable, CustomStringConvertible {
    /// Matched off-chain; settlement not yet sent.
    case matched
    /// The settlement transaction is in a block.
    case mined
    /// Settled with enough confirmations.
    case confirmed
    /// Settlement failed and is being retried.
    case retrying
    /// Settlement failed for good; the trade did not happen.
    case failed
    case unrecognized(String)

    public init(venue text: String) {
        switch text.uppercased() {
        case "MATCHED": self = .matched
        case "MINED": self = .mined
        case "CONFIRMED": self = .confirmed
        case "RETRYING": self = .retrying
        case "FAILED": self = .failed
        default: self = .unrecognized(text)
        }
    }

    public var description: String {
        switch self {
        case .matched: "MATCHED"
        case .mined: "MINED"
        case .confirmed: "CONFIRMED"
        case .retrying: "RETRYING"
        case .failed: "FAILED"
        case .unrecognized(let text): "unrecognized(\(text))"
        }
    }
}
