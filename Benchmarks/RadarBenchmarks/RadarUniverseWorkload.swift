import EdgewiseAnalysis
import EdgewiseCore

/// A radar holding `marketCount` markets in mutually exclusive events of 2 to 30 outcomes, each
/// book three levels a side, priced the way real sets are (Σ best ask a little above 1, so no
/// Dutch book), plus one 30-outcome event whose asks sum to 0.97 (a Dutch book on every
/// update, to measure the priced path too).
struct RadarUniverseWorkload {
    var radar: Radar
    /// Deltas on one market of a 30-outcome event with no arbitrage: the best ask's size moves
    /// between two values, so the book stays consistent however often the cycle runs.
    var quietDeltas: [MarketDataEvent] = []
    /// The same on the event that holds a Dutch book.
    var arbitrageDeltas: [MarketDataEvent] = []

    static func eventSize(_ number: Int) -> Int { 2 + number % 29 }

    init(marketCount: Int = 50_000) {
        radar = Radar(configuration: RadarConfiguration(maxBookAge: nil))
        var created = 0
        var number = 0
        var quietMarket: InstrumentID?
        while created < marketCount {
            let size = min(Self.eventSize(number), marketCount - created)
            let ask = Int64(1_000_000 / size + 10_000)
            quietMarket = add(event: number, size: max(size, 2), askUnits: ask) ?? quietMarket
            created += max(size, 2)
            number += 1
        }
        let arbitrage = add(event: number, size: 30, askUnits: 32_333)!
        let quiet = quietMarket!
        for size in [150, 160] {
            quietDeltas.append(.bookDelta(BookDelta(
                instrument: quiet, changes: [BookChange(side: .ask, price: Price(units: 1_000_000 / 30 + 10_000), update: .set(Size(units: Int64(size) * 1_000_000)))])))
            arbitrageDeltas.append(.bookDelta(BookDelta(
                instrument: arbitrage, changes: [BookChange(side: .ask, price: Price(units: 32_333), update: .set(Size(units: Int64(size) * 1_000_000)))])))
        }
    }

    /// Adds one event; returns a market of it when it has 30 outcomes.
    private mutating func add(event number: Int, size: Int, askUnits: Int64) -> InstrumentID? {
        let markets = (0..<size).map { outcome in
            Market(
                venue: .polymarket, id: MarketID("m\(number)-\(outcome)"), eventID: EventID("e\(number)"),
                question: "Outcome \(outcome) of event \(number)",
                outcomes: [Outcome(token: TokenID("t\(number)-\(outcome)-y"), name: "Yes"), Outcome(token: TokenID("t\(number)-\(outcome)-n"), name: "No")],
                status: .open)
        }
        let event = Event(
            venue: .polymarket, id: EventID("e\(number)"), title: "Event \(number)", markets: markets,
            isMutuallyExclusive: true, isExhaustive: true, isNegRisk: true)
        let indices = radar.add(event, fees: { _ in NoFees() })
        for index in indices {
            let instrument = radar.universe.markets[index].yes
            let asks = (0..<3).map { BookLevel(price: Price(units: askUnits + Int64($0) * 10_000), size: 150) }
            let bids = (0..<3).map { BookLevel(price: Price(units: max(1_000, askUnits - 20_000 - Int64($0) * 10_000)), size: 150) }
            radar.load(BookSnapshot(instrument: instrument, bids: bids, asks: asks), receivedAt: Timestamp(nanoseconds: 1))
        }
        return size == 30 ? radar.universe.markets[indices[0]].yes : nil
    }
}
