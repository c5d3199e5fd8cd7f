import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseTestSupport
import Testing

/// The Dutch-book detector replayed over real Polymarket quotes: at every timestamp its verdict
/// for every event must equal the sum check done independently here, including one-sided and
/// crossed books and the collector outage.
///
/// The dataset is top of book only, with no sizes: each quote is given a nominal 100 shares, and
/// no fees (the dataset has no fee data). Those are stated assumptions of this test, not of the
/// radar.
@Suite(.requiresSharedFixtures) struct DutchBookDatasetTests {
    static let nominal = Size(units: 100 * FixedPoint.unitsPerWhole)
    static let maxAge = 1_800.0

    struct Expectation {
        var yes = 0, no = 0, crossedSuppressed = 0, oneSidedSuppressed = 0, staleSuppressed = 0
    }

    func replay(_ file: String) throws -> (Expectation, mismatches: [String]) {
        let data = try QuoteDataset.load(quotes: file)
        var radar = Radar(configuration: RadarConfiguration(maxBookAge: Self.maxAge))
        var eventOfSlug: [String: Int] = [:]
        for (number, event) in data.events.enumerated() {
            let markets = event.slugs.map { slug in
                Market(
                    venue: .polymarket, id: MarketID(slug), eventID: EventID("\(number)"), question: slug,
                    outcomes: [Outcome(token: TokenID(slug + ":yes"), name: "Yes"), Outcome(token: TokenID(slug + ":no"), name: "No")],
                    status: .open)
            }
            for slug in event.slugs { eventOfSlug[slug] = number }
            radar.add(
                Event(venue: .polymarket, id: EventID("\(number)"), title: event.question, markets: markets,
                      isMutuallyExclusive: true, isExhaustive: true),
                fees: { _ in NoFees() })
        }
        var latest: [String: QuoteDataset.Quote] = [:]
        var stats = Expectation()
        var mismatches: [String] = []
        var index = 0
        while index < data.quotes.count {
            let now = data.quotes[index].ts
            var touched = Set<Int>()
            while index < data.quotes.count, data.quotes[index].ts == now {
                let quote = data.quotes[index]
                index += 1
                guard let event = eventOfSlug[quote.slug] else { continue }
                latest[quote.slug] = quote
                touched.insert(event)
                let snapshot = BookSnapshot(
                    instrument: InstrumentID(venue: .polymarket, token: TokenID(quote.slug + ":yes")),
                    bids: quote.bid.map { [BookLevel(price: $0, size: Self.nominal)] } ?? [],
                    asks: quote.ask.map { [BookLevel(price: $0, size: Self.nominal)] } ?? [])
                _ = radar.apply(.bookSnapshot(snapshot), receivedAt: now)
            }
            for event in touched.sorted() {
                let slugs = data.events[event].slugs
                let quotes = slugs.map { latest[$0] }
                let fresh = quotes.allSatisfy { $0 != nil && now.seconds(since: $0!.ts) <= Self.maxAge }
                let crossed = quotes.contains { q in
                    guard let q, let bid = q.bid, let ask = q.ask else { return false }
                    return bid >= ask
                }
                let asks = quotes.map { $0?.ask }
                let bids = quotes.map { $0?.bid }
                let askSum = asks.allSatisfy { $0 != nil } ? asks.reduce(Int64(0)) { $0 + $1!.units } : nil
                let bidSum = bids.allSatisfy { $0 != nil } ? bids.reduce(Int64(0)) { $0 + $1!.units } : nil
                let one = FixedPoint.unitsPerWhole
                let usable = fresh && !crossed
                let expectYes = usable && (askSum.map { $0 < one } ?? false)
                let expectNo = usable && (bidSum.map { $0 > one } ?? false)

                let group = "event:polymarket:\(event)"
                let open = radar.registry.open.values.filter { $0.group == group }
                let yes = open.first { $0.legs.first?.outcome == .yes }
                let no = open.first { $0.legs.first?.outcome == .no }
                if (yes != nil) != expectYes || (no != nil) != expectNo {
                    mismatches.append("\(data.events[event].question) at \(now): expected yes=\(expectYes) no=\(expectNo)")
                }
                // Exact pricing on a single nominal level: profit = 100 × (1 − Σask), 100 × (Σbid − 1).
                if let yes, let askSum, yes.profit.units != (one - askSum) * 100 {
                    mismatches.append("\(data.events[event].question) at \(now): yes profit \(yes.profit)")
                }
                if let no, let bidSum, no.profit.units != (bidSum - one) * 100 {
                    mismatches.append("\(data.events[event].question) at \(now): no profit \(no.profit)")
                }
                // Never a leg from the other side of the collector outage.
                for opportunity in open {
                    for leg in opportunity.legs where latest[leg.marketID.rawValue]?.segment != latest[slugs[0]]?.segment
                        || latest[leg.marketID.rawValue]?.segment != data.quotes[index - 1].segment
                    {
                        mismatches.append("\(opportunity.title) uses \(leg.marketID) across segments at \(now)")
                    }
                }
                if expectYes { stats.yes += 1 }
                if expectNo { stats.no += 1 }
                let naiveYes = askSum.map { $0 < one } ?? false
                let naiveNo = bidSum.map { $0 > one } ?? false
                if crossed && (naiveYes || naiveNo) { stats.crossedSuppressed += 1 }
                if !fresh && quotes.allSatisfy({ $0 != nil }) && (naiveYes || naiveNo) { stats.staleSuppressed += 1 }
                if askSum == nil && quotes.allSatisfy({ $0 != nil }) { stats.oneSidedSuppressed += 1 }
            }
        }
        return (stats, mismatches)
    }

    @Test func tenMinuteQuotesAgreeWithTheSumCheckAtEveryTimestamp() throws {
        let (stats, mismatches) = try replay("event_quotes_10min.csv")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // The data holds every case the test is about; if it did not, the test would prove nothing.
        #expect(stats.yes > 0)
        #expect(stats.no > 0)
        #expect(stats.crossedSuppressed > 0)
        #expect(stats.oneSidedSuppressed > 0)
        #expect(stats.staleSuppressed > 0)
    }

    @Test func worldCupQuotesAtTheNativeCadence() throws {
        let (stats, mismatches) = try replay("event_quotes_native_worldcup.csv")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(stats.yes > 0)
    }

    /// The dataset README's own figure: at 2026-07-10 20:25 the seven-team winner set has
    /// Σask = 0.996, so every YES costs 0.996 and pays 1; Belgium has no bid, so no NO basket.
    @Test func theWinnerSetAtTheFirstSnapshot() throws {
        let data = try QuoteDataset.load(quotes: "event_quotes_native_worldcup.csv")
        let first = data.quotes[0].ts
        let winner = try #require(data.events.first { $0.question == "FIFA World Cup Winner" })
        var radar = Radar(configuration: RadarConfiguration(maxBookAge: nil))
        let markets = winner.slugs.map {
            Market(venue: .polymarket, id: MarketID($0), question: $0,
                   outcomes: [Outcome(token: TokenID($0), name: "Yes"), Outcome(token: TokenID($0 + ":no"), name: "No")], status: .open)
        }
        radar.add(Event(venue: .polymarket, id: "wc", title: winner.question, markets: markets,
                        isMutuallyExclusive: true, isExhaustive: true), fees: { _ in NoFees() })
        for quote in data.quotes where quote.ts == first && winner.slugs.contains(quote.slug) {
            radar.load(BookSnapshot(
                instrument: InstrumentID(venue: .polymarket, token: TokenID(quote.slug)),
                bids: quote.bid.map { [BookLevel(price: $0, size: Self.nominal)] } ?? [],
                asks: quote.ask.map { [BookLevel(price: $0, size: Self.nominal)] } ?? []), receivedAt: first)
        }
        let changes = radar.evaluateAll(now: first)
        #expect(changes.count == 1)
        let opportunity = try #require(changes.first?.opportunity)
        #expect(opportunity.legs.count == 7 && opportunity.legs.allSatisfy { $0.outcome == .yes })
        #expect(opportunity.cost == Amount("99.6")!)
        #expect(opportunity.profit == Amount("0.4")!)
    }
}
