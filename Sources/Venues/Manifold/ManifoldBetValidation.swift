import EdgewiseCore

// The venue's rules for bets and sales, checked before sending: a refusal here costs nothing,
// while a refusal by the venue costs a request against the rate limit — and a rule the venue
// does not check the way we expect (a limit price off the whole-percent grid is rounded by the
// server, not refused) would trade at a price nobody chose.

extension ManifoldBetRequest {
    /// Throws ``ManifoldError/invalidRequest(detail:)`` when the venue would refuse the bet or
    /// silently change it.
    ///
    /// - Parameter outcomeType: the market's kind when known; a multiple-choice market then needs
    ///   ``answerId`` and any other kind must not have one.
    public func validate(outcomeType: ManifoldOutcomeType? = nil) throws(ManifoldError) {
        guard !contractId.isEmpty else { throw .invalidRequest(detail: "contractId is empty") }
        guard amount >= Manifold.minimumBetAmount else {
            throw .invalidRequest(detail: "amount \(amount) mana is below the venue's minimum of \(Manifold.minimumBetAmount) mana")
        }
        if let limit = limitProbability {
            let low = Price(units: Manifold.limitProbabilityTick.units)
            let high = Price.one - Manifold.limitProbabilityTick
            guard limit >= low, limit <= high else {
                throw .invalidRequest(detail: "limitProb \(limit) is outside \(low)…\(high)")
            }
            guard limit.isMultiple(of: Manifold.limitProbabilityTick) else {
                throw .invalidRequest(detail: "limitProb \(limit) is not a whole percent; Manifold accepts 0.01, 0.02, … 0.99")
            }
        } else if expiresAt != nil || expiresMillisAfter != nil {
            throw .invalidRequest(detail: "an expiry only applies to limit orders; set limitProbability or drop the expiry")
        }
        if expiresAt != nil, expiresMillisAfter != nil {
            throw .invalidRequest(detail: "give either expiresAt or expiresMillisAfter, not both")
        }
        if let expiresMillisAfter, expiresMillisAfter <= 0 {
            throw .invalidRequest(detail: "expiresMillisAfter must be positive")
        }
        try Self.checkAnswer(answerId, outcomeType: outcomeType)
    }

    static func checkAnswer(_ answerId: String?, outcomeType: ManifoldOutcomeType?) throws(ManifoldError) {
        if let answerId, answerId.isEmpty { throw .invalidRequest(detail: "answerId is empty") }
        switch outcomeType {
        case .multipleChoice? where answerId == nil:
            throw .invalidRequest(detail: "answerId is required on a multiple-choice market; name the answer to trade")
        case .binary? where answerId != nil, .pseudoNumeric? where answerId != nil:
            throw .invalidRequest(detail: "answerId is only for multiple-choice markets; this market is \(outcomeType!.rawValue)")
        default:
            break
        }
    }
}

extension ManifoldSellRequest {
    /// Throws ``ManifoldError/invalidRequest(detail:)`` when the venue would refuse the sale.
    ///
    /// - Parameter outcomeType: the market's kind when known; a multiple-choice market then needs
    ///   ``answerId``.
    public func validate(outcomeType: ManifoldOutcomeType? = nil) throws(ManifoldError) {
        if let shares, shares <= .zero {
            throw .invalidRequest(detail: "shares must be positive; leave it out to sell the whole position")
        }
        try ManifoldBetRequest.checkAnswer(answerId, outcomeType: outcomeType)
    }
}
