import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

/// The daily-temperature bucket sets of the shared Polymarket order-book dataset (CC BY 4.0,
/// Dinesh Gopalakrishnan; read in place, never copied): 28 city-days of six markets each, whose
/// slugs end in `-lt79f`, `-gte79lt80f`, …, `-gte87f`.
///
/// Read literally, `gte79lt80f` is `[79, 80)` and every set leaves 1° gaps (`[80, 81)`, …)
/// between its buckets, so none is a partition — only "at most one". The venue titles such
/// buckets "79° to 80°" on whole-degree readings, and the quotes agree: Σ bids sit near 1. Under
/// that convention, opted into per unit, every set tiles the line; a set with a bucket missing
/// still does not.
@Suite(.requiresSharedFixtures) struct TemperatureBucketSetTests {
    struct Row {
        var question: String
        var slug: String
        var resolvedYes: Bool
        var lastSeen: Timestamp
    }

    static func csv(_ path: String) throws -> [[String: String]] {
        let text = String(decoding: try SharedFixtures.file(path), as: UTF8.self)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = fields(lines.removeFirst())
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    /// Comma-separated fields with double-quoted fields allowed (question texts may hold commas).
    static func fields(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { current.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        result.append(current)
        return result
    }

    static func timestamp(_ text: String) -> Timestamp? {
        ISO8601DateFormatter().date(from: text).map(Timestamp.init)
    }

    static func temperatureRows() throws -> [Row] {
        try csv("data/polymarket-orderbook-dataset/events.csv").compactMap { row in
            guard let slug = row["slug"], slug.hasPrefix("tc-temp-"), let question = row["event_question"],
                let seen = row["last_ts"].flatMap(timestamp)
            else { return nil }
            return Row(question: question, slug: slug, resolvedYes: row["y"] == "1", lastSeen: seen)
        }
    }

    static func market(_ row: Row) -> Market {
        Market(
            venue: .polymarket, id: MarketID(row.slug), slug: row.slug, question: row.question,
            outcomes: [Outcome(token: TokenID(row.slug + ":yes"), name: "Yes"), Outcome(token: TokenID(row.slug + ":no"), name: "No")],
            status: .open, endTime: row.lastSeen)
    }

    let inclusive = ConstraintDetector(bucketBounds: .wholeUnitsInclusive(units: ["°f"]))

    @Test func bucketSetsAreFoundPerCityAndDayAndTheirCoverageIsReported() throws {
        let rows = try Self.temperatureRows()
        let sets = Dictionary(grouping: rows, by: \.question)
        #expect(sets.count == 28 && sets.values.allSatisfy { $0.count == 6 })
        let questionOf = Dictionary(uniqueKeysWithValues: rows.map { (VenueMarketKey(venue: .polymarket, market: MarketID($0.slug)), $0.question) })
        let resolved = Set(rows.filter(\.resolvedYes).map { VenueMarketKey(venue: .polymarket, market: MarketID($0.slug)) })
        let markets = rows.map(Self.market)

        for (detector, expectedKind) in [(ConstraintDetector(), MarketConstraint.Kind.mutuallyExclusive), (inclusive, .partition)] {
            let found = detector.detect(markets: markets)
            #expect(found.count == 28)
            for constraint in found {
                #expect(constraint.kind == expectedKind, "\(constraint.reason)")
                #expect(constraint.members.count == 6)
                // Never grouped across cities or days.
                #expect(Set(constraint.members.map { questionOf[$0.market] }).count == 1)
                // The settled result is one of the joint outcomes the constraint allows.
                let realised = constraint.members.map { resolved.contains($0.market) }
                #expect(constraint.states.contains(realised))
            }
        }

        let chicago = try #require(sets["Highest temperature in Chicago on July 10?"]).map(Self.market)
        #expect(ConstraintDetector().coverage(of: chicago)?.gaps.map(\.description) == ["[80, 81)", "[82, 83)", "[84, 85)", "[86, 87)"])
        #expect(inclusive.coverage(of: chicago)?.isPartition == true)
        // A set with an interior bucket missing (the dataset holds some events aside) has a gap
        // even under the whole-degree convention.
        let missing = chicago.filter { !($0.slug ?? "").hasSuffix("-gte83lt84f") }
        #expect(inclusive.coverage(of: missing)?.gaps.map(\.description) == ["[83, 85)"])
        #expect(inclusive.detect(markets: missing).map(\.kind) == [.mutuallyExclusive])
    }

    /// Replays the recorded top-of-book quotes (no depth is recorded, so each quote is given 100
    /// shares; fees unknown, so none). "At most one" is violated exactly when the YES bids sum
    /// above 1 (buy every NO: it pays 5 of 6 at worst); a partition also when the asks sum below 1.
    @Test func recordedQuotesFireExactlyWhenTheHandConditionHolds() throws {
        let rows = try Self.temperatureRows()
        let markets = rows.map(Self.market)
        let bySlug = Dictionary(uniqueKeysWithValues: markets.map { ($0.id.rawValue, $0) })
        let questionOf = Dictionary(uniqueKeysWithValues: rows.map { ($0.slug, $0.question) })
        let exclusive = Dictionary(uniqueKeysWithValues: ConstraintDetector().detect(markets: markets).map { (questionOf[$0.members[0].market.market.rawValue]!, $0) })
        let partitions = Dictionary(uniqueKeysWithValues: inclusive.detect(markets: markets).map { (questionOf[$0.members[0].market.market.rawValue]!, $0) })

        struct Key: Hashable { var question: String; var ts: String }
        var snapshots: [Key: [String: (bid: Price, ask: Price)]] = [:]
        for row in try Self.csv("data/polymarket-orderbook-dataset/event_quotes_10min.csv") {
            guard let slug = row["slug"], let question = questionOf[slug], let ts = row["ts"],
                let bid = row["bid"].flatMap({ Price($0) }), let ask = row["ask"].flatMap({ Price($0) })
            else { continue }
            snapshots[Key(question: question, ts: ts), default: [:]][slug] = (bid, ask)
        }

        let detector = BundleDetector()
        var evaluated = 0
        var firedExclusive = 0
        var firedPartition = 0
        for (key, quotes) in snapshots where quotes.count == 6 && quotes.values.allSatisfy({ $0.bid < $0.ask }) {
            let now = try #require(Self.timestamp(key.ts))
            var books: [InstrumentID: OrderBook] = [:]
            for (slug, quote) in quotes {
                let market = bySlug[slug]!
                let instrument = market.instrument(for: market.outcome(named: "Yes")!)
                books[instrument] = OrderBook(
                    snapshot: BookSnapshot(
                        instrument: instrument, bids: [BookLevel(price: quote.bid, size: 100)],
                        asks: [BookLevel(price: quote.ask, size: 100)]),
                    receivedAt: now)
            }
            let sumBids = quotes.values.reduce(Int64(0)) { $0 + $1.bid.units }
            let sumAsks = quotes.values.reduce(Int64(0)) { $0 + $1.ask.units }
            let one = FixedPoint.unitsPerWhole
            let members = quotes.keys.compactMap { bySlug[$0] }
            let fees: [VenueID: any FeeModel] = [.polymarket: NoFees()]

            let atMostOne = detector.evaluate(exclusive[key.question]!, markets: members, books: books, fees: fees, now: now)
            #expect((atMostOne != nil) == (sumBids > one), "\(key.question) \(key.ts)")
            if let atMostOne {
                firedExclusive += 1
                // Profit per basket is exactly Σ bids − 1 on one NO of each.
                #expect(atMostOne.profit.units == (sumBids - one) * 100)
                #expect(atMostOne.legs.allSatisfy { $0.outcome == .no })
            }
            let exactlyOne = detector.evaluate(partitions[key.question]!, markets: members, books: books, fees: fees, now: now)
            #expect((exactlyOne != nil) == (sumBids > one || sumAsks < one), "\(key.question) \(key.ts)")
            if exactlyOne != nil { firedPartition += 1 }
            evaluated += 1
        }
        #expect(evaluated == 3270)
        #expect(firedExclusive == 1965)
        #expect(firedPartition == 1965 + 145)
    }
}
