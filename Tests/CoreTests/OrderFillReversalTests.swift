import Foundation
import Testing

@testable import EdgewiseCore

@Suite("Reversing a fill that did not settle")
struct OrderFillReversalTests {
    let instrument = InstrumentID(venue: .polymarket, token: "yes-token")
    func p(_ text: String) -> Price { try! Price(parsing: text) }
    func s(_ text: String) -> Size { try! Size(parsing: text) }
    func a(_ text: String) -> Amount { try! Amount(parsing: text) }

    func fill(_ id: String, _ price: String, _ size: String, fee: String = "0", side: OrderSide = .buy) -> Fill {
        Fill(id: FillID(id), instrument: instrument, side: side, price: p(price), size: s(size), fee: a(fee), time: Timestamp(seconds: 5))
    }

    func openOrder(size: String = "10") throws -> Order {
        var order = Order(id: "c1", instrument: instrument, side: .buy, limitPrice: p("0.55"), size: s(size), createdAt: Timestamp(seconds: 0))
        try order.apply(.submitted(at: Timestamp(seconds: 1)))
        try order.apply(.accepted("0xabc", at: Timestamp(seconds: 2)))
        return order
    }

    @Test("a reversal takes back size, notional and fee, and keeps the fill id as a duplicate guard")
    func takesBackEconomics() throws {
        var order = try openOrder()
        let first = fill("t1", "0.55", "4", fee: "0.01")
        try order.apply(.filled(first))
        try order.apply(.filled(fill("t2", "0.54", "2", fee: "0.02")))
        try order.apply(.fillReversed(first, reason: "trade FAILED", at: Timestamp(seconds: 9)))

        #expect(order.filledSize == s("2"))
        #expect(order.filledNotional == a("1.08"))
        #expect(order.fees == a("0.02"))
        #expect(order.averageFillPrice == p("0.54"))
        #expect(order.reversedFillIDs == ["t1"])
        #expect(order.fillIDs == ["t1", "t2"])
        #expect(order.status == .partiallyFilled)
        #expect(order.updatedAt == Timestamp(seconds: 9))
        // The venue re-sending the failed execution must not book it again.
        #expect(throws: OrderTransitionError.duplicateFill(order: "c1", fill: "t1")) { try order.apply(.filled(first)) }
        #expect(throws: OrderTransitionError.fillAlreadyReversed(order: "c1", fill: "t1")) {
            try order.apply(.fillReversed(first, reason: "again", at: Timestamp(seconds: 10)))
        }
        // The size the reversal freed can be filled by a real execution.
        try order.apply(.filled(fill("t3", "0.55", "8")))
        #expect(order.status == .filled)
    }

    @Test("a filled order stays filled: the venue does not put a failed match back on the book")
    func filledOrderStaysFinished() throws {
        var order = try openOrder(size: "4")
        let only = fill("t1", "0.55", "4")
        try order.apply(.filled(only))
        try order.apply(.fillReversed(only, reason: "trade FAILED", at: Timestamp(seconds: 9)))
        #expect(order.status == .filled)
        #expect(order.filledSize == .zero)
        #expect(order.filledNotional == .zero)
        #expect(order.averageFillPrice == nil)
    }

    @Test("a reversal of a fill the order never had, or with other economics, is refused")
    func refusals() throws {
        var order = try openOrder()
        try order.apply(.filled(fill("t1", "0.55", "4")))
        #expect(throws: OrderTransitionError.unknownFill(order: "c1", fill: "t9")) {
            try order.apply(.fillReversed(fill("t9", "0.55", "4"), reason: "x", at: Timestamp(seconds: 9)))
        }
        #expect(throws: OrderTransitionError.wrongOrder(order: "c1", fill: "t1")) {
            try order.apply(.fillReversed(fill("t1", "0.55", "5"), reason: "x", at: Timestamp(seconds: 9)))
        }
        #expect(throws: OrderTransitionError.wrongOrder(order: "c1", fill: "t1")) {
            try order.apply(.fillReversed(fill("t1", "0.55", "4", side: .sell), reason: "x", at: Timestamp(seconds: 9)))
        }
        #expect(order.filledSize == s("4"))
        #expect(order.reversedFillIDs.isEmpty)
    }

    @Test("orders journaled before reversals existed still decode; reversals round-trip")
    func codableCompatibility() throws {
        var order = try openOrder()
        let only = fill("t1", "0.55", "4")
        try order.apply(.filled(only))
        let before = String(decoding: try JSONEncoder().encode(order), as: UTF8.self)
        #expect(!before.contains("reversed"))
        #expect(try JSONDecoder().decode(Order.self, from: Data(before.utf8)) == order)

        try order.apply(.fillReversed(only, reason: "trade FAILED", at: Timestamp(seconds: 9)))
        let decoded = try JSONDecoder().decode(Order.self, from: try JSONEncoder().encode(order))
        #expect(decoded == order)
        #expect(decoded.reversedFillIDs == ["t1"])
        let event = OrderEvent.fillReversed(only, reason: "trade FAILED", at: Timestamp(seconds: 9))
        #expect(try JSONDecoder().decode(OrderEvent.self, from: try JSONEncoder().encode(event)) == event)
    }
}
