import EdgewiseCore

/// One binary market as the radar holds it: enough to name the legs of a trade and price them,
/// and nothing that changes with the book.
public struct RadarMarket: Sendable {
    public var venue: VenueID
    public var marketID: MarketID
    public var eventID: EventID?
    /// The label shown for the market's leg (the outcome or candidate name).
    public var label: String
    public var question: String
    /// The instrument whose book the radar keeps: the YES side. NO is priced off its bids.
    public var yes: InstrumentID
    /// The instrument a NO leg is sent for; nil where the venue has none (then NO legs are not
    /// offered for this market).
    public var no: InstrumentID?
    public var fees: any FeeModel
    public var minimumSize: Size?
    public var endTime: Timestamp?
    /// Open and accepting orders when the catalog was read; a closed or paused market is never
    /// a leg.
    public var isTradable: Bool

    public init(
        venue: VenueID, marketID: MarketID, eventID: EventID? = nil, label: String, question: String,
        yes: InstrumentID, no: InstrumentID?, fees: any FeeModel, minimumSize: Size? = nil,
        endTime: Timestamp? = nil, isTradable: Bool = true
    ) {
        self.venue = venue
        self.marketID = marketID
        self.eventID = eventID
        self.label = label
        self.question = question
        self.yes = yes
        self.no = no
        self.fees = fees
        self.minimumSize = minimumSize
        self.endTime = endTime
        self.isTradable = isTradable
    }

    /// The radar's view of a catalog market: YES is the outcome named "Yes" (or the first), NO
    /// the other one.
    public init(_ market: Market, label: String? = nil, fees: any FeeModel) {
        let yesOutcome = market.outcome(named: "yes") ?? market.outcomes.first
        let noOutcome = market.outcome(named: "no") ?? market.outcomes.dropFirst().first
        self.init(
            venue: market.venue, marketID: market.id, eventID: market.eventID, label: label ?? market.question,
            question: market.question,
            yes: InstrumentID(venue: market.venue, token: yesOutcome?.token ?? TokenID(market.id.rawValue)),
            no: noOutcome.map { InstrumentID(venue: market.venue, token: $0.token) }, fees: fees,
            minimumSize: market.minimumOrderSize, endTime: market.endTime ?? market.closeTime,
            isTradable: market.status.isTradable && market.acceptingOrders)
    }
}
