import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Radar opportunities")
struct OpportunityStoreTests {
    static func opportunity(profitUnits: Int64, seen: Int64, group: String = "event:polymarket:e1") -> Opportunity {
        let leg = OpportunityLeg(
            venue: .polymarket, marketID: "m1", instrument: Sample.yes, outcome: .yes, side: .buy,
            limitPrice: Price(units: 480_001), size: 10, notional: Amount(units: 4_800_010), fee: Amount(units: 7))
        let cost = Amount(units: 4_800_017)
        return Opportunity(
            kind: .dutchBook, group: group, title: "Buy YES on all", legs: [leg], size: 10, payoutPerBasket: 1,
            cost: cost, fees: Amount(units: 7), payout: cost + Amount(units: profitUnits), maxSize: 12,
            curve: [ProfitPoint(size: 10, cost: cost, payout: cost + Amount(units: profitUnits))],
            resolutionTime: Timestamp(nanoseconds: 1_800_000_000_000_000_001),
            evidence: [OpportunityEvidence(claim: "Σask = 0.96", source: "books", observedAt: Timestamp(nanoseconds: seen))],
            seenAt: Timestamp(nanoseconds: seen))
    }

    @Test("opened, updated and closed opportunities keep one row each with their history")
    func lifecycle() throws {
        try withScratchStore { store, _ in
            let first = Self.opportunity(profitUnits: 123_457, seen: 1_000)
            var second = Self.opportunity(profitUnits: 99, seen: 2_000)
            second.carryOver(from: first)
            let other = Self.opportunity(profitUnits: 5, seen: 1_500, group: "event:kalshi:e2")
            try store.record([.opened(first), .opened(other)])
            try store.record([.updated(second)])
            #expect(first.id == second.id && first.id != other.id)

            let stored = try #require(try store.opportunity(id: first.id))
            #expect(stored.opportunity == second)
            #expect(stored.opportunity.firstSeen == Timestamp(nanoseconds: 1_000))
            #expect(stored.closedAt == nil)
            #expect(try store.opportunities().map(\.opportunity.id) == [first.id, other.id])

            try store.record([.closed(id: first.id, group: first.group, at: Timestamp(nanoseconds: 3_000))])
            #expect(try store.opportunities().map(\.opportunity.id) == [other.id])
            #expect(try store.opportunity(id: first.id)?.closedAt == Timestamp(nanoseconds: 3_000))
            #expect(try store.opportunities(includeClosed: true).count == 2)
            #expect(try store.opportunities(kind: .bundle).isEmpty)

            // Seen again later: open again under the same id, first-seen kept.
            try store.record([.opened(Self.opportunity(profitUnits: 10, seen: 4_000))])
            let reopened = try #require(try store.opportunity(id: first.id))
            #expect(reopened.closedAt == nil)
            #expect(reopened.opportunity.firstSeen == Timestamp(nanoseconds: 1_000))
            #expect(try store.opportunities().count == 2)
        }
    }
}
