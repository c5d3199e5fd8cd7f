/// One side of a cross-venue pair, with just what a reviewer and an executor need: where it
/// trades, what it asks, and which instruments are its YES and NO.
public struct PairedMarket: Hashable, Codable, Sendable {
    public var venue: VenueID
    public var marketID: MarketID
    public var question: String
    public var slug: String?
    /// Nil when the venue's outcomes are not labelled Yes/No.
    public var yes: InstrumentID?
    public var no: InstrumentID?
    public var endTime: Timestamp?

    public init(
        venue: VenueID, marketID: MarketID, question: String, slug: String? = nil, yes: InstrumentID? = nil,
        no: InstrumentID? = nil, endTime: Timestamp? = nil
    ) {
        self.venue = venue
        self.marketID = marketID
        self.question = question
        self.slug = slug
        self.yes = yes
        self.no = no
        self.endTime = endTime
    }

    public init(_ market: Market) {
        self.init(
            venue: market.venue, marketID: market.id, question: market.question, slug: market.slug,
            yes: market.outcome(named: "Yes").map(market.instrument(for:)),
            no: market.outcome(named: "No").map(market.instrument(for:)), endTime: market.endTime)
    }

    public func instrument(for outcome: BinaryOutcome) -> InstrumentID? {
        outcome == .yes ? yes : no
    }
}
