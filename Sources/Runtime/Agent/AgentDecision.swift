import EdgewiseCore
import EdgewiseDecision

/// One line of the agent's decision log — an order proposed and what became of it, a basket and
/// its outcome, a refusal, a strategy's note, a kill-switch trip — kept for the status view.
/// Orders and baskets are also saved as ``DecisionRecord``s in the store.
public struct AgentDecision: Hashable, Sendable {
    public var at: Timestamp
    /// The strategy behind it; nil for the agent's own (risk, reconciliation, shutdown).
    public var strategy: StrategyID?
    public var decision: DecisionID?
    public var text: String

    public init(at: Timestamp, strategy: StrategyID?, decision: DecisionID? = nil, text: String) {
        self.at = at
        self.strategy = strategy
        self.decision = decision
        self.text = text
    }
}
