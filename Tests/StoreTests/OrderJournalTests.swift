import EdgewiseCore
import Foundation
import GRDB
import Testing
@testable import EdgewiseStore

@Suite("Order journal")
struct OrderJournalTests {
    @Test("a journaled order reads back exactly, pendingSubmit and possibly live")
    func journal() throws {
        try withScratchStore { store, _ in
            let order = Sample.order("ew-1")
            try store.journal(order: order, recordedAt: Timestamp(nanoseconds: 5))
            #expect(try store.order("ew-1") == order)
            #expect(try store.ordersThatMayBeLive() == [order])
            #expect(try store.orders(decision: "dec-1") == [order])
            let history = try store.history(of: "ew-1")
            #expect(history == [
                OrderJournalEntry(orderID: "ew-1", sequence: 0, event: nil, statusAfter: .pendingSubmit, recordedAt: Timestamp(nanoseconds: 5))
            ])
        }
    }

    @Test("journaling twice, or journaling an order that already left, is refused")
    func journalGuards() throws {
        try withScratchStore { store, _ in
            let order = Sample.order("ew-1")
            try store.journal(order: order)
            #expect(throws: StoreError.duplicateOrder("ew-1")) { try store.journal(order: order) }
            var sent = Sample.order("ew-2")
            try sent.apply(.submitted(at: Timestamp(seconds: 1)))
            #expect(throws: StoreError.journalRequiresPendingSubmit("ew-2", status: .submitted)) { try store.journal(order: sent) }
            #expect(try store.order("ew-2") == nil)
            #expect(throws: StoreError.orderNotJournaled("ew-2")) { try store.update(order: sent, after: .submitted(at: Timestamp(seconds: 1))) }
        }
    }

    @Test("every state change is appended to the history; terminal orders leave the live list")
    func lifecycle() throws {
        try withScratchStore { store, _ in
            var order = Sample.order("ew-1")
            try store.journal(order: order)
            let fill1 = Sample.fill("f-1", size: Size(units: 2_345_678))
            let fill2 = Sample.fill("f-2", size: Size(units: 10_000_000), at: 1_700_000_200)
            let events: [OrderEvent] = [
                .submitted(at: Timestamp(seconds: 1_700_000_001)),
                .accepted("0xvenue-1", at: Timestamp(seconds: 1_700_000_002)),
                .filled(fill1),
                .cancelRequested(at: Timestamp(seconds: 1_700_000_150)),
                .filled(fill2),
            ]
            var statuses: [OrderStatus] = []
            for (index, event) in events.enumerated() {
                try order.apply(event)
                let entry = try store.update(order: order, after: event, recordedAt: Timestamp(nanoseconds: Int64(index + 1)))
                #expect(entry.sequence == index + 1)
                statuses.append(order.status)
                #expect(try store.order("ew-1") == order)
            }
            #expect(order.status == .filled)
            #expect(order.filledNotional == fill1.notional + fill2.notional)

            let history = try store.history(of: "ew-1")
            #expect(history.map(\.sequence) == Array(0...5))
            #expect(history.dropFirst().map(\.event) == events.map(Optional.some))
            #expect(history.map(\.statusAfter) == [.pendingSubmit] + statuses)
            #expect(try store.ordersThatMayBeLive().isEmpty)
            #expect(try store.order(venue: .polymarket, venueOrderID: "0xvenue-1") == order)
            #expect(try store.order(venue: .kalshi, venueOrderID: "0xvenue-1") == nil)

            // The fills of `.filled` events were stored with the order, linked to it.
            #expect(try store.fills(clientOrderID: "ew-1").map(\.id) == ["f-1", "f-2"])
            #expect(try store.fills(clientOrderID: "ew-1").map(\.size) == [fill1.size, fill2.size])
        }
    }

    @Test("the history is append-only even for raw SQL")
    func appendOnly() throws {
        try withScratchStore { store, _ in
            try store.journal(order: Sample.order("ew-1"))
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: "UPDATE order_events SET status_after = 'filled'") }
            }
        }
    }

    @Test("an update that changes what the order is, rather than its state, is refused")
    func identity() throws {
        try withScratchStore { store, _ in
            try store.journal(order: Sample.order("ew-1"))
            var other = Order(
                id: "ew-1", instrument: Sample.yes, side: .buy, limitPrice: Price(units: 370_002), size: Size(units: 12_345_678),
                createdAt: Timestamp(seconds: 1))
            try other.apply(.submitted(at: Timestamp(seconds: 2)))
            #expect(throws: StoreError.orderIdentityChanged("ew-1", field: "limit price")) {
                try store.update(order: other, after: .submitted(at: Timestamp(seconds: 2)))
            }
            #expect(try store.history(of: "ew-1").count == 1)
        }
    }

    @Test("two stale copies with the same number of different fills cannot erase each other's fill")
    func staleCopiesWithDifferentFills() throws {
        try withScratchStore { store, _ in
            var order = Sample.order("ew-stale")
            try store.journal(order: order)
            try order.apply(.submitted(at: Timestamp(seconds: 1_700_000_001)))
            try store.update(order: order, after: .submitted(at: Timestamp(seconds: 1_700_000_001)))
            var first = order
            var second = order
            let f1 = Sample.fill("f-1", size: Size(units: 1_000_000))
            let f2 = Sample.fill("f-2", size: Size(units: 2_000_000), at: 1_700_000_200)
            try first.apply(.filled(f1))
            try store.update(order: first, after: .filled(f1))
            try second.apply(.filled(f2))
            #expect(throws: StoreError.self) { try store.update(order: second, after: .filled(f2)) }
            let stored = try #require(try store.order("ew-stale"))
            #expect(stored.fillIDs == ["f-1"])
            #expect(stored.filledSize == Size(units: 1_000_000))
        }
    }

    @Test("an update from a stale copy that would lose a fill or reopen a finished order is refused")
    func staleUpdate() throws {
        try withScratchStore { store, _ in
            var order = Sample.order("ew-1")
            try store.journal(order: order)
            try order.apply(.submitted(at: Timestamp(seconds: 1)))
            try store.update(order: order, after: .submitted(at: Timestamp(seconds: 1)))
            var stale = order
            let fill = Sample.fill("f-1")
            try order.apply(.filled(fill))
            try store.update(order: order, after: .filled(fill))

            try stale.apply(.cancelRequested(at: Timestamp(seconds: 2)))
            #expect(throws: StoreError.staleOrderUpdate("ew-1", stored: .partiallyFilled, storedFills: 1, offered: .pendingCancel, offeredFills: 0)) {
                try store.update(order: stale, after: .cancelRequested(at: Timestamp(seconds: 2)))
            }
            try order.apply(.cancelled(at: Timestamp(seconds: 3)))
            try store.update(order: order, after: .cancelled(at: Timestamp(seconds: 3)))
            var reopened = try #require(try store.order("ew-1"))
            #expect(reopened.status == .cancelled)
            // A fill racing the cancel is still recorded: terminal to terminal is progress.
            let late = Sample.fill("f-2", size: Size(units: 1_000_000))
            try reopened.apply(.filled(late))
            try store.update(order: reopened, after: .filled(late))
            #expect(try store.order("ew-1")?.fillIDs == ["f-1", "f-2"])
            #expect(try store.history(of: "ew-1").count == 5)
        }
    }

    @Test("live orders are listed oldest first and by venue; cancelled and rejected ones are not")
    func liveOrders() throws {
        try withScratchStore { store, _ in
            var orders: [Order] = []
            for index in 0..<4 {
                var order = Sample.order(ClientOrderID("ew-\(index)"), created: 1_700_000_000 - Int64(index))
                try store.journal(order: order)
                try order.apply(.submitted(at: Timestamp(seconds: 1_700_000_010)))
                try store.update(order: order, after: .submitted(at: Timestamp(seconds: 1_700_000_010)))
                orders.append(order)
            }
            try orders[1].apply(.rejected(reason: "not enough balance", at: Timestamp(seconds: 1_700_000_011)))
            try store.update(order: orders[1], after: .rejected(reason: "not enough balance", at: Timestamp(seconds: 1_700_000_011)))
            try orders[2].apply(.cancelled(at: Timestamp(seconds: 1_700_000_012)))
            try store.update(order: orders[2], after: .cancelled(at: Timestamp(seconds: 1_700_000_012)))

            #expect(try store.ordersThatMayBeLive().map(\.id) == ["ew-3", "ew-0"])
            #expect(try store.ordersThatMayBeLive(venue: .polymarket).count == 2)
            #expect(try store.ordersThatMayBeLive(venue: .kalshi).isEmpty)
            #expect(try store.order("ew-1")?.rejectReason == "not enough balance")
        }
    }

    @Test("concurrent tasks journal and update without losing a row")
    func concurrentWriters() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-concurrent-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EdgewiseStore(path: directory.appendingPathComponent("c.sqlite").path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for index in 0..<25 {
                        var order = Sample.order(ClientOrderID("ew-\(worker)-\(index)"))
                        try store.journal(order: order)
                        try order.apply(.submitted(at: Timestamp(seconds: 1)))
                        try store.update(order: order, after: .submitted(at: Timestamp(seconds: 1)))
                        _ = try store.ordersThatMayBeLive()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.ordersThatMayBeLive().count == 100)
        #expect(try store.ordersThatMayBeLive().allSatisfy { $0.status == .submitted })
    }
}
