import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision
import Testing

/// The confidence-tier strategy through a real host: a calibrated signal against the books.
@Suite("Confidence-tier strategy")
struct ConfidenceTierStrategyTests {
    static let id: StrategyID = "tiers"
    static let limits = SizingLimits(bankroll: 1_000, perOrderCap: 100)

    static func host(
        _ settings: ConfidenceTierSettings = ConfidenceTierSettings(), method: SizingMethod = .default(bankroll: 1_000),
        limits: SizingLimits = limits, yesBids: [(String, Int64)] = [], yesAsks: [(String, Int64)],
        noAsks: [(String, Int64)]? = nil, booksAt time: Double = 0
    ) -> StrategyHost {
        let strategy = ConfidenceTierStrategy(id: id, settings: settings, method: method, limits: limits, fees: .none)
        var host = StrategyHost(strategies: [strategy], portfolio: Portfolio(cash: 1_000))
        _ = host.handle(.market(binaryMarket("c", event: "e")), at: Clock.at(0))
        _ = host.handle(bookInput(yesToken("c"), bids: yesBids, asks: yesAsks, receivedAt: Clock.at(time)), at: Clock.at(0))
        if let noAsks {
            _ = host.handle(bookInput(noToken("c"), asks: noAsks, receivedAt: Clock.at(time)), at: Clock.at(0))
        }
        return host
    }

    static func signal(_ p: Double?, uncertainty: Double? = 0.04) -> StrategyInput {
        .signal(ProbabilitySignal(
            venue: .polymarket, marketID: "c",
            estimate: ProbabilityEstimate(model: "test", raw: p ?? 0.5, calibrated: p, uncertainty: uncertainty),
            knownAt: Clock.at(1)))
    }

    @Test("YES with edge is bought from the YES book at the high tier's cap")
    func buysYes() throws {
        var host = Self.host(yesAsks: [("0.55", 1_000)], noAsks: [("0.47", 1_000)])
        let actions = host.handle(Self.signal(0.70), at: Clock.at(1))
        let intent = try #require(actions.intents.first)
        #expect(actions.intents.count == 1)
        #expect(intent.instrument == yesToken("c"))
        // Edge 0.15 with uncertainty 0.04: the high tier, 5 % of 1000 = 50 → 90 shares at 0.55.
        #expect(intent.size == 90)
        #expect(intent.limitPrice == Price("0.55")!)
        #expect(intent.purpose == .directional)
        #expect(intent.timeInForce == .fillAndKill)
        #expect(intent.eventID == "e")
        #expect(intent.bookReceivedAt == Clock.at(0))
    }

    @Test("NO with edge is bought from the NO book")
    func buysNoFromItsBook() throws {
        var host = Self.host(yesAsks: [("0.35", 1_000)], noAsks: [("0.55", 1_000)])
        let intent = try #require(host.handle(Self.signal(0.30), at: Clock.at(1)).intents.first)
        #expect(intent.instrument == noToken("c"))
        #expect(intent.size == 90)
        #expect(intent.limitPrice == Price("0.55")!)
    }

    @Test("without a NO book, NO is priced from the complement of the YES bids")
    func buysNoFromComplement() throws {
        var host = Self.host(yesBids: [("0.45", 1_000)], yesAsks: [("0.50", 1_000)])
        let intent = try #require(host.handle(Self.signal(0.30), at: Clock.at(1)).intents.first)
        #expect(intent.instrument == noToken("c"))
        #expect(intent.limitPrice == Price("0.55")!)
        #expect(intent.size == 90)
    }

    @Test("nothing without the minimum edge on either side, nor from an uncalibrated signal")
    func noEdge() {
        var host = Self.host(yesAsks: [("0.55", 1_000)], noAsks: [("0.47", 1_000)])
        let actions = host.handle(Self.signal(0.57), at: Clock.at(1))
        #expect(actions.intents.isEmpty)
        #expect(actions.notes.contains { $0.contains("no side has edge") })
        let raw = host.handle(Self.signal(nil), at: Clock.at(2))
        #expect(raw.intents.isEmpty)
        #expect(raw.notes.contains { $0.contains("no calibrated probability") })
    }

    @Test("a stale book is skipped")
    func staleBook() {
        var host = Self.host(ConfidenceTierSettings(maxBookAgeSeconds: 30), yesAsks: [("0.55", 1_000)], booksAt: -100)
        let actions = host.handle(Self.signal(0.70), at: Clock.at(1))
        #expect(actions.intents.isEmpty)
        #expect(actions.notes.contains { $0.contains("stale") })
    }

    @Test("the configured method sizes the trade")
    func configuredMethod() throws {
        var host = Self.host(method: .flat(amount: 11), yesAsks: [("0.55", 1_000)])
        #expect(try #require(host.handle(Self.signal(0.70), at: Clock.at(1)).intents.first).size == 20)
    }

    @Test("never above the per-order cap, the tier cap or the room left under the position cap",
          arguments: [("20", "100", 0.70), ("100", "100", 0.62), ("100", "30", 0.80), ("7", "100", 0.90), ("100", "100", 0.99)])
    func caps(perOrderCap: String, positionCap: String, p: Double) throws {
        var host = Self.host(
            ConfidenceTierSettings(maximumPositionCost: Amount(positionCap)!),
            limits: SizingLimits(bankroll: 1_000, perOrderCap: Amount(perOrderCap)!),
            yesAsks: [("0.55", 40), ("0.58", 40), ("0.61", 1_000)])
        let intent = try #require(host.handle(Self.signal(p), at: Clock.at(1)).intents.first)
        // What the size costs walking the asks (no fees here); the high tier is out of reach
        // unless the best ask leaves 0.10 of edge.
        var left = intent.size
        var spend = Amount.zero
        for (price, depth) in [("0.55", 40), ("0.58", 40), ("0.61", 1_000)] as [(String, Int64)] where left.units > 0 {
            let taken = Size.min(left, Size(integerLiteral: depth))
            spend += Price(price)!.cost(of: taken, .up)
            left -= taken
        }
        let tierCap: Amount = p - 0.55 >= 0.10 ? 50 : 25
        #expect(intent.size.units > 0)
        #expect(spend <= Amount(perOrderCap)!)
        #expect(spend <= Amount(positionCap)!)
        #expect(spend <= tierCap)
        #expect(intent.limitPrice <= Price("0.61")!)
    }

    @Test("a market held up to the position cap gets nothing more; one order out blocks another")
    func heldAndPending() throws {
        var held = Self.host(ConfidenceTierSettings(maximumPositionCost: 20), yesAsks: [("0.55", 1_000)])
        let fill = Fill(id: "f0", instrument: yesToken("c"), side: .buy, price: Price("0.50")!, size: 40, time: Clock.at(0))
        _ = held.handle(.fill(fill, order: Order(instrument: yesToken("c"), side: .buy, limitPrice: Price("0.50")!, size: 40, createdAt: Clock.at(0))), at: Clock.at(0))
        let actions = held.handle(Self.signal(0.70), at: Clock.at(1))
        #expect(actions.intents.isEmpty)
        #expect(actions.notes.contains { $0.contains("already holds 20") })

        var pending = Self.host(yesAsks: [("0.55", 1_000)])
        #expect(pending.handle(Self.signal(0.70), at: Clock.at(1)).intents.count == 1)
        #expect(pending.handle(Self.signal(0.71), at: Clock.at(2)).intents.isEmpty)
        #expect(pending.handle(Self.signal(0.71), at: Clock.at(3)).notes.contains { $0.contains("still out") })
        // Nothing heard of the order for longer than the timeout: the market is free again.
        _ = pending.handle(bookInput(yesToken("c"), asks: [("0.55", 1_000)], receivedAt: Clock.at(61)), at: Clock.at(61))
        #expect(pending.handle(Self.signal(0.71), at: Clock.at(62)).intents.count == 1)
    }
}
