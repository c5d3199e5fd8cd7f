/// How long an order lives and whether it may rest on the book.
public enum TimeInForce: Hashable, Codable, Sendable {
    /// Good till cancelled.
    case goodTillCancelled
    /// Good till the given time.
    case goodTillDate(Timestamp)
    /// Fill the whole size at once or cancel it all.
    case fillOrKill
    /// Fill what is available at once and cancel the rest (Polymarket FAK, Kalshi IOC).
    case fillAndKill

    public var mayRest: Bool {
        switch self {
        case .goodTillCancelled, .goodTillDate: true
        case .fillOrKill, .fillAndKill: false
        }
    }
}

/// Whether an execution added or removed liquidity.
public enum Liquidity: String, Hashable, Codable, Sendable {
    case maker
    case taker
}
