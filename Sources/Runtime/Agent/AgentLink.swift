import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution
import Synchronization

/// The order manager is built before the agent (the agent sends through it), yet every order
/// the manager sends must pass the agent's risk check. The link closes that loop: the manager's
/// pre-trade check asks whatever agent is attached, and refuses everything until one is.
public final class AgentLink: Sendable {
    private let agent = Mutex<Agent?>(nil)

    public init() {}

    public func attach(_ agent: Agent) { self.agent.withLock { $0 = agent } }

    /// The pre-trade check to give the order manager.
    public var preTradeCheck: @Sendable (OrderIntent) async -> RiskVerdict {
        { [self] intent in
            guard let agent = self.agent.withLock({ $0 }) else {
                return .refused([.killSwitchTripped(.manual("the agent is not running yet"), since: intent.bookReceivedAt ?? .now())])
            }
            return await agent.check(intent)
        }
    }

    /// The cash a venue's legs may spend, for the multi-leg pre-check (paper: the one cash pool).
    public var cash: @Sendable (VenueID) async -> Amount? {
        { [self] _ in
            guard let agent = self.agent.withLock({ $0 }) else { return nil }
            return await agent.cash
        }
    }
}

/// Multi-leg execution on the live path reads the books the agent follows; the executor is
/// built before the agent, so it reads them through the link.
extension AgentLink: LiquiditySource {
    public func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel] {
        guard let agent = agent.withLock({ $0 }) else { return [] }
        return await agent.liquidity(instrument, for: side)
    }
}
