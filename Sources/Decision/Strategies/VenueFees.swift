import EdgewiseCore

/// The taker fee a strategy prices a market with. The context carries books, not fee schedules,
/// and Polymarket sets fees per market, so the host's wiring supplies them; a lookup that does
/// not know a market must overstate its fee rather than call it free.
public struct VenueFees: Sendable {
    private let lookup: @Sendable (VenueID, MarketID) -> any FeeModel

    public init(_ lookup: @escaping @Sendable (VenueID, MarketID) -> any FeeModel) {
        self.lookup = lookup
    }

    /// One model per venue, with `otherwise` for venues not listed.
    public init(byVenue models: [VenueID: any FeeModel], otherwise: any FeeModel) {
        self.init { venue, _ in models[venue] ?? otherwise }
    }

    /// No fees anywhere: for play money and for tests.
    public static let none = VenueFees { _, _ in NoFees() }

    public func model(venue: VenueID, market: MarketID) -> any FeeModel { lookup(venue, market) }
}

/// The category a market belongs to (venues put it on the event, which the strategy context
/// does not carry); nil when unknown.
public struct MarketCategories: Sendable {
    private let lookup: @Sendable (Market) -> String?

    public init(_ lookup: @escaping @Sendable (Market) -> String?) {
        self.lookup = lookup
    }

    /// Categories by event id, for a host that knows its catalog up front.
    public init(byEvent categories: [EventID: String]) {
        self.init { market in market.eventID.flatMap { categories[$0] } }
    }

    public static let unknown = MarketCategories { _ in nil }

    public func category(of market: Market) -> String? { lookup(market) }
}
