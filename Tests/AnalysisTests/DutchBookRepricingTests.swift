import EdgewiseAnalysis
import EdgewiseCore
import Testing

/// A Dutch book is re-priced on every update of its books, carrying over from the previous
/// sighting what provably cannot have changed (id, title, the neg-risk note). These tests hold
/// the carried-over result to a fresh evaluation, and check what subscribers see.
@Suite struct DutchBookRepricingTests {
    typealias F = RadarFixtures

    typealias Levels = [(String, String)]

    /// YES bids summing to 1.05 on a neg-risk event: the NO basket, with its conversion note.
    static let noBooks: [String: (bids: Levels, asks: Levels)] = [
        "a": ([("0.40", "100"), ("0.38", "50")], [("0.45", "10")]),
        "b": ([("0.35", "100"), ("0.33", "70")], [("0.40", "10")]),
        "c": ([("0.30", "100")], [("0.36", "10")]),
    ]
    /// YES asks summing to 0.52 with depth: the YES basket.
    static let yesBooks: [String: (bids: Levels, asks: Levels)] = [
        "a": ([("0.05", "10")], [("0.10", "30"), ("0.12", "80")]),
        "b": ([("0.05", "10")], [("0.11", "40"), ("0.14", "60")]),
        "c": ([("0.05", "10")], [("0.31", "90"), ("0.50", "200")]),
    ]

    func snapshot(_ id: String, _ books: [String: (bids: Levels, asks: Levels)]) -> BookSnapshot {
        F.snapshot(id, bids: books[id]!.bids, asks: books[id]!.asks)
    }

    func makeRadar(_ books: [String: (bids: Levels, asks: Levels)]) -> Radar {
        var radar = Radar(configuration: RadarConfiguration(maxBookAge: nil))
        radar.add(F.event(["a", "b", "c"], negRisk: true), fees: { _ in ProportionalFee(rate: Price("0.01")!) })
        for id in ["a", "b", "c"] { radar.load(snapshot(id, books), receivedAt: F.now) }
        return radar
    }

    func detector(_ radar: Radar) throws -> DutchBookDetector {
        let event = F.event(["a", "b", "c"], negRisk: true)
        let indices = try event.markets.map { try #require(radar.universe.index(venue: $0.venue, market: $0.id)) }
        return try DutchBookDetector(event: event, marketIndices: indices)
    }

    @Test func carryingOverThePreviousSightingGivesExactlyAFreshEvaluation() throws {
        var radar = makeRadar(Self.noBooks)
        let detector = try detector(radar)
        let configuration = radar.configuration
        var previous = detector.evaluate(radar.universe, configuration: configuration, now: F.now)
        #expect(previous.count == 1)
        // Sizes and prices move on the NO basket, then the books turn one by one into a YES
        // basket (the NO one closes on the way) and back.
        let updates: [BookSnapshot] = [
            F.snapshot("a", bids: [("0.40", "90"), ("0.38", "50")], asks: [("0.45", "10")]),
            F.snapshot("b", bids: [("0.36", "100"), ("0.33", "70")], asks: [("0.40", "10")]),
            F.snapshot("c", bids: [("0.30", "100")], asks: [("0.36", "10")]),
            snapshot("a", Self.yesBooks), snapshot("b", Self.yesBooks), snapshot("c", Self.yesBooks),
            F.snapshot("a", bids: [("0.05", "10")], asks: [("0.10", "35"), ("0.12", "80")]),
            snapshot("a", Self.yesBooks), snapshot("a", Self.noBooks), snapshot("b", Self.noBooks), snapshot("c", Self.noBooks),
        ]
        var kinds: Set<BinaryOutcome> = []
        for (step, update) in updates.enumerated() {
            let now = Timestamp(nanoseconds: F.now.nanoseconds + Int64(step + 1) * 1_000_000_000)
            _ = radar.apply(.bookSnapshot(update), receivedAt: now)
            let carried = detector.evaluate(radar.universe, configuration: configuration, now: now, previous: previous)
            let fresh = detector.evaluate(radar.universe, configuration: configuration, now: now)
            #expect(carried == fresh, "step \(step)")
            for opportunity in carried { kinds.insert(opportunity.legs[0].outcome) }
            previous = carried
        }
        #expect(kinds == [.yes, .no])
    }

    @Test func anUpdateToALevelTheQuoteUsesIsReportedWithTheNewQuote() throws {
        var radar = makeRadar(Self.yesBooks)
        let opened = radar.evaluateAll(now: F.now).compactMap(\.opportunity)
        let yes = try #require(opened.first { $0.legs[0].outcome == .yes })
        let later = Timestamp(seconds: 1_790_000_005)
        // a's cheapest ask grows from 30 to 35: the YES quote's size and curve move.
        let changes = radar.apply(
            .bookSnapshot(F.snapshot("a", bids: [("0.05", "10")], asks: [("0.10", "35"), ("0.12", "80")])), receivedAt: later)
        #expect(changes.count == 1)
        guard case .updated(let changed)? = changes.first else { Issue.record("expected an update, got \(changes)"); return }
        #expect(changed.id == yes.id && changed.title == yes.title)
        #expect(changed.firstSeen == F.now && changed.lastSeen == later)
        #expect(changed.curve != yes.curve)

        // The same books evaluated by a radar that never saw the earlier quote.
        var fresh = makeRadar(Self.yesBooks)
        fresh.load(F.snapshot("a", bids: [("0.05", "10")], asks: [("0.10", "35"), ("0.12", "80")]), receivedAt: F.now)
        let expected = try #require(fresh.evaluateAll(now: later).compactMap(\.opportunity).first { $0.legs[0].outcome == .yes })
        #expect(changed.legs == expected.legs && changed.curve == expected.curve && changed.size == expected.size)
        #expect(changed.cost == expected.cost && changed.fees == expected.fees && changed.maxSize == expected.maxSize)
        #expect(changed.id == expected.id && changed.title == expected.title && changed.evidence == expected.evidence)
    }

    @Test func anUpdateThatChangesNothingTheQuotesUseIsNotReportedButMovesLastSeen() throws {
        var radar = makeRadar(Self.noBooks)
        let opened = radar.evaluateAll(now: F.now).compactMap(\.opportunity)
        #expect(opened.count == 1)
        let later = Timestamp(seconds: 1_790_000_007)
        // The same snapshot again: nothing moved.
        let changes = radar.apply(.bookSnapshot(snapshot("c", Self.noBooks)), receivedAt: later)
        #expect(changes.isEmpty)
        for opportunity in opened {
            let held = try #require(radar.registry.open[opportunity.id])
            #expect(held.firstSeen == F.now && held.lastSeen == later)
            #expect(held.legs == opportunity.legs && held.curve == opportunity.curve && held.title == opportunity.title)
            #expect(held.evidence.count == opportunity.evidence.count)
        }
        let no = try #require(radar.registry.open.values.first { $0.legs[0].outcome == .no })
        #expect(no.evidence.last?.claim == "neg-risk event: the 3 NO shares convert at once into 2 pUSD")
    }

    @Test func aReplacedDetectorDoesNotInheritTheOldOnesTitle() throws {
        var radar = makeRadar(Self.noBooks)
        _ = radar.evaluateAll(now: F.now)
        var renamed = F.event(["a", "b", "c"], negRisk: true)
        renamed.title = "Renamed"
        let indices = try renamed.markets.map { try #require(radar.universe.index(venue: $0.venue, market: $0.id)) }
        radar.add(try DutchBookDetector(event: renamed, marketIndices: indices))
        _ = radar.evaluateAll(now: F.now)
        #expect(radar.registry.count == 1)
        #expect(radar.registry.open.values.allSatisfy { $0.title.hasSuffix("“Renamed”") })
    }
}
