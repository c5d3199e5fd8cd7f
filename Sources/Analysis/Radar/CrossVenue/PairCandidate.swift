import EdgewiseCore

/// Two markets on different venues whose questions read alike enough to be worth a
/// settlement-equivalence check. A candidate is a lead, never a verdict.
public struct PairCandidate: Hashable, Sendable {
    public var a: Market
    public var b: Market
    /// Weighted overlap of the two questions' terms (0–1), rare terms counting most.
    public var score: Double
    /// The terms both questions share, rarest first, to show why they were paired.
    public var sharedTerms: [String]

    public init(a: Market, b: Market, score: Double, sharedTerms: [String]) {
        self.a = a
        self.b = b
        self.score = score
        self.sharedTerms = sharedTerms
    }
}
