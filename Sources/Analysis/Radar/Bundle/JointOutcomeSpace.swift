/// The joint outcomes of a set of markets that every constraint allows, and which markets' YES
/// pays in each: the payoff matrix the bundle optimizer guarantees against.
///
/// Several constraints over shared markets combine by a natural join — a joint outcome must agree
/// with one allowed state of every constraint on the markets they share — so a ladder and a
/// partition over overlapping markets yield only the outcomes both allow.
public struct JointOutcomeSpace: Hashable, Sendable {
    public let markets: [VenueMarketKey]
    /// `states[s][m]`: whether market `m`'s YES pays in joint outcome `s`.
    public let states: [[Bool]]

    public init(_ constraint: MarketConstraint) {
        markets = constraint.members.map(\.market)
        states = constraint.states
    }

    /// The outcomes all `constraints` allow; nil when they contradict each other (no outcome is
    /// possible, so the metadata is wrong and nothing should be traded on it) or when the join
    /// would exceed `maxStates`.
    public init?(_ constraints: [MarketConstraint], maxStates: Int = 4096) {
        guard let first = constraints.first else { return nil }
        var markets = first.members.map(\.market)
        var states = first.states
        for constraint in constraints.dropFirst() {
            let columns = constraint.members.map(\.market)
            let shared: [(left: Int, right: Int)] = columns.enumerated().compactMap { right, market in
                markets.firstIndex(of: market).map { (left: $0, right: right) }
            }
            let added = columns.indices.filter { index in !markets.contains(columns[index]) }
            var joined: [[Bool]] = []
            for left in states {
                for right in constraint.states where shared.allSatisfy({ left[$0.left] == right[$0.right] }) {
                    let combined = left + added.map { right[$0] }
                    if !joined.contains(combined) { joined.append(combined) }
                    if joined.count > maxStates { return nil }
                }
            }
            markets += added.map { columns[$0] }
            states = joined
        }
        guard !states.isEmpty else { return nil }
        self.markets = markets
        self.states = states
    }

    public var stateCount: Int { states.count }

    /// Whether `market`'s YES pays in state `state`.
    public func pays(_ market: Int, in state: Int) -> Bool { states[state][market] }
}
