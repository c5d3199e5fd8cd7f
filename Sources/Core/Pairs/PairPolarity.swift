/// How the two markets of a pair line up. Venues phrase the same proposition from opposite ends
/// ("Will X win?" against "Will X lose?"), so an arbitrage buys YES on one side and, depending on
/// this, NO or YES on the other.
public enum PairPolarity: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A's YES pays exactly when B's YES pays.
    case same
    /// A's YES pays exactly when B's NO pays.
    case inverted

    public var opposite: PairPolarity { self == .same ? .inverted : .same }
    public var description: String { rawValue }
}
