import EdgewiseCore
@testable import EdgewiseDecision

/// Small readable builders for the risk tests. Capital is 10,000 unless a test says otherwise.
enum Risk {
    static let now = Timestamp(seconds: 1_800_000_000)
    static let capital: Amount = 10_000

    static func amount(_ text: String) -> Amount { Amount(text)! }
    static func price(_ text: String) -> Price { Price(text)! }

    /// A yes/no market whose tokens are `<id>:yes` and `<id>:no`.
    static func binary(_ venue: VenueID, _ id: String, event: String? = nil) -> Market {
        Market(
            venue: venue, id: MarketID(id), eventID: event.map { EventID($0) }, question: "\(id)?",
            outcomes: [Outcome(token: TokenID("\(id):yes"), name: "Yes"), Outcome(token: TokenID("\(id):no"), name: "No")],
            status: .open)
    }

    static func yes(_ venue: VenueID, _ market: String) -> InstrumentID { InstrumentID(venue: venue, token: TokenID("\(market):yes")) }
    static func no(_ venue: VenueID, _ market: String) -> InstrumentID { InstrumentID(venue: venue, token: TokenID("\(market):no")) }

    /// An event of yes/no markets; `partition` makes it mutually exclusive and exhaustive.
    static func event(_ venue: VenueID, _ id: String, markets: [String], partition: Bool, category: String? = nil) -> Event {
        Event(
            venue: venue, id: EventID(id), title: id, category: category,
            markets: markets.map { binary(venue, $0, event: id) }, isMutuallyExclusive: partition, isExhaustive: partition)
    }

    static func pair(_ a: Market, _ b: Market, _ verdict: SettlementVerdict, polarity: PairPolarity = .same) -> MarketPair {
        let status: SettlementFinding.Status =
            switch verdict {
            case .equivalent: .match
            case .notEquivalent: .mismatch
            case .needsReview: .unknown
            }
        let pair = MarketPair(
            a: PairedMarket(a), b: PairedMarket(b), polarity: polarity,
            assessment: SettlementAssessment(
                findings: [SettlementFinding(.subject, status, "fixture")], checkedAt: Timestamp(seconds: 1_790_000_000)))
        precondition(pair.effectiveVerdict == verdict)
        return pair
    }

    static func position(_ instrument: InstrumentID, shares: Int64, cost: String) -> Position {
        Position(instrument: instrument, size: Size(integerLiteral: shares), costBasis: amount(cost))
    }

    static func intent(
        _ instrument: InstrumentID, market: String, event: String? = nil, category: String? = nil, side: OrderSide = .buy,
        price: String, shares: Int64, purpose: TradePurpose = .directional, bookAgeMilliseconds: Int64? = 100,
        postOnly: Bool = false
    ) -> OrderIntent {
        OrderIntent(
            instrument: instrument, marketID: MarketID(market), eventID: event.map { EventID($0) }, category: category, side: side,
            limitPrice: Self.price(price), size: Size(integerLiteral: shares), postOnly: postOnly, purpose: purpose,
            strategy: "test",
            bookReceivedAt: bookAgeMilliseconds.map { Timestamp(nanoseconds: now.nanoseconds - $0 * 1_000_000) })
    }

    static func openOrder(_ instrument: InstrumentID, market: String, side: OrderSide, price: String, shares: Int64) -> Order {
        Order(
            instrument: instrument, marketID: MarketID(market), side: side, limitPrice: Self.price(price),
            size: Size(integerLiteral: shares), createdAt: Timestamp(seconds: 1_799_999_000))
    }

    static func state(
        equity: Amount = capital, startOfDay: Amount = capital, peak: Amount = capital, positions: [Position] = [],
        openOrders: [Order] = [], catalog: RiskCatalog = RiskCatalog(), killSwitch: KillSwitchState = .armed
    ) -> RiskState {
        RiskState(
            now: now, equity: equity, startOfDayEquity: startOfDay, peakEquity: peak, positions: positions,
            openOrders: openOrders, catalog: catalog, killSwitch: killSwitch)
    }

    /// Only the per-event cap at its default (15 %); the other caps out of the way.
    static let eventOnly = RiskLimits(
        perOrder: .fraction(basisPoints: 10_000), perVenue: .fraction(basisPoints: 10_000),
        perCategory: .fraction(basisPoints: 10_000))
}
