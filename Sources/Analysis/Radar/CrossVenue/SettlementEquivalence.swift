import EdgewiseCore
import Foundation

/// The settlement-equivalence check: whether two markets on different venues pay out under the
/// same circumstances, so that YES on one and the matching side of the other is a hedge.
///
/// Title similarity is not equivalence (in one study 3 of 30 title-matched Polymarket/Kalshi
/// pairs were the same contract), and a false "equivalent" loses money where a miss only loses a
/// trade. So the check is asymmetric: a criterion counts as matched only when both sides state
/// it and agree; anything missing, unparseable or merely worded differently is "unknown" (needs
/// review); only a positive contradiction is a "mismatch" (not equivalent).
public struct SettlementEquivalence: Sendable {
    public struct Tolerances: Hashable, Sendable {
        /// End times closer than this are the same deadline.
        public var sameDeadline: Duration
        /// End times further apart than this are different contracts whatever the time zones.
        public var largeDeadlineGap: Duration
        /// End times on different UTC calendar days and further apart than this are different
        /// contracts; closer ones may be one local evening seen from two zones.
        public var crossDayGap: Duration
        /// A YES-price gap up to this reads as agreement.
        public var closePrice: Price
        /// A YES-price gap from this on is too large to be two venues disagreeing about one contract.
        public var farPrice: Price

        public init(
            sameDeadline: Duration = .seconds(60), largeDeadlineGap: Duration = .seconds(24 * 3600),
            crossDayGap: Duration = .seconds(6 * 3600), closePrice: Price = Price(units: 100_000),
            farPrice: Price = Price(units: 250_000)
        ) {
            self.sameDeadline = sameDeadline
            self.largeDeadlineGap = largeDeadlineGap
            self.crossDayGap = crossDayGap
            self.closePrice = closePrice
            self.farPrice = farPrice
        }
    }

    public var tolerances: Tolerances

    public init(tolerances: Tolerances = .init()) {
        self.tolerances = tolerances
    }

    /// Checks every criterion of the pair (A, B) under the declared polarity.
    public func assess(_ a: Market, _ b: Market, polarity: PairPolarity, at checkedAt: Timestamp) -> SettlementAssessment {
        let left = SettlementSide(a)
        let right = SettlementSide(b)
        var findings = [
            subject(left, right),
            eventDate(left, right),
            resolutionSource(left, right),
            deadline(left, right),
            timeZone(left, right),
        ]
        findings += condition(left, right, polarity: polarity)
        findings.append(voidRules(left, right))
        findings += polarityFindings(left, right, declared: polarity)
        return SettlementAssessment(findings: findings, checkedAt: checkedAt)
    }

    /// The stored record for a pair. Without a declared polarity it is taken from the wording
    /// (never from prices, so the price check stays an independent witness).
    public func pair(
        _ a: Market, _ b: Market, polarity: PairPolarity? = nil, candidateScore: Double? = nil, at checkedAt: Timestamp
    ) -> MarketPair {
        let polarity =
            polarity
            ?? PolarityInference.infer(SettlementSide(a), SettlementSide(b), close: tolerances.closePrice, far: tolerances.farPrice)
            .fromWording ?? .same
        return MarketPair(
            a: PairedMarket(a), b: PairedMarket(b), polarity: polarity, candidateScore: candidateScore,
            assessment: assess(a, b, polarity: polarity, at: checkedAt))
    }

    /// Assesses every candidate the finder returned.
    public func pairs(_ candidates: [PairCandidate], at checkedAt: Timestamp) -> [MarketPair] {
        candidates.map { pair($0.a, $0.b, candidateScore: $0.score, at: checkedAt) }
    }
}
