/// The settlement state of a CLOB trade, from the REST API and the user channel alike
/// (`MATCHED` and `TRADE_STATUS_MATCHED` are the same state). Unknown values are kept, not
/// rejected: a trade that happened is a fact whatever its status word.
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
        var name = text.uppercased()
        if name.hasPrefix("TRADE_STATUS_") { name.removeFirst("TRADE_STATUS_".count) }
        switch name {
        case "MATCHED": self = .matched
        case "MINED": self = .mined
        case "CONFIRMED": self = .confirmed
        case "RETRYING": self = .retrying
        case "FAILED": self = .failed
        default: self = .unrecognized(text)
        }
    }

    /// Whether the execution stands (or may still stand) at this step.
    public var isExecution: Bool {
        switch self {
        case .matched, .mined, .confirmed, .retrying: true
        case .failed, .unrecognized: false
        }
    }

    public var description: String {
        switch self {
        case .matched: "MATCHED"
        case .mined: "MINED"
        case .confirmed: "CONFIRMED"
        case .retrying: "RETRYING"
        case .failed: "FAILED"
        case .unrecognized(let text): text
        }
    }
}
