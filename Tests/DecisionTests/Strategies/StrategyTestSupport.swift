import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision

/// A fixed clock for strategy tests: `at(s)` is `s` seconds after an arbitrary origin.
enum Clock {
    static func at(_ seconds: Double) -> Timestamp {
        Timestamp(nanoseconds: 1_800_000_000_000_000_000 + Int64(seconds * 1_000_000_000))
    }
}

/// A Yes/No market with tokens `<id>-yes` and `<id>-no`.
func binaryMarket(
    _ id: String, venue: VenueID = .polymarket, event: String? = nil, endsAt end: Timestamp? = nil,
    minimumOrderSize: Size? = nil
) -> Market {
    Market(
        venue: venue, id: MarketID(id), eventID: event.map { EventID($0) }, question: "\(id)?",
        outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
        status: .open, endTime: end, minimumOrderSize: minimumOrderSize)
}

func yesToken(_ market: String, venue: VenueID = .polymarket) -> InstrumentID {
    InstrumentID(venue: venue, token: TokenID("\(market)-yes"))
}

func noToken(_ market: String, venue: VenueID = .polymarket) -> InstrumentID {
    InstrumentID(venue: venue, token: TokenID("\(market)-no"))
}

/// A book snapshot received at `receivedAt`; levels are `(price, size)` text pairs.
func bookInput(
    _ instrument: InstrumentID, bids: [(String, Int64)] = [], asks: [(String, Int64)], receivedAt: Timestamp
) -> StrategyInput {
    .marketData(ReceivedEvent(
        receivedAt: receivedAt,
        event: .bookSnapshot(BookSnapshot(
            instrument: instrument, bids: bids.map { level($0.0, $0.1) }, asks: asks.map { level($0.0, $0.1) }))))
}

extension Array where Element == HostedAction {
    var notes: [String] { compactMap { if case .note(let text) = $0.action { text } else { nil } } }
    var intents: [OrderIntent] { compactMap { if case .submit(let intent) = $0.action { intent } else { nil } } }
    var baskets: [BasketOrder] { compactMap { if case .basket(let basket) = $0.action { basket } else { nil } } }
}

/// Reports every leg's order of `basket` to the host as placed, then as ended with `status`
/// (rejected, or filled in full), so the strategy hears its basket is over.
func finish(_ basket: BasketOrder, by strategy: StrategyID, filled: Bool, host: inout StrategyHost, at time: Timestamp) -> [HostedAction] {
    var actions: [HostedAction] = []
    for (index, leg) in basket.legs.enumerated() {
        var order = leg.order(id: ClientOrderID("\(basket.opportunityID)-\(time.nanoseconds)-\(index)"), at: time)
        host.placed(order, by: strategy)
        try? order.apply(.submitted(at: time))
        if filled {
            let fill = Fill(
                id: FillID("fill-\(order.id)"), clientOrderID: order.id, instrument: leg.instrument, side: .buy,
                price: leg.limitPrice, size: leg.size, time: time)
            try? order.apply(.filled(fill))
            actions += host.handle(.fill(fill, order: order), at: time)
        } else {
            try? order.apply(.rejected(reason: "test", at: time))
            actions += host.handle(.orderUpdate(order), at: time)
        }
    }
    return actions
}
