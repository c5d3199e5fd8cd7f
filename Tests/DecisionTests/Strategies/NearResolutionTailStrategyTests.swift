import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision
import Testing

/// The near-resolution tail strategy through a real host.
@Suite("Near-resolution tail strategy")
struct NearResolutionTailStrategyTests {
    static let id: StrategyID = "tail"

    /// A host with market `m` ending `hoursLeft` hours after t = 0.
    static func host(
        _ settings: NearResolutionTailSettings = NearResolutionTailSettings(), hoursLeft: Double = 6,
        category: String? = nil, fees: VenueFees = .none, cash: Amount = 1_000
    ) -> StrategyHost {
        let strategy = NearResolutionTailStrategy(
            id: id, settings: settings, fees: fees, categories: MarketCategories { _ in category })
        var host = StrategyHost(strategies: [strategy], portfolio: Portfolio(cash: cash))
        _ = host.start(at: Clock.at(0))
        _ = host.handle(.market(binaryMarket("m", event: "e", endsAt: Clock.at(hoursLeft * 3600))), at: Clock.at(0))
        return host
    }

    static func asks(_ yes: String, size: Int64 = 1_000, at time: Double = 1) -> StrategyInput {
        bookInput(yesToken("m"), bids: [("0.90", 100)], asks: [(yes, size)], receivedAt: Clock.at(time))
    }

    @Test("buys the favourite inside the band, sized to the cost cap through the book, once")
    func buysFavourite() throws {
        var host = Self.host()
        _ = host.handle(bookInput(noToken("m"), asks: [("0.05", 1_000)], receivedAt: Clock.at(1)), at: Clock.at(1))
        let actions = host.handle(
            bookInput(yesToken("m"), asks: [("0.96", 30), ("0.97", 1_000)], receivedAt: Clock.at(1)), at: Clock.at(1))
        let intent = try #require(actions.intents.first)
        #expect(actions.intents.count == 1)
        #expect(intent.instrument == yesToken("m"))
        #expect(intent.purpose == .directional)
        #expect(intent.timeInForce == .fillAndKill)
        #expect(intent.side == .buy)
        #expect(intent.eventID == "e")
        #expect(intent.bookReceivedAt == Clock.at(1))
        // 30 at 0.96 (28.80) then 21 at 0.97 (20.37): 49.17 ≤ 50; one more share would cost 50.14.
        #expect(intent.size == 51)
        #expect(intent.limitPrice == Price("0.97")!)
        #expect(intent.notional <= 50)

        let later = host.handle(Self.asks("0.96", at: 2), at: Clock.at(2))
        #expect(later.intents.isEmpty)
        _ = host.advance(to: Clock.at(200))
        #expect(host.handle(Self.asks("0.955", at: 201), at: Clock.at(201)).intents.isEmpty)
    }

    @Test("an order that ends unfilled frees the market; one that filled does not")
    func retryAfterUnfilled() throws {
        var host = Self.host()
        let intent = try #require(host.handle(Self.asks("0.96"), at: Clock.at(1)).intents.first)
        var order = intent.order(id: "o1", at: Clock.at(1))
        host.placed(order, by: Self.id)
        try order.apply(.submitted(at: Clock.at(1)))
        try order.apply(.rejected(reason: "no liquidity", at: Clock.at(2)))
        _ = host.handle(.orderUpdate(order), at: Clock.at(2))
        #expect(host.handle(Self.asks("0.96", at: 3), at: Clock.at(3)).intents.count == 1)
    }

    @Test("asks below the threshold or above the maximum are left alone", arguments: [
        ("0.94", false), ("0.95", true), ("0.98", true), ("0.981", false),
    ])
    func band(ask: String, buys: Bool) {
        var host = Self.host(NearResolutionTailSettings(assumedProbability: 0.995))
        #expect(host.handle(Self.asks(ask), at: Clock.at(1)).intents.count == (buys ? 1 : 0))
    }

    @Test("only markets ending within the window; a market entering it is found by the periodic scan")
    func window() {
        var far = Self.host(hoursLeft: 30)
        #expect(far.handle(Self.asks("0.96"), at: Clock.at(1)).intents.isEmpty)
        // The window opens at t = 6 h (24 h before the end), on a scan tick; the book came 10 s
        // earlier, when the market was still outside it.
        #expect(far.handle(Self.asks("0.96", at: 21_590), at: Clock.at(21_590)).intents.isEmpty)
        let scanned = far.advance(to: Clock.at(21_600))
        #expect(scanned.intents.count == 1)

        var ended = Self.host(hoursLeft: 0.0001)
        #expect(ended.handle(Self.asks("0.96"), at: Clock.at(1)).intents.isEmpty)
    }

    @Test("category filters: include admits only its categories, exclude refuses its own, unknown is refused when filtering")
    func categories() {
        func buys(_ settings: NearResolutionTailSettings, category: String?) -> Bool {
            var host = Self.host(settings, category: category)
            return !host.handle(Self.asks("0.96"), at: Clock.at(1)).intents.isEmpty
        }
        #expect(buys(NearResolutionTailSettings(includeCategories: ["Crypto"]), category: "crypto"))
        #expect(!buys(NearResolutionTailSettings(includeCategories: ["crypto"]), category: "sports"))
        #expect(!buys(NearResolutionTailSettings(excludeCategories: ["sports"]), category: "Sports"))
        #expect(buys(NearResolutionTailSettings(excludeCategories: ["sports"]), category: "politics"))
        #expect(!buys(NearResolutionTailSettings(excludeCategories: ["sports"]), category: nil))
        #expect(buys(NearResolutionTailSettings(), category: nil))
        var host = Self.host(NearResolutionTailSettings(includeCategories: ["crypto"]), category: "sports")
        #expect(host.handle(Self.asks("0.96"), at: Clock.at(1)).notes == ["pass polymarket:m: category sports is filtered out"])
    }

    @Test("a stale book is not priced from; fees that eat the edge decline the trade")
    func staleAndFees() {
        var stale = Self.host(NearResolutionTailSettings(maxBookAgeSeconds: 30))
        let old = stale.handle(Self.asks("0.96", at: -100), at: Clock.at(1))
        #expect(old.intents.isEmpty)
        #expect(old.notes.contains { $0.contains("stale") })
        #expect(stale.advance(to: Clock.at(61)).intents.isEmpty)

        // 0.03 per share on top of 0.96 leaves nothing of the 0.99 belief.
        let expensive = VenueFees { _, _ in FlatPerShareFee(perShare: Price("0.03")!) }
        var costly = Self.host(fees: expensive)
        let actions = costly.handle(Self.asks("0.96"), at: Clock.at(1))
        #expect(actions.intents.isEmpty)
        #expect(actions.notes.contains { $0.contains("sizing declined") })
    }

    @Test("a market already held is not bought again")
    func alreadyHeld() {
        var host = Self.host()
        let fill = Fill(id: "f0", instrument: yesToken("m"), side: .buy, price: Price("0.90")!, size: 5, time: Clock.at(0))
        _ = host.handle(.fill(fill, order: Order(instrument: yesToken("m"), side: .buy, limitPrice: Price("0.90")!, size: 5, createdAt: Clock.at(0))), at: Clock.at(0))
        #expect(host.handle(Self.asks("0.96"), at: Clock.at(1)).intents.isEmpty)
    }
}

/// A fixed fee per share, rounded up.
struct FlatPerShareFee: FeeModel {
    var perShare: Price
    func takerFee(size: Size, price: Price) -> Amount { perShare.cost(of: size, .up) }
}
