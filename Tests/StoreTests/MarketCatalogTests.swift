import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Market catalog")
struct MarketCatalogTests {
    @Test("a market round-trips exactly and is found by id, slug and token")
    func roundTrip() throws {
        try withScratchStore { store, _ in
            let market = Sample.market()
            try store.upsert(markets: [market])
            #expect(try store.market(venue: .polymarket, id: market.id) == market)
            #expect(try store.market(venue: .polymarket, slug: "will-it-rain-in-paris-on-friday") == market)
            #expect(try store.market(trading: Sample.no) == market)
            #expect(try store.market(venue: .kalshi, id: market.id) == nil)
            #expect(try store.market(trading: InstrumentID(venue: .polymarket, token: "nope")) == nil)
        }
    }

    @Test("optional fields stay nil and unknown statuses keep their text")
    func sparseMarket() throws {
        try withScratchStore { store, _ in
            let market = Market(
                venue: .kalshi, id: "KXRAIN-26NOV27", question: "Rain?", outcomes: [Outcome(token: "KXRAIN-26NOV27:yes", name: "Yes")],
                status: .unknown("halted_by_cftc"), acceptingOrders: false)
            try store.upsert(markets: [market])
            let stored = try #require(try store.market(venue: .kalshi, id: "KXRAIN-26NOV27"))
            #expect(stored == market)
            #expect(stored.status == .unknown("halted_by_cftc"))
        }
    }

    @Test("an upsert replaces the market and its outcome list")
    func replace() throws {
        try withScratchStore { store, _ in
            var market = Sample.market()
            try store.upsert(markets: [market])
            market.status = .resolved
            market.question = "Will it rain in Paris on Friday 27 November?"
            market.outcomes = [
                Outcome(token: Sample.yes.token, name: "Yes", indicativePrice: nil, payout: .one),
                Outcome(token: Sample.no.token, name: "No", payout: .zero),
            ]
            try store.upsert(markets: [market])
            #expect(try store.market(venue: .polymarket, id: market.id) == market)
            #expect(try store.searchMarkets("Paris").count == 1)
        }
    }

    @Test("an event stores its markets and reads back whole")
    func event() throws {
        try withScratchStore { store, _ in
            let first = Sample.market(id: "0xaaa", slug: "a")
            var second = Sample.market(id: "0xbbb", slug: "b")
            second.outcomes = [Outcome(token: "tok-b-yes", name: "Yes"), Outcome(token: "tok-b-no", name: "No")]
            let event = Event(
                venue: .polymarket, id: "ev-42", slug: "paris-weather", title: "Paris weather", description: "Rain or shine",
                category: "Weather", tags: ["weather", "paris"], settlementSource: "Météo-France",
                markets: [first, second], status: .open, openTime: Timestamp(nanoseconds: 1),
                endTime: Timestamp(nanoseconds: 1_800_000_000_000_000_007), isMutuallyExclusive: true,
                isExhaustive: true, isNegRisk: true, isNegRiskAugmented: false)
            try store.upsert(event: event)
            #expect(try store.event(venue: .polymarket, id: "ev-42") == event)
            #expect(try store.market(venue: .polymarket, slug: "b") == second)
            #expect(try store.event(venue: .polymarket, id: "ev-missing") == nil)
        }
    }

    @Test("a token already traded by another market is refused, not moved silently")
    func tokenClash() throws {
        try withScratchStore { store, _ in
            try store.upsert(markets: [Sample.market(id: "0xaaa", slug: "a")])
            let clash = Sample.market(id: "0xbbb", slug: "b")
            #expect(throws: StoreError.self) { try store.upsert(markets: [clash]) }
            // The failed batch left nothing behind.
            #expect(try store.market(venue: .polymarket, id: "0xbbb") == nil)
        }
    }

    @Test("search matches question or slug, honours venue and limit, and treats % and _ literally")
    func search() throws {
        try withScratchStore { store, _ in
            let markets = (0..<5).map { index in
                Market(
                    venue: .polymarket, id: MarketID("m\(index)"), slug: "fed-cut-\(index)",
                    question: "Will the Fed cut rates by 25bp in meeting \(index)?",
                    outcomes: [Outcome(token: TokenID("t\(index)"), name: "Yes")], status: index == 3 ? .open : .closed)
            }
            let percent = Market(
                venue: .kalshi, id: "pct", question: "Inflation above 3% in 2027?",
                outcomes: [Outcome(token: "pct:yes", name: "Yes")], status: .open)
            try store.upsert(markets: markets + [percent])
            #expect(try store.searchMarkets("fed").count == 5)
            #expect(try store.searchMarkets("FED CUT", limit: 2).count == 2)
            #expect(try store.searchMarkets("fed", limit: 1).first?.id == "m3")
            #expect(try store.searchMarkets("fed-cut-4").map(\.id) == ["m4"])
            #expect(try store.searchMarkets("fed", venue: .kalshi).isEmpty)
            #expect(try store.searchMarkets("3%").map(\.id) == ["pct"])
            #expect(try store.searchMarkets("%").map(\.id) == ["pct"])
            #expect(try store.searchMarkets("cut_").isEmpty)
        }
    }
}
