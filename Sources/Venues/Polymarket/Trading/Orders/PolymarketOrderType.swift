/// How long an order may live on the CLOB, as the `orderType` field of `POST /order` names it.
public enum PolymarketOrderType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Good till cancelled: rests on the book.
    case gtc = "GTC"
    /// Good till the `expiration` inside the signed order (unix seconds; the venue adds a 60 s
    /// security threshold, so an order meant to live N seconds carries `now + 60 + N`).
    case gtd = "GTD"
    /// Fill or kill: fills completely at once or not at all.
    case fok = "FOK"
    /// Fill and kill: fills what it can at once, the rest is cancelled.
    case fak = "FAK"

    /// Post-only means "rest, never take": it only makes sense for orders that may rest.
    public var allowsPostOnly: Bool { self == .gtc || self == .gtd }
}
