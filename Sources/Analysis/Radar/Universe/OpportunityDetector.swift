import EdgewiseCore

/// One evaluation unit of the radar: an event's partition, a cross-venue pair, a constraint set
/// or a single market awaiting resolution. The radar re-runs a detector only when one of its
/// markets' books changed, which is what keeps an update cheap on a universe of 50,000 markets.
public protocol OpportunityDetector: Sendable {
    /// The key the detector's opportunities are grouped and replaced under.
    var group: String { get }
    /// Universe indices of the markets whose books the detector reads.
    var marketIndices: [Int] { get }
    /// The opportunities present now; empty when there are none (which closes earlier ones).
    func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity]
    /// The same, given what this very detector returned from its previous evaluation (the radar
    /// keeps it per detector and forgets it when the detector is replaced). A detector re-pricing
    /// the same trade on every book update may carry over parts of it that provably have not
    /// changed — an id derived from the same legs, a title built from its own constant fields —
    /// instead of rebuilding them; it must return exactly what ``evaluate(_:configuration:now:)``
    /// would.
    func evaluate(
        _ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp, previous: [Opportunity]
    ) -> [Opportunity]
}

extension OpportunityDetector {
    public func evaluate(
        _ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp, previous: [Opportunity]
    ) -> [Opportunity] {
        evaluate(universe, configuration: configuration, now: now)
    }
}
