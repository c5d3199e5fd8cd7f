import EdgewiseAnalysis
import EdgewiseCore
import Synchronization
import Testing

@Suite struct DutchBookDetectorTests {
    typealias F = RadarFixtures

    /// Three outcomes whose best asks sum to 0.95, with depth that makes the marginal basket
    /// cost rise to 0.98, 1.00 and then 1.05.
    func radarWithDepth(fees: any FeeModel = NoFees(), minimum: Size? = nil) -> Radar {
        var radar = Radar()
        radar.add(F.event(["a", "b", "c"], minimum: minimum), fees: { _ in fees })
        radar.load(F.snapshot("a", asks: [("0.30", "100"), ("0.32", "300")]), receivedAt: F.now)
        radar.load(F.snapshot("b", asks: [("0.30", "50"), ("0.33", "200")]), receivedAt: F.now)
        radar.load(F.snapshot("c", asks: [("0.35", "150"), ("0.40", "300")]), receivedAt: F.now)
        return radar
    }

    @Test func buyingEveryYesIsPricedAgainstDepth() throws {
        var radar = radarWithDepth()
        let changes = radar.evaluateAll(now: F.now)
        #expect(changes.count == 1)
        let opportunity = try #require(changes.first?.opportunity)
        #expect(opportunity.kind == .dutchBook)
        // The first 50 baskets cost 0.95, the next 50 cost 0.98, then 1.00: the best size is 100.
        #expect(opportunity.size == 100)
        #expect(opportunity.cost == Amount("96.5")!)
        #expect(opportunity.payout == 100)
        #expect(opportunity.profit == Amount("3.5")!)
        // Past 150 baskets each costs 1.05: profit 3.5 − 0.05·(b − 150) stays positive up to 219.
        #expect(opportunity.maxSize == 219)
        #expect(opportunity.curve.map(\.size) == [1, 50, 100, 150, 219])
        #expect(opportunity.curve.map(\.profit) == [Amount("0.05")!, Amount("2.5")!, Amount("3.5")!, Amount("3.5")!, Amount("0.05")!])
        let legs = Dictionary(uniqueKeysWithValues: opportunity.legs.map { ($0.marketID.rawValue, $0) })
        #expect(legs["a"]?.limitPrice == Price("0.30")! && legs["a"]?.notional == 30)
        #expect(legs["b"]?.limitPrice == Price("0.33")! && legs["b"]?.notional == Amount("31.5")!)
        #expect(legs["c"]?.limitPrice == Price("0.35")! && legs["c"]?.notional == 35)
        #expect(opportunity.legs.allSatisfy { $0.side == .buy && $0.outcome == .yes && $0.size == 100 })
        #expect(!opportunity.redeemableImmediately)
        let annual = try #require(opportunity.annualizedReturn(at: F.now))
        // 3.5 / 96.5 over 30 days.
        #expect(annual > 0.44 && annual < 0.45)
    }

    @Test func buyingEveryNoWhenBidsSumAboveOneAfterFees() throws {
        var radar = Radar()
        radar.add(F.event(["a", "b", "c"], negRisk: true), fees: { _ in ProportionalFee(rate: Price("0.01")!) })
        radar.load(F.snapshot("a", bids: [("0.40", "100")], asks: [("0.45", "10")]), receivedAt: F.now)
        radar.load(F.snapshot("b", bids: [("0.35", "100")], asks: [("0.40", "10")]), receivedAt: F.now)
        radar.load(F.snapshot("c", bids: [("0.30", "100")], asks: [("0.36", "10")]), receivedAt: F.now)
        let opportunity = try #require(radar.evaluateAll(now: F.now).first?.opportunity)
        #expect(opportunity.legs.allSatisfy { $0.outcome == .no && $0.instrument.token.rawValue.hasSuffix("-no") })
        #expect(opportunity.legs.map(\.limitPrice).sorted() == [Price("0.60")!, Price("0.65")!, Price("0.70")!])
        #expect(opportunity.payoutPerBasket == 2)
        #expect(opportunity.size == 100)
        #expect(opportunity.fees == Amount("1.95")!)
        #expect(opportunity.cost == Amount("196.95")!)
        #expect(opportunity.profit == Amount("3.05")!)
        // Neg-risk: the NO shares convert into N − 1 pUSD at once.
        #expect(opportunity.redeemableImmediately)
        #expect(opportunity.annualizedReturn(at: F.now) == nil)
        #expect(opportunity.evidence.contains { $0.claim.contains("convert") })
    }

    @Test func feesThatEatTheEdgeLeaveNothing() {
        var radar = Radar()
        radar.add(F.event(["a", "b"]), fees: { _ in ProportionalFee(rate: Price("0.02")!) })
        radar.load(F.snapshot("a", asks: [("0.49", "100")]), receivedAt: F.now)
        radar.load(F.snapshot("b", asks: [("0.50", "100")]), receivedAt: F.now)
        #expect(radar.evaluateAll(now: F.now).isEmpty)
    }

    @Test func setsThatAreNotCompletePartitionsAreExcluded() {
        var radar = Radar()
        let cases: [(Event, PartitionExclusion)] = [
            (F.event(["a", "b"], id: "aug", negRisk: true, augmented: true), .augmented),
            (F.event(["c", "d"], id: "open", exhaustive: false), .notExhaustive),
            (F.event(["e", "f"], id: "overlap", exclusive: false), .notMutuallyExclusive),
            (F.event(["g"], id: "single"), .tooFewMarkets(1)),
        ]
        for (event, reason) in cases {
            radar.add(event, fees: { _ in NoFees() })
            #expect(radar.exclusions[event.id]?.contains(reason) == true, "\(event.id)")
        }
        for id in ["a", "b", "c", "d", "e", "f", "g"] {
            radar.load(F.snapshot(id, bids: [("0.10", "100")], asks: [("0.20", "100")]), receivedAt: F.now)
        }
        // Only the exclusive-but-open-ended event keeps a detector, for its NO basket.
        #expect(radar.detectorCount == 1)
        #expect(radar.evaluateAll(now: F.now).isEmpty)
    }

    /// Kalshi never marks an event exhaustive: every YES may all lose, so no YES basket; every NO
    /// still pays at least N − 1 when at most one YES pays.
    @Test func anExclusiveButOpenEndedEventOnlyBuysEveryNo() throws {
        var radar = Radar()
        radar.add(F.event(["a", "b", "c"], venue: .kalshi, exhaustive: false), fees: { _ in NoFees() })
        radar.load(F.snapshot("a", venue: .kalshi, bids: [("0.50", "10")], asks: [("0.51", "10")]), receivedAt: F.now)
        radar.load(F.snapshot("b", venue: .kalshi, bids: [("0.30", "10")], asks: [("0.31", "10")]), receivedAt: F.now)
        radar.load(F.snapshot("c", venue: .kalshi, bids: [("0.05", "10")], asks: [("0.06", "10")]), receivedAt: F.now)
        // Σask = 0.88 (no YES basket: an unlisted result pays nothing); Σbid = 0.85.
        #expect(radar.evaluateAll(now: F.now).isEmpty)
        #expect(radar.exclusions["e1"] == [.notExhaustive])
        _ = radar.apply(.bookSnapshot(F.snapshot("c", venue: .kalshi, bids: [("0.25", "10")], asks: [("0.26", "10")])), receivedAt: F.now)
        let opportunity = try #require(radar.registry.open.values.first)
        #expect(opportunity.legs.allSatisfy { $0.outcome == .no })
        #expect(opportunity.payoutPerBasket == 2)
        #expect(opportunity.profit == Amount("0.5")!)
    }

    @Test func unusableBooksOrClosedMarketsProduceNothing() {
        // One-sided: no asks on c, so every YES cannot be bought.
        var oneSided = radarWithDepth()
        _ = oneSided.apply(.bookSnapshot(F.snapshot("c", bids: [("0.30", "10")])), receivedAt: F.now)
        #expect(oneSided.registry.count == 0)

        // Crossed book on a.
        var crossed = radarWithDepth()
        _ = crossed.apply(.bookSnapshot(F.snapshot("a", bids: [("0.35", "10")], asks: [("0.30", "100")])), receivedAt: F.now)
        #expect(crossed.registry.count == 0)

        // Stale: a's book was last updated three minutes ago (the default limit is two).
        var stale = radarWithDepth()
        stale.load(F.snapshot("a", asks: [("0.30", "100")]), receivedAt: Timestamp(seconds: 1_790_000_000 - 180))
        #expect(stale.evaluateAll(now: F.now).isEmpty)

        // A market resolved at the venue is no longer a leg.
        var resolved = radarWithDepth()
        _ = resolved.evaluateAll(now: F.now)
        let changes = resolved.apply(
            .market(MarketNotice(kind: .resolved, venue: .polymarket, marketID: "b")), receivedAt: F.now)
        #expect(changes.count == 1)
        if case .closed = changes.first {} else { Issue.record("expected the opportunity to close") }

        // Below the venue minimum at every profitable size.
        var tooSmall = radarWithDepth(minimum: 500)
        #expect(tooSmall.evaluateAll(now: F.now).isEmpty)
    }

    @Test func updatesKeepTheIdAndFirstSeenAndCloseWhenTheEdgeGoes() throws {
        var radar = radarWithDepth()
        let opened = try #require(radar.evaluateAll(now: F.now).first?.opportunity)
        let later = Timestamp(seconds: 1_790_000_010)
        // c's cheap level shrinks: same trade, smaller size.
        let updated = radar.apply(.bookSnapshot(F.snapshot("c", asks: [("0.35", "40"), ("0.40", "300")])), receivedAt: later)
        let update = try #require(updated.first)
        guard case .updated(let changed) = update else { Issue.record("expected an update, got \(update)"); return }
        #expect(changed.id == opened.id)
        #expect(changed.firstSeen == F.now && changed.lastSeen == later)
        #expect(changed.size == 40)
        // Nothing changed: no report.
        #expect(radar.apply(.bookSnapshot(F.snapshot("c", asks: [("0.35", "40"), ("0.40", "300")])), receivedAt: later).isEmpty)
        // c's ask jumps: gone.
        let closed = radar.apply(.bookSnapshot(F.snapshot("c", asks: [("0.45", "300")])), receivedAt: later)
        #expect(closed == [.closed(id: opened.id, group: opened.group, at: later)])
        #expect(radar.registry.count == 0)
    }

    @Test func anUpdateEvaluatesOnlyTheDetectorsReadingThatBook() {
        let counter = Mutex<[String: Int]>([:])
        struct Counting: OpportunityDetector {
            let group: String
            let marketIndices: [Int]
            let counter: @Sendable (String) -> Void
            func evaluate(_ universe: RadarUniverse, configuration: RadarConfiguration, now: Timestamp) -> [Opportunity] {
                counter(group)
                return []
            }
        }
        var radar = Radar()
        let first = radar.add(F.event(["a", "b"], id: "e1", exhaustive: false), fees: { _ in NoFees() })
        let second = radar.add(F.event(["c", "d"], id: "e2", exhaustive: false), fees: { _ in NoFees() })
        let count: @Sendable (String) -> Void = { group in counter.withLock { $0[group, default: 0] += 1 } }
        radar.add(Counting(group: "g1", marketIndices: first, counter: count))
        radar.add(Counting(group: "g2", marketIndices: second, counter: count))
        radar.add(Counting(group: "pair", marketIndices: [first[0], second[0]], counter: count))
        _ = radar.apply(.bookSnapshot(F.snapshot("b", asks: [("0.5", "1")])), receivedAt: F.now)
        _ = radar.apply(.bookSnapshot(F.snapshot("a", asks: [("0.5", "1")])), receivedAt: F.now)
        // An instrument the radar does not hold changes nothing.
        _ = radar.apply(.bookSnapshot(F.snapshot("zz", asks: [("0.5", "1")])), receivedAt: F.now)
        #expect(counter.withLock { $0 } == ["g1": 2, "pair": 1])
    }

    @Test func theFeedDeliversEveryChangeInOrderToEverySubscriber() async {
        let feed = OpportunityFeed()
        let first = feed.subscribe()
        let second = feed.subscribe()
        var radar = radarWithDepth()
        let opened = radar.evaluateAll(now: F.now)
        let closed = radar.apply(.bookSnapshot(F.snapshot("c", asks: [("0.45", "300")])), receivedAt: F.now)
        feed.publish(opened)
        feed.publish(closed)
        feed.finish()
        var a: [OpportunityChange] = []
        for await change in first { a.append(change) }
        var b: [OpportunityChange] = []
        for await change in second { b.append(change) }
        #expect(a == opened + closed)
        #expect(b == a)
        #expect(feed.subscriberCount == 0)
    }
}
