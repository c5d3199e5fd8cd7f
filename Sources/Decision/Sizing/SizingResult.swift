import EdgewiseCore

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
