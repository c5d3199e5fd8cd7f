/// Why the radar believes an opportunity is real: the facts it relied on, each with its source
/// and the time it became known, so a reader (or a backtest) can check them.
public struct OpportunityEvidence: Hashable, Codable, Sendable {
    public var claim: String
    public var source: String?
    public var observedAt: Timestamp?

    public init(claim: String, source: String? = nil, observedAt: Timestamp? = nil) {
        self.claim = claim
        self.source = source
        self.observedAt = observedAt
    }
}
