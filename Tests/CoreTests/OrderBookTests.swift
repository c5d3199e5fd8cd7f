import Foundation
import EdgewiseTestSupport
import Testing

@testable import EdgewiseCore

@Suite("L2 order book")
struct OrderBookTests {
    let instrument = InstrumentID(venue: .polymarket, token: "123")

    func p(_ text: String) -> Price { try! Price(parsing: text) }
    func s(_ text: String) -> Size { try! Size(parsing: text) }

    func book() -> OrderBook {
        OrderBook(snapshot: BookSnapshot(
            instrument: instrument,
            bids: [BookLevel(price: p("0.48"), size: s("30")), BookLevel(price: p("0.50"), size: s("15")), BookLevel(price: p("0.49"), size: s("20"))],
            asks: [BookLevel(price: p("0.54"), size: s("10")), BookLevel(price: p("0.52"), size: s("25")), BookLevel(price: p("0.53"), size: s("60"))],
            venueTimestamp: Timestamp(milliseconds: 1000), hash: "abc"), receivedAt: Timestamp(milliseconds: 1000))
    }

    @Test("a snapshot sorts both sides, best last")
    func snapshot() {
        let book = book()
        #expect(book.bestBid == BookLevel(price: p("0.5"), size: s("15")))
        #expect(book.bestAsk == BookLevel(price: p("0.52"), size: s("25")))
        #expect(book.levels(.bid).map(\.price) == [p("0.5"), p("0.49"), p("0.48")])
        #expect(book.levels(.ask).map(\.price) == [p("0.52"), p("0.53"), p("0.54")])
        #expect(book.midpoint == p("0.51"))
        #expect(book.spread == p("0.02"))
        #expect(book.isSynchronized)
        #expect(book.venueHash == "abc")
        #expect(!book.isCrossed)
    }

    @Test("deltas set, insert and remove levels")
    func deltas() throws {
        var book = book()
        try book.apply(BookDelta(instrument: instrument, changes: [
            .set(.bid, p("0.51"), s("5")),   // new best bid
            .set(.ask, p("0.52"), s("0")),   // best ask removed
            .set(.bid, p("0.49"), s("7")),   // level updated in the middle
            .set(.ask, p("0.535"), s("1")),  // inserted between levels
            .set(.bid, p("0.30"), s("0")),   // removing a missing level is a no-op
        ]))
        #expect(book.bestBid?.price == p("0.51"))
        #expect(book.bestAsk?.price == p("0.53"))
        #expect(book.size(at: p("0.49"), side: .bid) == s("7"))
        #expect(book.levels(.ask).map(\.price) == [p("0.53"), p("0.535"), p("0.54")])
        #expect(book.levels(.bid).count == 4)
    }

    @Test("relative deltas add and subtract, never below zero")
    func relative() throws {
        var book = book()
        try book.apply(BookDelta(instrument: instrument, changes: [
            BookChange(side: .bid, price: p("0.5"), update: .add(-5_000_000)),
            BookChange(side: .ask, price: p("0.6"), update: .add(2_000_000)),
        ]))
        #expect(book.size(at: p("0.5"), side: .bid) == s("10"))
        #expect(book.size(at: p("0.6"), side: .ask) == s("2"))
        #expect(throws: OrderBookError.negativeLevel(instrument: instrument, side: .bid, price: p("0.5"))) {
            try book.apply(BookDelta(instrument: instrument, changes: [BookChange(side: .bid, price: p("0.5"), update: .add(-11_000_000))]))
        }
        #expect(!book.isSynchronized)
    }

    @Test("a sequence gap unsynchronizes the book until the next snapshot")
    func sequence() throws {
        var book = OrderBook(snapshot: BookSnapshot(instrument: instrument, bids: [], asks: [], sequence: 10))
        try book.apply(BookDelta(instrument: instrument, changes: [.set(.bid, p("0.4"), s("1"))], sequence: 11))
        #expect(book.sequence == 11)
        #expect(throws: OrderBookError.sequenceGap(instrument: instrument, expected: 12, received: 13)) {
            try book.apply(BookDelta(instrument: instrument, changes: [], sequence: 13))
        }
        #expect(!book.isSynchronized)
        #expect(throws: OrderBookError.noSnapshot(instrument: instrument)) {
            try book.apply(BookDelta(instrument: instrument, changes: [], sequence: 12))
        }
        try book.apply(BookSnapshot(instrument: instrument, bids: [], asks: [], sequence: 20))
        #expect(book.isSynchronized)
    }

    @Test("the venue's reported best prices catch a missed message")
    func reportedBest() throws {
        var book = book()
        try book.apply(BookDelta(instrument: instrument, changes: [.set(.bid, p("0.5"), s("1"))],
                                 reportedBestBid: .some(p("0.5")), reportedBestAsk: .some(p("0.52"))))
        #expect(throws: OrderBookError.bestPriceMismatch(instrument: instrument, side: .ask, book: p("0.52"), venue: p("0.53"))) {
            try book.apply(BookDelta(instrument: instrument, changes: [], reportedBestAsk: .some(p("0.53"))))
        }
        #expect(!book.isSynchronized)
        var emptyAsk = OrderBook(snapshot: BookSnapshot(instrument: instrument, bids: [BookLevel(price: p("0.5"), size: s("1"))], asks: []))
        try emptyAsk.apply(BookDelta(instrument: instrument, changes: [], reportedBestAsk: .some(nil)))
        #expect(emptyAsk.isSynchronized)
    }

    @Test("a delta keeps 'not reported' and 'reported empty' apart through JSON")
    func deltaJSON() throws {
        for (bid, ask) in [(Price??.none, Price??.some(nil)), (.some(p("0.5")), .none), (.some(nil), .some(p("0.6")))] {
            let delta = BookDelta(instrument: instrument, changes: [.set(.bid, p("0.5"), s("1"))], venueTimestamp: Timestamp(milliseconds: 5),
                                  hash: "h", reportedBestBid: bid, reportedBestAsk: ask)
            let decoded = try JSONDecoder().decode(BookDelta.self, from: JSONEncoder().encode(delta))
            #expect(decoded == delta)
        }
    }

    @Test("a crossed book is detected")
    func crossed() {
        var book = book()
        #expect(throws: OrderBookError.crossed(instrument: instrument, bid: p("0.55"), ask: p("0.52"))) {
            try book.apply(BookDelta(instrument: instrument, changes: [.set(.bid, p("0.55"), s("1"))]))
        }
        #expect(book.isCrossed)
        #expect(!book.isSynchronized)
    }

    @Test("staleness is judged from the last receive time")
    func stale() {
        let book = book()
        #expect(!book.isStale(at: Timestamp(milliseconds: 5000), maxAge: 10))
        #expect(book.isStale(at: Timestamp(milliseconds: 12_000), maxAge: 10))
        #expect(OrderBook(instrument: instrument).isStale(at: Timestamp(milliseconds: 0), maxAge: 10))
    }

    @Test("walking the book prices a size level by level")
    func depthWalk() {
        let book = book()
        let buy = book.walk(buying: s("40"))
        #expect(buy.isComplete)
        #expect(buy.filled == s("40"))
        // 25 × 0.52 + 15 × 0.53 = 13 + 7.95
        #expect(buy.notional == (try! Amount(parsing: "20.95")))
        #expect(buy.worstPrice == p("0.53"))
        #expect(buy.averagePrice == p("0.52375"))
        #expect(buy.levelsUsed == 2)
        let huge = book.walk(buying: s("1000"))
        #expect(!huge.isComplete)
        #expect(huge.filled == s("95"))
        let sell = book.walk(selling: s("20"))
        #expect(sell.notional == (try! Amount(parsing: "9.95")))  // 15 × 0.50 + 5 × 0.49
        #expect(book.sizeAvailable(buyingAtOrBelow: p("0.53")) == s("85"))
        #expect(book.sizeAvailable(sellingAtOrAbove: p("0.49")) == s("35"))
        #expect(book.sizeAvailable(buyingAtOrBelow: p("0.1")) == .zero)
        #expect(OrderBook(instrument: instrument).walk(buying: s("1")).averagePrice == nil)
    }

    @Test("a hundred thousand random updates keep both sides sorted and unique")
    func randomized() {
        var generator = SeededGenerator(seed: 42)
        var book = OrderBook(snapshot: BookSnapshot(instrument: instrument, bids: [], asks: []))
        var model: [BookSide: [Int64: Int64]] = [.bid: [:], .ask: [:]]
        for _ in 0..<100_000 {
            let side: BookSide = Bool.random(using: &generator) ? .bid : .ask
            let price = Int64.random(in: 1...99, using: &generator) * 10_000
            let size = Bool.random(using: &generator) ? 0 : Int64.random(in: 1...1000, using: &generator) * 1_000_000
            book.set(side, Price(units: price), Size(units: size))
            model[side]![price] = size == 0 ? nil : size
        }
        #expect(book.bids.map(\.price.units) == model[.bid]!.keys.sorted())
        #expect(book.asks.map(\.price.units) == model[.ask]!.keys.sorted(by: >))
        #expect(book.bids.allSatisfy { model[.bid]![$0.price.units] == $0.size.units })
    }
}
