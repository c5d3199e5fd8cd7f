import EdgewiseCore
import EdgewiseDecision

/// How the trading agent runs: where it trades, with how much paper cash, under which risk
/// limits and sizing, and which strategies. Read from `[agent]`, `[risk]`, `[sizing]` and
/// `[strategies.<name>]`; every key has a default, so an empty file runs the arbitrage strategy
/// on paper over the three venues.
public struct AgentSettings: Sendable, Equatable {
    /// `[agent] venues`. Default Polymarket and Kalshi, the venues whose books the radar follows.
    public var venues: [VenueID] = [.polymarket, .kalshi]
    /// `[agent] paper_cash`: the paper broker's starting cash. Default 1000.
    public var paperCash: Amount = 1000
    /// `[agent] on_shutdown`: what happens to open orders when the agent stops. Default cancel.
    public var onShutdown: ShutdownPolicy = .cancel
    /// `[agent] status_interval_seconds`. Default 5.
    public var statusIntervalSeconds: Double = 5
    /// `[agent] kill_switch_poll_seconds`. Default 1.
    public var killSwitchPollSeconds: Double = 1
    /// `[agent] max_book_age_seconds`: also the default of the strategies' own book-age limits.
    /// Default 30.
    public var maxBookAgeSeconds: Double = 30
    /// `[risk]`, every field of ``RiskLimits`` in snake_case.
    public var risk: RiskLimits = .standard
    /// `[sizing] method` and its parameters. Default confidence tiers proportional to the bankroll.
    public var sizing: SizingMethod = .default(bankroll: 1000)
    /// `[sizing]` limits. Default: the bankroll is the paper cash, 5 % of it per order.
    public var sizingLimits = SizingLimits(bankroll: 1000, perOrderCap: 50)
    /// `[strategies.<name>]` with `enabled = true`, sorted by name. With none configured: one
    /// `arbitrage` strategy over all four kinds with default settings.
    public var strategies: [StrategySettings] = [.arbitrage(name: "arbitrage", ArbitrageSettings())]
    /// The names of strategies configured with `enabled = false`.
    public var disabledStrategies: [String] = []
    /// `[exits]`: stop-loss, take-profit and trailing stop on directional positions (distances
    /// in price from the average cost), and the share sold when one fires. Default: none.
    public var exits = ExitPolicy()
    /// `[agent] twap_above` (a notional), `twap_slices` (default 5), `twap_seconds` (default
    /// 300): directional buys above the notional are worked as a TWAP. Default: none.
    public var twap: TWAPPolicy?

    public init() {}
}

/// What happens to the agent's open orders when it stops.
public enum ShutdownPolicy: String, Sendable, Equatable, CaseIterable {
    /// Cancel every open order (the safe default: nothing keeps trading unattended).
    case cancel
    /// Leave resting orders at the venues.
    case keep
}

/// One configured strategy: its name (the table's, the CLI's `--strategy`, the id on every
/// order) and its settings.
public enum StrategySettings: Sendable, Equatable {
    case arbitrage(name: String, ArbitrageSettings)
    case nearResolutionTail(name: String, NearResolutionTailSettings)
    case confidenceTiers(name: String, ConfidenceTierSettings)

    public var name: String {
        switch self {
        case .arbitrage(let name, _), .nearResolutionTail(let name, _), .confidenceTiers(let name, _): name
        }
    }

    /// The `type` value of the strategy's table.
    public var type: StrategyType {
        switch self {
        case .arbitrage: .arbitrage
        case .nearResolutionTail: .nearResolutionTail
        case .confidenceTiers: .confidenceTiers
        }
    }

    /// The `type = "…"` values.
    public enum StrategyType: String, Sendable, CaseIterable {
        case arbitrage
        case nearResolutionTail = "near_resolution_tail"
        case confidenceTiers = "confidence_tiers"
    }
}
