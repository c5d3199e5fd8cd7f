import EdgewiseCore
import Foundation
import Testing
@testable import EdgewiseStore

@Suite("Positions and cash")
struct PositionTests {
    @Test("positions round-trip exactly, update in place and flat ones are kept on request")
    func positions() throws {
        try withScratchStore { store, _ in
            var position = Position(instrument: Sample.yes)
            try position.apply(Sample.fill("f-1"))
            try store.upsert(position: position)
            #expect(try store.position(Sample.yes) == position)

            try position.apply(
                Fill(id: "f-2", instrument: Sample.yes, side: .sell, price: Price(units: 999_999), size: Size(units: 2_345_678),
                    fee: Amount(units: 3), time: Timestamp(seconds: 1)))
            #expect(position.isFlat)
            try store.upsert(position: position)
            #expect(try store.position(Sample.yes) == position)
            #expect(try store.positions().isEmpty)
            #expect(try store.positions(includeFlat: true) == [position])

            let big = Position(
                instrument: Sample.no, size: Size(units: Int64.max), costBasis: Amount(units: Int64.min + 1),
                realizedPnL: Amount(units: -1))
            try store.upsert(position: big)
            #expect(try store.positions() == [big])
            #expect(try store.positions(venue: .kalshi).isEmpty)
        }
    }

    @Test("cash balances per venue are exact and signed")
    func cash() throws {
        try withScratchStore { store, _ in
            #expect(try store.cash(venue: .polymarket) == nil)
            try store.setCash(Amount(units: 123_456_789_012), venue: .polymarket)
            try store.setCash(Amount(units: -1), venue: .kalshi)
            try store.setCash(Amount(units: 100_000_001), venue: .polymarket)
            #expect(try store.cash(venue: .polymarket) == Amount(units: 100_000_001))
            #expect(try store.cashBalances() == [.polymarket: Amount(units: 100_000_001), .kalshi: Amount(units: -1)])
        }
    }
}
