import EdgewiseCore
import Foundation
import GRDB
import Testing
@testable import EdgewiseStore

@Suite("Fills")
struct FillTests {
    @Test("a fill round-trips exactly and is stored as integer millionths")
    func roundTrip() throws {
        try withScratchStore { store, _ in
            let fill = Sample.fill("f-1", order: "ew-1")
            #expect(try store.insert(fill: fill) == .inserted)
            #expect(try store.fill(venue: .polymarket, id: "f-1") == fill)
            #expect(try store.fills(clientOrderID: "ew-1") == [fill])
            #expect(try store.fills(instrument: Sample.yes) == [fill])
            #expect(try store.fills(instrument: Sample.no).isEmpty)

            let (types, price) = try store.pool.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT typeof(price_units) || ',' || typeof(size_units) || ',' || typeof(fee_units) FROM fills"),
                    try Int64.fetchOne(db, sql: "SELECT price_units FROM fills")
                )
            }
            #expect(types == "integer,integer,integer")
            #expect(price == 369_999)
        }
    }

    @Test("the same fill twice is a reported no-op, never a second row")
    func idempotent() throws {
        try withScratchStore { store, _ in
            let fill = Sample.fill("f-1")
            #expect(try store.insert(fill: fill) == .inserted)
            #expect(try store.insert(fill: fill) == .duplicate)
            // Re-reported with its order: linked, still one row.
            var linked = fill
            linked.clientOrderID = "ew-9"
            #expect(try store.insert(fill: linked) == .duplicate)
            #expect(try store.fills(instrument: Sample.yes) == [linked])
            // The same fill id on another venue is another fill.
            var kalshi = fill
            kalshi.instrument = InstrumentID(venue: .kalshi, token: "K:yes")
            #expect(try store.insert(fill: kalshi) == .inserted)
            let count = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM fills") }
            #expect(count == 2)
        }
    }

    @Test("a fill id re-sent with different economics is an error, and the first version stays")
    func conflicting() throws {
        try withScratchStore { store, _ in
            let fill = Sample.fill("f-1")
            try store.insert(fill: fill)
            var changed = fill
            changed.size = Size(units: fill.size.units + 1)
            #expect(throws: StoreError.conflictingFill(venue: .polymarket, fill: "f-1")) { try store.insert(fill: changed) }
            #expect(try store.fill(venue: .polymarket, id: "f-1") == fill)
        }
    }

    @Test("a duplicate fill through the journal does not double the order's fills")
    func duplicateThroughJournal() throws {
        try withScratchStore { store, _ in
            var order = Sample.order("ew-1")
            try store.journal(order: order)
            let fill = Sample.fill("f-1", order: "ew-1")
            try store.insert(fill: fill)  // seen first on the trade stream
            try order.apply(.filled(fill))
            try store.update(order: order, after: .filled(fill))
            #expect(try store.fills(clientOrderID: "ew-1") == [fill])
        }
    }

    @Test("fills by instrument are ordered by time and filtered by since")
    func byInstrument() throws {
        try withScratchStore { store, _ in
            for (index, seconds) in [300, 100, 200].enumerated() {
                try store.insert(fill: Sample.fill(FillID("f-\(index)"), at: Int64(seconds)))
            }
            #expect(try store.fills(instrument: Sample.yes).map(\.id) == ["f-1", "f-2", "f-0"])
            #expect(try store.fills(instrument: Sample.yes, since: Timestamp(seconds: 200)).map(\.id) == ["f-2", "f-0"])
        }
    }
}
