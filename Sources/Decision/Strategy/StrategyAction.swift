import EdgewiseCore

/// What a strategy asks the host to do. Actions are data, collected in order and carried out by
/// the host (through sizing caps, the risk engine and the order manager), so that a run can be
/// replayed and audited action by action.
public enum StrategyAction: Hashable, Sendable {
    /// Propose an order; it is risk-checked and journaled before anything is sent.
    case submit(OrderIntent)
    /// Buy a guaranteed-payoff basket through multi-leg execution (all legs or none).
    case basket(BasketOrder)
    /// Cancel one of this strategy's open orders.
    case cancel(ClientOrderID)
    /// Call ``Strategy/onTimer(_:context:)`` at `at` (replacing a timer with the same id).
    case setTimer(TimerID, at: Timestamp)
    case cancelTimer(TimerID)
    /// A line for the decision log: why something was or was not done.
    case note(String)
}

/// An action with the strategy that asked for it.
public struct HostedAction: Hashable, Sendable {
    public var strategy: StrategyID
    public var action: StrategyAction
    public var at: Timestamp

    public init(strategy: StrategyID, action: StrategyAction, at: Timestamp) {
        self.strategy = strategy
        self.action = action
        self.at = at
    }
}
