import EdgewiseCore

extension ResolutionObservation {
    /// Whether this observation could speak to `market` at all: a reading of the question's
    /// subject, or a result naming the market or its question. A cheap first cut, so a scanner
    /// watches only the few markets a feed concerns rather than every market it lists; whether
    /// the observation actually settles the market (source, unit, time, rule) is
    /// ``ResolutionDetector``'s decision.
    public func mayConcern(_ market: Market, proposition: Proposition) -> Bool {
        switch fact {
        case .reading(let reading):
            return reading.isAbout(proposition)
        case .result(let result):
            return ResolutionDetector.answers(result.target, market: market, proposition: proposition)
        }
    }
}
