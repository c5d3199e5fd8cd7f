import EdgewiseCore

/// One observation a determination relies on, with the rule it satisfied.
public struct ResolutionSupport: Hashable, Sendable {
    public var observation: ResolutionObservation
    public var rule: ResolutionRule
    /// What the observation shows, in words, for the evidence chain.
    public var claim: String

    public init(observation: ResolutionObservation, rule: ResolutionRule, claim: String) {
        self.observation = observation
        self.rule = rule
        self.claim = claim
    }

    public var evidence: OpportunityEvidence {
        OpportunityEvidence(
            claim: "\(claim); \(rule)", source: observation.source.description, observedAt: observation.knownAt)
    }
}

/// A market's result fixed by observations: the side that wins and every observation relied on.
public struct ResolutionDetermination: Hashable, Sendable {
    public var winner: BinaryOutcome
    public var support: [ResolutionSupport]

    public init(winner: BinaryOutcome, support: [ResolutionSupport]) {
        self.winner = winner
        self.support = support
    }
}
