import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Decision records")
struct DecisionTests {
    static func record(_ id: DecisionID, created: Int64, market: MarketID = "0xabc123") -> DecisionRecord {
        DecisionRecord(
            id: id, createdAt: Timestamp(nanoseconds: created), source: "weather-model", venue: .polymarket,
            marketID: market, instrument: Sample.yes,
            evidence: [
                Evidence(claim: "ECMWF shows 4mm", source: "ecmwf", knownAt: Timestamp(nanoseconds: created - 1),
                    direction: .supportsYes, strength: 0.7300000000000001)
            ])
    }

    @Test("a record round-trips exactly and updates as its stages fill in")
    func roundTripAndUpdate() throws {
        try withScratchStore { store, _ in
            var record = Self.record("dec-1", created: 1_700_000_000_000_000_001)
            try store.save(decision: record)
            #expect(try store.decision(id: "dec-1") == record)

            record.probability = ProbabilityEstimate(model: "m1", raw: 0.61, calibrated: 0.58, uncertainty: 0.05)
            record.edge = Edge(
                side: .buy, quotedPrice: Price(units: 520_000), executablePrice: Price(units: 523_417),
                feesPerShare: Price(units: 1), netEdgePerShare: Amount(units: -3_418))
            record.sizing = SizingDecision(method: "kelly/4", size: Size(units: 123_456_789), limitPrice: Price(units: 524_000))
            record.orders = ["ew-1"]
            record.fills = ["f-1"]
            record.resolution = Resolution(
                marketID: "0xabc123", winningToken: Sample.yes.token, winningOutcome: "Yes",
                resolvedAt: Timestamp(seconds: 1_800_000_000), payouts: [Sample.yes.token: .one, Sample.no.token: .zero])
            record.realizedPnL = Amount(units: -987_654_321)
            record.notes = ["reviewed"]
            try store.save(decision: record)
            let stored = try #require(try store.decision(id: "dec-1"))
            #expect(stored == record)
            #expect(stored.stage == .settled)
            #expect(try store.recentDecisions(stage: .settled).map(\.id) == ["dec-1"])
            #expect(try store.recentDecisions(stage: .evidence).isEmpty)
            #expect(try store.decision(id: "dec-missing") == nil)
        }
    }

    @Test("recent decisions come newest first, filtered and limited")
    func recent() throws {
        try withScratchStore { store, _ in
            for index in 1...5 {
                try store.save(decision: Self.record(DecisionID("dec-\(index)"), created: Int64(index) * 1_000, market: index.isMultiple(of: 2) ? "even" : "odd"))
            }
            #expect(try store.recentDecisions(limit: 3).map(\.id) == ["dec-5", "dec-4", "dec-3"])
            #expect(try store.recentDecisions(marketID: "even").map(\.id) == ["dec-4", "dec-2"])
            #expect(try store.recentDecisions(venue: .kalshi).isEmpty)
        }
    }
}
