import EdgewiseCore
import EdgewiseDecision

/// How a venue charges and what it accepts for one instrument: the part of a route that is not
/// the book.
public struct RouteTerms: Sendable {
    public var fees: any FeeModel
    public var grid: OrderGrid

    public init(fees: any FeeModel, grid: OrderGrid) {
        self.fees = fees
        self.grid = grid
    }
}

/// One way to buy the wanted exposure: an instrument on a venue, the offers it shows now and the
/// venue's terms.
public struct Route: Sendable {
    public var instrument: InstrumentID
    public var marketID: MarketID
    public var eventID: EventID?
    /// Offers to sell the instrument, in any order; the router reads them cheapest first with
    /// equal prices merged and empty levels dropped.
    public var offers: [BookLevel]
    public var terms: RouteTerms
    /// When the book the offers came from was last updated; copied onto the order intents.
    public var bookReceivedAt: Timestamp?

    public init(
        instrument: InstrumentID, marketID: MarketID, eventID: EventID? = nil, offers: [BookLevel], terms: RouteTerms,
        bookReceivedAt: Timestamp? = nil
    ) {
        self.instrument = instrument
        self.marketID = marketID
        self.eventID = eventID
        self.offers = offers
        self.terms = terms
        self.bookReceivedAt = bookReceivedAt
    }

    public var venue: VenueID { instrument.venue }
    public var fees: any FeeModel { terms.fees }
    public var grid: OrderGrid { terms.grid }

    /// The offers cheapest first, equal prices merged.
    public var ladder: OfferLadder { OfferLadder(offers) }
}
