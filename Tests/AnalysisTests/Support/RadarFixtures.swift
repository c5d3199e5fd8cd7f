import EdgewiseAnalysis
import EdgewiseCore

/// Builds catalog values and books for radar tests without a venue: one binary market per
/// outcome, YES/NO tokens named after it.
enum RadarFixtures {
    static let now = Timestamp(seconds: 1_790_000_000)

    static func market(
        _ id: String, venue: VenueID = .polymarket, event: String = "e1", question: String? = nil,
        minimum: Size? = nil, end: Timestamp? = Timestamp(seconds: 1_790_000_000 + 86_400 * 30)
    ) -> Market {
        Market(
            venue: venue, id: MarketID(id), eventID: EventID(event), question: question ?? "Will \(id) win?",
            outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
            status: .open, endTime: end, minimumOrderSize: minimum)
    }

    static func event(
        _ ids: [String], venue: VenueID = .polymarket, id: String = "e1", exclusive: Bool = true,
        exhaustive: Bool = true, negRisk: Bool = false, augmented: Bool = false, minimum: Size? = nil
    ) -> Event {
        Event(
            venue: venue, id: EventID(id), title: "Event \(id)", markets: ids.map { market($0, venue: venue, event: id, minimum: minimum) },
            isMutuallyExclusive: exclusive, isExhaustive: exhaustive, isNegRisk: negRisk, isNegRiskAugmented: augmented)
    }

    static func yes(_ id: String, venue: VenueID = .polymarket) -> InstrumentID {
        InstrumentID(venue: venue, token: TokenID("\(id)-yes"))
    }

    /// A snapshot of `id`'s YES book; levels as (price, size) text pairs.
    static func snapshot(
        _ id: String, venue: VenueID = .polymarket, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) -> BookSnapshot {
        BookSnapshot(
            instrument: yes(id, venue: venue),
            bids: bids.map { BookLevel(price: Price($0.0)!, size: Size($0.1)!) },
            asks: asks.map { BookLevel(price: Price($0.0)!, size: Size($0.1)!) })
    }
}

/// A fee of `rate × size × price`, rounded up: simple enough to check by hand.
struct ProportionalFee: FeeModel {
    var rate: Price

    func takerFee(size: Size, price: Price) -> Amount {
        let units = Int128(size.units) * Int128(price.units) * Int128(rate.units)
        let scale = Int128(FixedPoint.unitsPerWhole) * Int128(FixedPoint.unitsPerWhole)
        return Amount(units: Int64(FixedPoint.divide(units, scale, .up)))
    }
}
