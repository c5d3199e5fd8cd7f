/// How a market order treats the part the book cannot fill at once: the choice decides whether a
/// thin book is an error (FOK) or a partial fill (FAK) when the worst price is worked out.
public enum PolymarketMarketOrderKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fill the whole quantity at once or not at all.
    case fillOrKill = "FOK"
    /// Fill what the book holds at once and cancel the rest.
    case fillAndKill = "FAK"
}
