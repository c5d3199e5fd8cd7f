import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseStore
import Foundation
import Testing

/// `edgewise pairs list|show|set` against a database in a temporary --home, filled through the
/// store API with pairs the settlement check assessed.
@Suite("edgewise pairs")
struct PairsCommandTests {
    static func binary(_ venue: VenueID, _ id: String, _ question: String, yes: String, source: String? = nil) -> Market {
        let rules = """
            Resolves Yes if the Coinbase BTC-USD price at 12:00 PM ET on December 31, 2026 is above $100,000. \
            If the market is cancelled, it resolves No.
            """
        return Market(
            venue: venue, id: MarketID(id), question: question, rules: rules,
            settlementSource: source ?? "https://www.coinbase.com/price/bitcoin",
            outcomes: [
                Outcome(token: TokenID("\(id):yes"), name: "Yes", indicativePrice: Price(yes)),
                Outcome(token: TokenID("\(id):no"), name: "No", indicativePrice: Price(yes)?.complement),
            ], status: .open, endTime: Timestamp(seconds: 1_798_736_400))
    }

    /// Three pairs: one equivalent, one not equivalent (thresholds), one needing review (source).
    static func populate(_ cli: EdgewiseProcess) throws -> (equivalent: MarketPair, different: MarketPair, review: MarketPair) {
        let checker = SettlementEquivalence()
        let at = Timestamp(seconds: 1_788_000_000)
        let question = "Will Bitcoin be above $100,000 on December 31, 2026?"
        let equivalent = checker.pair(
            binary(.kalshi, "KXBTC-T100", question, yes: "0.42"), binary(.polymarket, "0xbtc100", question, yes: "0.45"),
            candidateScore: 0.91, at: at)
        let different = checker.pair(
            binary(.kalshi, "KXBTC-T100", question, yes: "0.42"),
            binary(.polymarket, "0xbtc110", "Will Bitcoin be above $110,000 on December 31, 2026?", yes: "0.40"), at: at)
        let review = checker.pair(
            binary(.kalshi, "KXBTC-T100", question, yes: "0.42"),
            binary(.polymarket, "0xbtc100b", question, yes: "0.44", source: "https://www.binance.com/en/trade/BTC_USDT"), at: at)
        #expect(equivalent.effectiveVerdict == .equivalent, "\(equivalent.assessment.blockingFindings)")
        #expect(different.effectiveVerdict == .notEquivalent)
        #expect(review.effectiveVerdict == .needsReview)
        let store = try EdgewiseStore(path: cli.databasePath)
        for pair in [equivalent, different, review] { try store.upsertAutomatic(pair: pair) }
        return (equivalent, different, review)
    }

    @Test("list shows every pair, filters by verdict and prints JSON")
    func list() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let pairs = try Self.populate(cli)
        let table = try await cli.run("pairs", "list")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("PAIR"))
        for pair in [pairs.equivalent, pairs.different, pairs.review] { #expect(table.stdout.contains(pair.id.rawValue)) }

        let filtered = try await cli.run("pairs", "list", "--verdict", "not-equivalent", "--json")
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let listed = try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as! [[String: Any]]
        #expect(listed.map { $0["id"] as? String } == [pairs.different.id.rawValue])
        #expect(listed.first?["verdict"] as? String == "not_equivalent")
        #expect((listed.first?["b"] as? [String: Any])?["marketId"] as? String == "0xbtc110")

        let bad = try await cli.run("pairs", "list", "--verdict", "maybe")
        #expect(bad.status != 0)
    }

    @Test("show prints both markets, the polarity, every finding and what to check next")
    func show() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let pairs = try Self.populate(cli)
        let text = try await cli.run("pairs", "show", pairs.review.id.rawValue)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("needs_review (automatic)"), "\(text.stdout)")
        #expect(text.stdout.contains("kalshi KXBTC-T100"))
        #expect(text.stdout.contains("polymarket 0xbtc100b"))
        #expect(text.stdout.contains("polarity same"))
        for criterion in SettlementCriterion.allCases { #expect(text.stdout.contains(criterion.rawValue), "\(criterion)") }
        #expect(text.stdout.contains("binance.com"))
        #expect(text.stdout.contains("next: "))

        let json = try await cli.run("pairs", "show", pairs.different.id.rawValue, "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let shown = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let findings = shown["findings"] as! [[String: Any]]
        let threshold = findings.first { $0["criterion"] as? String == "threshold" }
        #expect(threshold?["status"] as? String == "mismatch")
        #expect(shown["polarity"] as? String == "same")

        let missing = try await cli.run("pairs", "show", "pair-0000000000000000")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no market pair pair-0000000000000000"), "\(missing.stderr)")
        #expect(missing.stderr.contains("edgewise pairs list"), "\(missing.stderr)")
    }

    @Test("set records an override with a note, --clear removes it, and the effective verdict follows")
    func setAndClear() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let pairs = try Self.populate(cli)
        let id = pairs.review.id.rawValue
        let set = try await cli.run("pairs", "set", id, "not-equivalent", "--note", "Binance is not Coinbase")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("not_equivalent (your override)"), "\(set.stdout)")

        let store = try EdgewiseStore(path: cli.databasePath)
        let stored = try #require(try store.marketPair(id: pairs.review.id))
        #expect(stored.override?.verdict == .notEquivalent)
        #expect(stored.override?.note == "Binance is not Coinbase")
        #expect(stored.assessment.verdict == .needsReview)

        let shown = try await cli.run("pairs", "show", id)
        #expect(shown.stdout.contains("override; automatic needs_review"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Binance is not Coinbase"))
        let listed = try await cli.run("pairs", "list", "--verdict", "not_equivalent", "--json")
        let ids = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(Set(ids) == [pairs.different.id.rawValue, id])

        let cleared = try await cli.run("pairs", "set", id, "--clear")
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout.contains("needs_review (automatic)"), "\(cleared.stdout)")
        #expect(try store.marketPair(id: pairs.review.id)?.override == nil)

        let neither = try await cli.run("pairs", "set", id)
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("--clear"), "\(neither.stderr)")
        let unknown = try await cli.run("pairs", "set", "pair-0000000000000000", "equivalent")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("edgewise pairs list"), "\(unknown.stderr)")
    }
}
