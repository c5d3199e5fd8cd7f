/// Two markets on different venues that may be the same contract, with the automatic
/// settlement-equivalence check and, once someone reviewed it, their override.
public struct MarketPair: Hashable, Codable, Sendable, Identifiable {
    public var id: MarketPairID
    public var a: PairedMarket
    public var b: PairedMarket
    public var polarity: PairPolarity
    /// How alike the two questions read (0–1); a reason to check them, never evidence of equivalence.
    public var candidateScore: Double?
    public var assessment: SettlementAssessment
    public var override: PairOverride?

    public init(
        a: PairedMarket, b: PairedMarket, polarity: PairPolarity, candidateScore: Double? = nil,
        assessment: SettlementAssessment, override: PairOverride? = nil
    ) {
        self.id = MarketPairID((a.venue, a.marketID), (b.venue, b.marketID))
        self.a = a
        self.b = b
        self.polarity = polarity
        self.candidateScore = candidateScore
        self.assessment = assessment
        self.override = override
    }

    /// The user's verdict where there is one, else the automatic one.
    public var effectiveVerdict: SettlementVerdict { override?.verdict ?? assessment.verdict }

    /// Only pairs judged equivalent may produce cross-venue opportunities.
    public var yieldsOpportunities: Bool { effectiveVerdict == .equivalent }

    /// The instrument of B that pays when A's `outcome` pays, given the polarity.
    public func counterpart(of outcome: BinaryOutcome) -> InstrumentID? {
        b.instrument(for: polarity == .same ? outcome : outcome.opposite)
    }
}
