import EdgewiseCore
import EdgewiseDecision

/// Everything the agent reacts to, delivered through one stream and handled one at a time in
/// arrival order — the same discipline the strategy host keeps, so a live run is a sequence of
/// inputs that could be replayed.
public enum AgentInput: Sendable {
    /// A venue's book snapshot, delta, trade or market notice.
    case marketData(ReceivedEvent)
    /// What the radar opened, updated and closed since its last flush, and its warnings.
    case opportunities([OpportunityChange], warnings: [String])
    /// The events and markets listed (at start-up) or whose details changed, and the cross-venue
    /// pairs: what strategies read, and what the risk engine groups exposure by.
    case catalog(events: [Event], markets: [Market], pairs: [MarketPair] = [])
    /// An order event the order manager journaled, with the order as it stands after it.
    case order(Order, OrderEvent)
    /// A probability from the analysis layer.
    case signal(ProbabilitySignal)
    /// The clock: timers, the kill-switch poll, the risk checks that watch equity.
    case tick
}

/// Paper trades the live public books through the paper broker; live sends real orders.
public enum AgentMode: String, Sendable, CaseIterable {
    case paper
    case live
}
