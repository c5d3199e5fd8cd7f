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
}
