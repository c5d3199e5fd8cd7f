import EdgewiseAnalysis
import EdgewiseCore

/// Everything that can happen to a strategy host, in the one order the host sees it.
public enum StrategyInput: Sendable {
    case marketData(ReceivedEvent)
    case opportunity(OpportunityChange)
    case signal(ProbabilitySignal)
    /// A market was listed or its details changed.
    case market(Market)
    /// A fill on an order the host placed; `order` is its state after the fill.
    case fill(Fill, order: Order)
    /// An order's state changed without a fill (accepted, cancelled, rejected, expired).
    case orderUpdate(Order)
    /// A market settled: its tokens' payouts are credited to the portfolio.
    case resolution(VenueID, Resolution)
}
