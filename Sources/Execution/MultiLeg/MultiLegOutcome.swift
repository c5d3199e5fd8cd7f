import EdgewiseCore

/// How a multi-leg trade ended, recorded on its decision.
public enum MultiLegOutcome: Hashable, Sendable {
    /// Every leg bought the same size: the basket is whole.
    case completed(size: Size, orders: [ClientOrderID])
    /// A leg could not be filled in full within its slippage and time budget: the basket was
    /// shrunk to what that leg got and the excess of the legs already bought was sold back
    /// (zero: nothing is held).
    case shrunk(size: Size, orders: [ClientOrderID], unwinds: [ClientOrderID], reason: String)
    /// A pre-check failed; nothing was sent.
    case aborted([LegProblem])
    /// A leg's outcome is not known (the venue could not say whether it filled): no further leg
    /// was sent and nothing was unwound, because either could create the exposure it means to
    /// remove. Reconciliation settles the order; until then the risk engine should be risk-off.
    case uncertain(ClientOrderID, orders: [ClientOrderID], reason: String)

    public var note: String {
        switch self {
        case .completed(let size, _): "multi-leg: completed, \(size) baskets"
        case .shrunk(let size, _, let unwinds, let reason): "multi-leg: shrunk to \(size) baskets (\(reason)); \(unwinds.count) unwind order(s)"
        case .aborted(let problems): "multi-leg: not sent: " + problems.map(\.description).joined(separator: "; ")
        case .uncertain(let order, _, let reason): "multi-leg: stopped, outcome of \(order) unknown (\(reason)); left to reconciliation"
        }
    }
}
