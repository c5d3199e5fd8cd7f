import EdgewiseCore

/// One leg of a basket as the pricer sees it: which outcome to buy, how many shares per basket,
/// and the offers it can buy from.
public struct BasketLeg: Sendable {
    public var venue: VenueID
    public var marketID: MarketID
    public var instrument: InstrumentID
    public var outcome: BinaryOutcome
    public var label: String
    /// Shares of this leg in one basket. Whole numbers keep every leg on the venue's size grid
    /// when the basket count is.
    public var weight: Int64
    /// Offers to buy this outcome from, cheapest first (the outcome's asks; for a NO bought
    /// against YES bids, `1 − bid` at the bid's size).
    public var offers: OfferLadder
    public var fees: any FeeModel
    /// The venue's smallest order for this market.
    public var minimumSize: Size?

    public init(
        venue: VenueID, marketID: MarketID, instrument: InstrumentID, outcome: BinaryOutcome, label: String = "",
        weight: Int64 = 1, offers: OfferLadder, fees: any FeeModel, minimumSize: Size? = nil
    ) {
        precondition(weight > 0, "a basket leg buys a positive number of shares")
        self.venue = venue
        self.marketID = marketID
        self.instrument = instrument
        self.outcome = outcome
        self.label = label
        self.weight = weight
        self.offers = offers
        self.fees = fees
        self.minimumSize = minimumSize
    }

    /// Offers given as a plain array, cheapest first.
    public init(
        venue: VenueID, marketID: MarketID, instrument: InstrumentID, outcome: BinaryOutcome, label: String = "",
        weight: Int64 = 1, offers: [BookLevel], fees: any FeeModel, minimumSize: Size? = nil
    ) {
        self.init(
            venue: venue, marketID: marketID, instrument: instrument, outcome: outcome, label: label, weight: weight,
            offers: OfferLadder(offers), fees: fees, minimumSize: minimumSize)
    }

    /// The price of the first share, before fees; nil when nothing is offered.
    public var bestOffer: Price? { offers.first?.price }
}

extension OrderBook {
    /// What buying this instrument's own outcome can take: the asks, cheapest first.
    public var offersToBuy: [BookLevel] { levels(.ask) }

    /// ``offersToBuy`` read in place, without copying the levels.
    public var offerLadderToBuy: OfferLadder { OfferLadder(asksOf: self) }

    /// What buying the complementary outcome can take on a venue that matches a NO buy against a
    /// YES bid (Polymarket's mirrored books, Kalshi's single book): `1 − bid` at each bid's size,
    /// cheapest first.
    public var complementOffersToBuy: [BookLevel] {
        levels(.bid).map { BookLevel(price: $0.price.complement, size: $0.size) }
    }

    /// ``complementOffersToBuy`` read in place, without copying the levels.
    public var complementOfferLadderToBuy: OfferLadder { OfferLadder(complementOfBidsOf: self) }
}
