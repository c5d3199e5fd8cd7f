import EdgewiseCore
import EdgewiseDecision
import Foundation

/// What the agent holds and is doing, at one moment: the live status view and the final
/// summary both print it.
public struct AgentStatus: Sendable {
    public struct Holding: Sendable {
        public var instrument: InstrumentID
        public var size: Size
        public var averageCost: Price?
        /// The best bid (or the complement's ask); nil when no book is followed.
        public var mark: Price?
        public var unrealizedPnL: Amount?
    }

    public var mode: AgentMode
    public var at: Timestamp
    public var strategies: [StrategyID]
    public var cash: Amount
    public var equity: Amount
    /// Equity now minus equity when this run started.
    public var pnl: Amount
    public var realizedPnL: Amount
    public var holdings: [Holding]
    public var openOrders: [Order]
    public var recentDecisions: [AgentDecision]
    public var warnings: [String]
    public var killSwitch: KillSwitchState
    public var openOpportunities: Int
    public var booksFollowed: Int
    public var ordersSent: Int
    public var ordersRefused: Int
    public var baskets: Int
    public var fills: Int

    /// A screenful: the headline, positions, open orders, then the latest decisions.
    public func render() -> String {
        var lines: [String] = []
        let switchText = killSwitch.trip.map { "TRIPPED since \(Self.time($0.at)): \($0.reason)" } ?? "armed"
        lines.append(
            "edgewise \(mode.rawValue) · \(Self.time(at)) · strategies: \(strategies.map(\.rawValue).joined(separator: ", "))")
        lines.append(
            "equity \(equity)  cash \(cash)  P&L \(Self.signed(pnl)) (realized \(Self.signed(realizedPnL)))  kill switch: \(switchText)")
        lines.append(
            "books \(booksFollowed) · opportunities \(openOpportunities) · orders sent \(ordersSent), refused \(ordersRefused) · baskets \(baskets) · fills \(fills)")
        lines.append("")
        lines.append("POSITIONS (\(holdings.count))")
        for holding in holdings {
            let cost = holding.averageCost.map { "\($0)" } ?? "-"
            let mark = holding.mark.map { "\($0)" } ?? "-"
            let pnl = holding.unrealizedPnL.map(Self.signed) ?? "-"
            lines.append("  \(holding.instrument)  \(holding.size) @ \(cost)  mark \(mark)  unrealized \(pnl)")
        }
        lines.append("OPEN ORDERS (\(openOrders.count))")
        for order in openOrders {
            lines.append(
                "  \(order.id)  \(order.side) \(order.remainingSize)/\(order.size) \(order.instrument) @ \(order.limitPrice)  \(order.status)")
        }
        lines.append("LATEST DECISIONS")
        for decision in recentDecisions.reversed() {
            lines.append("  \(Self.time(decision.at))  \(decision.strategy.map { "[\($0)] " } ?? "")\(decision.text)")
        }
        if !warnings.isEmpty {
            lines.append("WARNINGS")
            for warning in warnings.suffix(5) { lines.append("  \(warning)") }
        }
        return lines.joined(separator: "\n")
    }

    static func signed(_ amount: Amount) -> String { amount.units >= 0 ? "+\(amount)" : "\(amount)" }

    public static func time(_ timestamp: Timestamp) -> String {
        let date = Date(timeIntervalSince1970: Double(timestamp.nanoseconds) / 1e9)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension Agent {
    public func status() -> AgentStatus {
        let marks = marks()
        let portfolio = host.state.portfolio
        let equity = equity(marks: marks)
        let holdings = portfolio.positions.values.filter { !$0.isFlat }.sorted { $0.instrument < $1.instrument }.map { position in
            AgentStatus.Holding(
                instrument: position.instrument, size: position.size, averageCost: position.averageCost,
                mark: marks[position.instrument], unrealizedPnL: marks[position.instrument].map { position.unrealizedPnL(mark: $0) })
        }
        return AgentStatus(
            mode: settings.mode, at: clock, strategies: host.strategyIDs, cash: portfolio.cash, equity: equity,
            pnl: equity - startingEquity, realizedPnL: portfolio.realizedPnL, holdings: holdings,
            openOrders: ((try? store.ordersThatMayBeLive()) ?? []).sorted { $0.createdAt < $1.createdAt },
            recentDecisions: recent, warnings: warnings, killSwitch: killSwitch,
            openOpportunities: host.state.opportunities.count, booksFollowed: host.state.books.count,
            ordersSent: counters.ordersSent, ordersRefused: counters.ordersRefused, baskets: counters.baskets,
            fills: counters.fills)
    }
}
