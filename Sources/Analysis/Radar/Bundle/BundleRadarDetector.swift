import EdgewiseCore

/// A constraint set as one radar detector: re-run whenever a member's book changes, priced by
/// ``BundleDetector`` on the radar's books and fees.
public struct BundleRadarDetector: OpportunityDetector {
    public let group: String
    public let marketIndices: [Int]
    public let constraints: [MarketConstraint]
    public let markets: [Market]
    public let detector: BundleDetector

    public init(constraints: [MarketConstraint], markets: [Market], marketIndices: [Int], detector: BundleDetector = BundleDetector()) {
        self.group = constraints.map(\.key).sorted().joined(separator: "+")
        self.constraints = constraints
        self.markets = markets
        self.marketIndices = marketIndices
        self.detector = detector
    }

    public func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity] {
        var books: [InstrumentID: OrderBook] = [:]
        var fees: [VenueID: [any FeeModel]] = [:]
        for index in marketIndices {
            guard universe.markets[index].isTradable, universe.isUsable(index, now: now, maxAge: configuration.maxBookAge)
            else { return [] }
            books[universe.markets[index].yes] = universe.books[index]
            fees[universe.markets[index].venue, default: []].append(universe.markets[index].fees)
        }
        var pricing = detector
        pricing.pricer = configuration.pricer
        guard
            let opportunity = pricing.evaluate(
                constraints, markets: markets, books: books, fees: fees.mapValues { HighestFee($0) }, now: now),
            opportunity.profit > configuration.minimumProfit
        else { return [] }
        return [opportunity]
    }
}

/// The highest of several fee models, for code that takes one fee model per venue while a venue
/// (Polymarket) sets fees per market: overstating a fee can hide a trade, never invent one.
public struct HighestFee: FeeModel {
    public let models: [any FeeModel]

    public init(_ models: [any FeeModel]) { self.models = models }

    public func takerFee(size: Size, price: Price) -> Amount {
        models.map { $0.takerFee(size: size, price: price) }.max() ?? .zero
    }
}
