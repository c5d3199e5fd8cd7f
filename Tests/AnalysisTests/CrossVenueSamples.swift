import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseTestSupport
import Foundation

/// Markets for the cross-venue tests: synthetic binary markets, and the real Kalshi/Polymarket
/// pairs of `../shared/data/kalshi-polymarket-pairs/` read in place.
enum CrossVenueSamples {
    static let checkedAt = Timestamp(seconds: 1_788_000_000)
    static let endOfYear = Timestamp(seconds: 1_798_736_400)  // 2026-12-31T17:00:00Z, noon ET

    static func binary(
        _ venue: VenueID, _ id: String, _ question: String, rules: String = "", source: String? = nil,
        end: Timestamp? = endOfYear, yes: String? = nil, slug: String? = nil
    ) -> Market {
        let yesPrice = yes.flatMap { Price($0) }
        return Market(
            venue: venue, id: MarketID(id), slug: slug, question: question, rules: rules, settlementSource: source,
            outcomes: [
                Outcome(token: TokenID("\(id):yes"), name: "Yes", indicativePrice: yesPrice),
                Outcome(token: TokenID("\(id):no"), name: "No", indicativePrice: yesPrice?.complement),
            ], status: .open, endTime: end)
    }

    static let bitcoinRules = """
        Resolves Yes if the Coinbase BTC-USD spot price at 12:00 PM ET on December 31, 2026 is above $100,000, \
        and No otherwise. If Coinbase is unavailable or the market is cancelled, the market resolves No.
        """

    /// The same contract on two venues: same question, rules, source, deadline, zone and threshold.
    static func equivalentBitcoin() -> (Market, Market) {
        (
            binary(
                .kalshi, "KXBTC-26DEC31-T100000", "Will Bitcoin be above $100,000 on December 31, 2026?", rules: bitcoinRules,
                source: "https://www.coinbase.com/price/bitcoin", yes: "0.42"),
            binary(
                .polymarket, "0xbtc100k", "Will Bitcoin be above $100,000 on December 31, 2026?", rules: bitcoinRules,
                source: "coinbase.com/price/bitcoin/", yes: "0.45", slug: "bitcoin-above-100k-on-december-31-2026")
        )
    }

    // MARK: Real pairs

    struct PairRow {
        var fields: [String: String]
        subscript(_ name: String) -> String { fields[name] ?? "" }
        var kalshi: Market
        var polymarket: Market
    }

    static func realPairs() throws -> [PairRow] {
        let text = String(decoding: try SharedFixtures.file("data/kalshi-polymarket-pairs/pairs_2026-08-29.csv"), as: UTF8.self)
        let records = csv(text)
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { $0.count == header.count }.map { record in
            let fields = Dictionary(uniqueKeysWithValues: zip(header, record))
            let ticker = fields["kalshi_market_ticker"]!
            let kalshi = Market(
                venue: .kalshi, id: MarketID(ticker), eventID: EventID(fields["kalshi_event_ticker"]!),
                question: fields["canonical_title"]!,
                outcomes: [
                    Outcome(token: TokenID("\(ticker):yes"), name: "Yes", indicativePrice: Price(fields["kalshi_yes_price"]!)),
                    Outcome(token: TokenID("\(ticker):no"), name: "No", indicativePrice: Price(fields["kalshi_no_price"]!)),
                ], status: .open, endTime: timestamp(fields["kalshi_resolution_date"]!))
            let slug = fields["polymarket_market_slug"]!
            let polymarket = Market(
                venue: .polymarket, id: MarketID(slug), eventID: EventID(fields["polymarket_event_slug"]!), slug: slug,
                question: question(fromSlug: slug),
                outcomes: [
                    Outcome(token: TokenID("\(slug):yes"), name: "Yes", indicativePrice: Price(fields["polymarket_yes_price"]!)),
                    Outcome(token: TokenID("\(slug):no"), name: "No", indicativePrice: Price(fields["polymarket_no_price"]!)),
                ], status: .open, endTime: timestamp(fields["polymarket_resolution_date"]!))
            return PairRow(fields: fields, kalshi: kalshi, polymarket: polymarket)
        }
    }

    /// "will-the-kansas-city-royals-win-the-2026-world-series" → "Will the kansas city royals win the 2026 world series?"
    static func question(fromSlug slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst() + "?"
    }

    static func timestamp(_ text: String) -> Timestamp? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map(Timestamp.init)
    }

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines.
    static func csv(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n":
                record.append(field); field = ""
                records.append(record); record = []
            case "\r": break
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
