import EdgewiseAnalysis
import EdgewiseCore

/// A trading strategy: reacts to what happens (book changes, trades, radar opportunities,
/// analysis signals, its own fills, resolutions, timers) by proposing actions through its
/// ``StrategyContext``.
///
/// A strategy never sends anything itself and never reads a clock, a network or a file: it sees
/// only the context the host hands it, which holds exactly what is known at the simulated or
/// real `now`. That is what makes a backtest of the same inputs give the same decisions as the
/// live run, and what keeps look-ahead out — there is nothing later to read. Every proposed
/// order still goes through sizing caps and the risk engine, which the strategy cannot bypass.
///
/// Third-party strategies are ordinary types in their own package conforming to this protocol:
///
/// ```swift
/// import EdgewiseDecision
///
/// struct BuyTheDip: Strategy {
///     let id: StrategyID = "buy-the-dip"
///     mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext) {
///         guard case .bookDelta(let delta) = event.event,
///               let ask = context.book(delta.instrument)?.bestAsk, ask.price < Price("0.10")! else { return }
///         context.submit(OrderIntent(instrument: delta.instrument, marketID: …, side: .buy,
///                                    limitPrice: ask.price, size: 10, purpose: .directional, strategy: id.rawValue))
///     }
/// }
/// ```
///
/// Every hook has a default that does nothing, so a strategy implements only what it uses.
public protocol Strategy: Sendable {
    var id: StrategyID { get }

    /// Once, before any other hook (timers are usually set here).
    mutating func onStart(context: inout StrategyContext)
    /// A book snapshot or delta, a trade, a top of book or a market notice, already applied to
    /// the context's books.
    mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext)
    /// The radar opened, updated or closed an opportunity.
    mutating func onOpportunity(_ change: OpportunityChange, context: inout StrategyContext)
    /// A probability from the analysis layer (a forecast, a fair-value model).
    mutating func onSignal(_ signal: ProbabilitySignal, context: inout StrategyContext)
    /// One of this strategy's orders filled (partly); the portfolio already includes it.
    mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext)
    /// One of this strategy's orders ended without filling completely (rejected, cancelled,
    /// expired).
    mutating func onOrderEnded(_ order: Order, context: inout StrategyContext)
    /// A market settled; the portfolio already holds the payout.
    mutating func onResolution(_ resolution: Resolution, context: inout StrategyContext)
    /// A timer this strategy set came due.
    mutating func onTimer(_ timer: TimerID, context: inout StrategyContext)
}

extension Strategy {
    public mutating func onStart(context: inout StrategyContext) {}
    public mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext) {}
    public mutating func onOpportunity(_ change: OpportunityChange, context: inout StrategyContext) {}
    public mutating func onSignal(_ signal: ProbabilitySignal, context: inout StrategyContext) {}
    public mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext) {}
    public mutating func onOrderEnded(_ order: Order, context: inout StrategyContext) {}
    public mutating func onResolution(_ resolution: Resolution, context: inout StrategyContext) {}
    public mutating func onTimer(_ timer: TimerID, context: inout StrategyContext) {}
}

/// A strategy's name: in configuration, on every order it proposes, in reports.
public struct StrategyID: RawRepresentable, Hashable, Codable, Sendable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: StrategyID, rhs: StrategyID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A strategy's own name for one of its timers.
public struct TimerID: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}
