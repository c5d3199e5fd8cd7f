/// Which side of a binary market a leg takes. Venues differ in how they address it (a token per
/// outcome on Polymarket, a `side` field on Kalshi); the leg's ``OpportunityLeg/instrument`` is
/// the venue's own handle and this says what it means.
public enum BinaryOutcome: String, Hashable, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case yes
    case no

    public var opposite: BinaryOutcome { self == .yes ? .no : .yes }
    public var description: String { rawValue.uppercased() }
}

/// One order of an opportunity: what to trade, on which venue, up to which price and how much.
public struct OpportunityLeg: Hashable, Codable, Sendable {
    public var venue: VenueID
    public var marketID: MarketID
    /// The instrument the order is sent for (the outcome's own token where the venue has one).
    public var instrument: InstrumentID
    public var outcome: BinaryOutcome
    public var side: OrderSide
    /// The worst price the leg needs to fill ``size``: the marketable limit to send.
    public var limitPrice: Price
    public var size: Size
    /// What the leg costs before fees at ``size`` (depth walked level by level).
    public var notional: Amount
    /// The venue's fee for the leg at ``size``, rounded against us.
    public var fee: Amount
    /// The venue's smallest accepted order for this market, in shares or contracts.
    public var minimumSize: Size?
    /// A human label (the outcome or candidate name) for tables.
    public var label: String

    public init(
        venue: VenueID, marketID: MarketID, instrument: InstrumentID, outcome: BinaryOutcome, side: OrderSide,
        limitPrice: Price, size: Size, notional: Amount, fee: Amount, minimumSize: Size? = nil, label: String = ""
    ) {
        self.venue = venue
        self.marketID = marketID
        self.instrument = instrument
        self.outcome = outcome
        self.side = side
        self.limitPrice = limitPrice
        self.size = size
        self.notional = notional
        self.fee = fee
        self.minimumSize = minimumSize
        self.label = label
    }

    /// The average price of the leg before fees.
    public var averagePrice: Price? { size.units > 0 ? notional.perShare(size) : nil }
}
