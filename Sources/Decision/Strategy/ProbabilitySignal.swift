import EdgewiseCore

/// A probability for one market's YES outcome from the analysis layer, stamped with when it
/// became known. Only a calibrated probability may be sized; the raw one is kept for the record.
public struct ProbabilitySignal: Hashable, Codable, Sendable {
    public var venue: VenueID
    public var marketID: MarketID
    public var estimate: ProbabilityEstimate
    public var evidence: [Evidence]
    public var knownAt: Timestamp

    public init(venue: VenueID, marketID: MarketID, estimate: ProbabilityEstimate, evidence: [Evidence] = [], knownAt: Timestamp) {
        self.venue = venue
        self.marketID = marketID
        self.estimate = estimate
        self.evidence = evidence
        self.knownAt = knownAt
    }

    /// The probability sizing may use: the calibrated one, or nil when there is none.
    public var usableProbability: Double? { estimate.calibrated }
}
