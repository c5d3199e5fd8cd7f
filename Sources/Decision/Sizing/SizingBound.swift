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

/// What the sizer returns: a size with the edge it was sized at, or why there is none.
public enum SizingResult: Hashable, Sendable {
    case size(SizingDecision, Edge)
    case declined(SizingDecline)

    public var decision: SizingDecision? {
        if case .size(let decision, _) = self { return decision }
        return nil
    }

    public var edge: Edge? {
        if case .size(_, let edge) = self { return edge }
        return nil
    }

    public var decline: SizingDecline? {
        if case .declined(let reason) = self { return reason }
        return nil
    }

    /// The size, zero when declined.
    public var sizeOrZero: Size { decision?.size ?? .zero }
}
