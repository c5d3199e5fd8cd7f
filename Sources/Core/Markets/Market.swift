/// One question with its outcomes, rules and settlement source, as the venue lists it.
public struct Market: Hashable, Codable, Sendable, Identifiable {
    public var venue: VenueID
    public var id: MarketID
    public var eventID: EventID?
    public var slug: String?
    public var question: String
    /// The full rules text; settlement equivalence across venues is judged on it.
    public var rules: String
    /// Where the result is read from (a URL or a named source).
    public var settlementSource: String?
    public var outcomes: [Outcome]
    public var status: MarketStatus
    /// When trading opens.
    public var openTime: Timestamp?
    /// When trading stops.
    public var closeTime: Timestamp?
    /// When the result is expected to be known (the venue's end or expiration date).
    public var endTime: Timestamp?
    /// The minimum price increment.
    public var tickSize: Price?
    /// The smallest order the venue accepts, in shares.
    public var minimumOrderSize: Size?
    /// Polymarket: the market belongs to a neg-risk event (its NO converts into YES of the others).
    public var isNegRisk: Bool
    public var acceptingOrders: Bool
    /// The venue's numeric or secondary id where it has one besides ``id`` (Gamma's `id`).
    public var venueReference: String?

    public init(
        venue: VenueID, id: MarketID, eventID: EventID? = nil, slug: String? = nil, question: String,
        rules: String = "", settlementSource: String? = nil, outcomes: [Outcome], status: MarketStatus,
        openTime: Timestamp? = nil, closeTime: Timestamp? = nil, endTime: Timestamp? = nil,
        tickSize: Price? = nil, minimumOrderSize: Size? = nil, isNegRisk: Bool = false,
        acceptingOrders: Bool = true, venueReference: String? = nil
    ) {
        self.venue = venue
        self.id = id
        self.eventID = eventID
        self.slug = slug
        self.question = question
        self.rules = rules
        self.settlementSource = settlementSource
        self.outcomes = outcomes
        self.status = status
        self.openTime = openTime
        self.closeTime = closeTime
        self.endTime = endTime
        self.tickSize = tickSize
        self.minimumOrderSize = minimumOrderSize
        self.isNegRisk = isNegRisk
        self.acceptingOrders = acceptingOrders
        self.venueReference = venueReference
    }

    public func instrument(for outcome: Outcome) -> InstrumentID {
        InstrumentID(venue: venue, token: outcome.token)
    }

    public func outcome(named name: String) -> Outcome? {
        outcomes.first { $0.name.lowercased() == name.lowercased() }
    }

    public func outcome(token: TokenID) -> Outcome? { outcomes.first { $0.token == token } }
}
