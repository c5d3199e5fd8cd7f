import EdgewiseCore
import EdgewiseDecision
import EdgewiseKalshi

extension VenueFees {
    /// Until the host wires each market's real schedule: Kalshi's general taker fee
    /// (0.07 × C × P × (1 − P), rounded up to the cent) on every venue. It is Kalshi's actual
    /// fee, at least Manifold's (the same formula without the cent), and above Polymarket's usual
    /// per-market schedules, so it can hide a trade but not invent one.
    public static let provisional = VenueFees(
        byVenue: [:], otherwise: KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: nil))
}

/// The strategies the agent runs: those configured (and enabled), or only the ones named with
/// `--strategy`, in configuration order. A name that is not configured is an error listing the
/// names that are.
public func makeStrategies(
    _ agent: AgentSettings, only names: [String]?, fees: VenueFees = .provisional, categories: MarketCategories = .unknown
) throws(ConfigurationError) -> [any Strategy] {
    var selected = agent.strategies
    if let names {
        let configured = agent.strategies.map(\.name)
        for name in names where !configured.contains(name) {
            let disabled = agent.disabledStrategies.contains(name) ? " (it is disabled: set enabled = true)" : ""
            throw .invalidValue(
                source: "--strategy", value: name,
                expected: "one of the configured strategies\(disabled): \(configured.isEmpty ? "(none)" : configured.joined(separator: ", "))")
        }
        selected = agent.strategies.filter { names.contains($0.name) }
    }
    return selected.map { settings -> any Strategy in
        switch settings {
        case .arbitrage(let name, let settings):
            ArbitrageStrategy(id: StrategyID(name), settings: settings, categories: categories)
        case .nearResolutionTail(let name, let settings):
            NearResolutionTailStrategy(id: StrategyID(name), settings: settings, fees: fees, categories: categories)
        case .confidenceTiers(let name, let settings):
            ConfidenceTierStrategy(
                id: StrategyID(name), settings: settings, method: agent.sizing, limits: agent.sizingLimits, fees: fees,
                categories: categories)
        }
    }
}
