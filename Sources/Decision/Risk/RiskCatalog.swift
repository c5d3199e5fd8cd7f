import EdgewiseCore

/// What the risk engine knows about the markets behind instruments: venue events with their
/// markets (and whether those are mutually exclusive), stand-alone markets, and cross-venue
/// pairs. Only pairs judged ``SettlementVerdict/equivalent`` (override first) link markets.
///
/// Instruments the catalog does not list are still handled: orders and intents carry their
/// market (and intents their event and category), which ``learning(_:)`` adds as hints. A
/// position in an instrument nobody describes is its own group, with its whole cost at risk.
public struct RiskCatalog: Hashable, Sendable {
    public var events: [Event]
    public var markets: [Market]
    public var pairs: [MarketPair]
    /// Facts learned from orders and intents, for instruments the catalog may lack.
    public private(set) var hints: [InstrumentID: Hint]

    public struct Hint: Hashable, Sendable {
        public var marketID: MarketID?
        public var eventID: EventID?
        public var category: String?

        public init(marketID: MarketID? = nil, eventID: EventID? = nil, category: String? = nil) {
            self.marketID = marketID
            self.eventID = eventID
            self.category = category
        }
    }

    public init(events: [Event] = [], markets: [Market] = [], pairs: [MarketPair] = []) {
        self.events = events
        self.markets = markets
        self.pairs = pairs
        self.hints = [:]
    }

    /// Adds what an intent says about its instrument, without overriding the catalog.
    public func learning(_ intent: OrderIntent) -> RiskCatalog {
        var copy = self
        copy.addHint(intent.instrument, Hint(marketID: intent.marketID, eventID: intent.eventID, category: intent.category))
        return copy
    }

    /// Adds what orders say about their instruments (their market).
    public func learning(_ orders: [Order]) -> RiskCatalog {
        var copy = self
        for order in orders { copy.addHint(order.instrument, Hint(marketID: order.marketID)) }
        return copy
    }

    private mutating func addHint(_ instrument: InstrumentID, _ hint: Hint) {
        var merged = hints[instrument] ?? Hint()
        merged.marketID = merged.marketID ?? hint.marketID
        merged.eventID = merged.eventID ?? hint.eventID
        merged.category = merged.category ?? hint.category
        hints[instrument] = merged
    }
}

/// A market or event qualified by its venue (ids are unique per venue only).
struct VenueKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    var venue: VenueID
    var id: String

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.venue, lhs.id) < (rhs.venue, rhs.id) }
    var description: String { "\(venue.rawValue):\(id)" }
}

/// The catalog as lookups: instrument → market → event, with events' structure and categories.
struct CatalogIndex: Sendable {
    var markets: [VenueKey: Market] = [:]
    var events: [VenueKey: Event] = [:]
    /// The event each market belongs to.
    var eventOfMarket: [VenueKey: VenueKey] = [:]
    var marketOfInstrument: [InstrumentID: VenueKey] = [:]
    var categoryOfEvent: [VenueKey: String] = [:]
    var hintCategory: [InstrumentID: String] = [:]
    /// Binary markets known only from a pair: their YES and NO instruments.
    var pairedOnly: [VenueKey: PairedMarket] = [:]
    var equivalentPairs: [MarketPair] = []

    init(_ catalog: RiskCatalog) {
        for event in catalog.events {
            let key = VenueKey(venue: event.venue, id: event.id.rawValue)
            events[key] = event
            if let category = event.category { categoryOfEvent[key] = category }
            for market in event.markets { add(market, event: key) }
        }
        for market in catalog.markets {
            add(market, event: market.eventID.map { VenueKey(venue: market.venue, id: $0.rawValue) })
        }
        for pair in catalog.pairs where pair.effectiveVerdict == .equivalent {
            equivalentPairs.append(pair)
            for side in [pair.a, pair.b] {
                let key = VenueKey(venue: side.venue, id: side.marketID.rawValue)
                guard markets[key] == nil else { continue }
                pairedOnly[key] = side
                for instrument in [side.yes, side.no].compactMap({ $0 }) where marketOfInstrument[instrument] == nil {
                    marketOfInstrument[instrument] = key
                }
            }
        }
        for (instrument, hint) in catalog.hints.sorted(by: { $0.key < $1.key }) {
            if marketOfInstrument[instrument] == nil, let market = hint.marketID {
                marketOfInstrument[instrument] = VenueKey(venue: instrument.venue, id: market.rawValue)
            }
            if let market = marketOfInstrument[instrument], eventOfMarket[market] == nil, let event = hint.eventID {
                eventOfMarket[market] = VenueKey(venue: instrument.venue, id: event.rawValue)
            }
            if let category = hint.category { hintCategory[instrument] = category }
        }
    }

    private mutating func add(_ market: Market, event: VenueKey?) {
        let key = VenueKey(venue: market.venue, id: market.id.rawValue)
        markets[key] = market
        if let event { eventOfMarket[key] = event }
        for outcome in market.outcomes { marketOfInstrument[market.instrument(for: outcome)] = key }
    }

    /// The category of an instrument: its event's, else what an intent said.
    func category(of instrument: InstrumentID) -> String? {
        if let market = marketOfInstrument[instrument], let event = eventOfMarket[market],
            let category = categoryOfEvent[event]
        {
            return category
        }
        return hintCategory[instrument]
    }
}
