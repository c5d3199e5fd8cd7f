import EdgewiseCore

/// One market watched for resolution arbitrage: re-run when its book changes or a new
/// observation arrives, against every observation the radar holds.
public struct ResolutionRadarDetector: OpportunityDetector {
    public let group: String
    public let marketIndices: [Int]
    public let market: Market
    public let proposition: Proposition
    public let detector: ResolutionDetector

    public init(market: Market, marketIndex: Int, detector: ResolutionDetector = ResolutionDetector()) {
        self.group = "resolution:\(market.venue):\(market.id)"
        self.marketIndices = [marketIndex]
        self.market = market
        self.proposition = PropositionParser.parse(market.question, slug: market.slug)
        self.detector = detector
    }

    public func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity] {
        let index = marketIndices[0]
        guard universe.markets[index].isTradable else { return [] }
        var pricing = detector
        pricing.pricer = configuration.pricer
        if let maxAge = configuration.maxBookAge { pricing.maxBookAge = maxAge }
        guard
            let opportunity = pricing.detect(
                market: market, proposition: proposition, yesBook: universe.books[index], fees: universe.markets[index].fees,
                observations: universe.observations, now: now),
            opportunity.profit > configuration.minimumProfit
        else { return [] }
        return [opportunity]
    }
}
