import EdgewiseCore

/// Why the resolution detector produced nothing for a market. Each reason says what would have
/// to change, so a reviewer of a quiet radar can tell a miss from a correct refusal.
public enum ResolutionSkip: Error, Hashable, Sendable, CustomStringConvertible {
    /// The venue is not taking orders on the market (resolved, voided, closed, paused).
    case marketNotTrading(MarketStatus)
    /// An outcome already carries its payout: the venue settled it.
    case alreadySettled
    /// The question asks whether something does not happen; the parser's negation is too coarse
    /// to flip a determination on.
    case negatedQuestion
    /// The book is not the YES outcome's book of this market.
    case bookNotForMarket(InstrumentID)
    case bookNotSynchronized
    case bookCrossed
    case bookStale(lastReceived: Timestamp?)
    /// No observation known at `now` fixes the result.
    case undetermined
    /// Observations fix both sides; something is wrong with a source or the parse.
    case conflicting(yes: Int, no: Int)
    /// The market lists no outcome to trade the determined side with.
    case missingOutcome(BinaryOutcome)
    /// The determined side is not offered below its payout once fees are counted.
    case notLagging(side: BinaryOutcome, bestOffer: Price?)

    public var description: String {
        switch self {
        case .marketNotTrading(let status): "market is \(status.label) or not accepting orders: nothing to trade"
        case .alreadySettled: "an outcome already has its payout: redeem instead of trading"
        case .negatedQuestion: "negated question: review it by hand"
        case .bookNotForMarket(let instrument): "book \(instrument) is not this market's YES book: pass the YES outcome's book"
        case .bookNotSynchronized: "book not synchronized: wait for the next snapshot"
        case .bookCrossed: "book crossed (a missed update): resynchronize it first"
        case .bookStale(let last): "book stale (last update \(last.map(\.description) ?? "never")): wait for fresh data"
        case .undetermined: "no observation known now fixes the result"
        case .conflicting(let yes, let no):
            "\(yes) observations fix YES and \(no) fix NO: check the sources before trusting either"
        case .missingOutcome(let side): "the market lists no \(side) outcome to buy"
        case .notLagging(let side, let best):
            "\(side) is not offered below 1 after fees (best offer \(best.map(\.description) ?? "none")): the price has converged"
        }
    }
}

/// What the detector concluded about one market.
public enum ResolutionEvaluation: Sendable {
    case opportunity(Opportunity)
    case skipped(ResolutionSkip)

    public var opportunity: Opportunity? {
        if case .opportunity(let opportunity) = self { return opportunity }
        return nil
    }

    public var skip: ResolutionSkip? {
        if case .skipped(let reason) = self { return reason }
        return nil
    }
}
