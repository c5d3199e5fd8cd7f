import EdgewiseCore

/// The constraint that stopped the size from growing; its text goes into
/// ``SizingDecision/boundBy``.
public enum SizingBound: Hashable, Sendable, CustomStringConvertible {
    /// The method's own budget (`kelly`, `fractional kelly`, `units`, `flat`, `max loss`,
    /// `tier high cap`).
    case method(String)
    case perOrderCap
    case bankroll
    /// The offers at prices that still clear the minimum edge ran out.
    case depth
    /// A larger size would bring the average edge, after fees and slippage, under the minimum.
    case minimumEdge

    public var description: String {
        switch self {
        case .method(let label): label
        case .perOrderCap: "per-order cap"
        case .bankroll: "bankroll"
        case .depth: "depth"
        case .minimumEdge: "minimum edge"
        }
    }
}
