import EdgewiseCore
import EdgewiseTestSupport
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi book: bids on both sides, asks derived")
struct KalshiBookTests {
    func decodeSection(_ key: String) throws -> KalshiOrderBookResponse {
        let json = try SharedFixtures.venueJSON("kalshi-orderbook-sample.json")
        return try JSONDecoder().decode(KalshiOrderBookResponse.self, from: try SharedFixtures.jsonData(json[key] as Any))
    }

    @Test("current and legacy shapes decode to the same book, with the fixture's derived prices", .requiresSharedFixtures)
    func derivedPrices() throws {
        let json = try SharedFixtures.venueJSON("kalshi-orderbook-sample.json")
        let derived = try #require(json["derived"] as? [String: String])
        let current = try decodeSection("current")
        let legacy = try decodeSection("legacy")
        #expect(current.yes == legacy.yes)
        #expect(current.no == legacy.no)
        let book = current.book(ticker: "T")
        #expect(book.bestBid(.yes)?.price == Price(derived["bestYesBid"]!))
        #expect(book.bestBid(.no)?.price == Price(derived["bestNoBid"]!))
        #expect(book.bestAsk(.yes)?.price == Price(derived["bestYesAsk"]!))
        #expect(book.bestAsk(.no)?.price == Price(derived["bestNoAsk"]!))
        let yes = OrderBook(snapshot: book.snapshot(of: .yes))
        #expect(yes.midpoint == Price(derived["yesMid"]!))
        #expect(yes.instrument == Kalshi.instrument(ticker: "T", side: .yes))
        // The YES ask side is the NO bid ladder complemented: 0.56 NO → 0.44 YES for 146.
        #expect(yes.bestAsk == BookLevel(price: Price("0.44")!, size: Size("146")!))
        #expect(!yes.isCrossed)
    }

    @Test("a legacy level that disagrees with its dollars twin is an error naming the field")
    func legacyMismatch() throws {
        let body = #"{"orderbook":{"yes":[[8,300]],"yes_dollars":[["0.0800",301]],"no":[],"no_dollars":[]}}"#
        do {
            _ = try JSONDecoder().decode(KalshiOrderBookResponse.self, from: Data(body.utf8))
            Issue.record("expected a mismatch")
        } catch let error as DecodingError {
            guard case .dataCorrupted(let context) = error else { Issue.record("wrong error \(error)"); return }
            #expect(context.debugDescription.contains("yes_dollars"))
            #expect(context.debugDescription.contains("yes"))
        }
        let both = #"{"orderbook_fp":{"yes_dollars":[["0.0800","300.00"]],"no_dollars":[]},"orderbook":{"yes":[[9,300]],"no":[]}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KalshiOrderBookResponse.self, from: Data(both.utf8)) }
    }

    @Test("malformed levels are refused: out of range, fractional cents, a third element, neither shape")
    func malformedLevels() {
        for body in [
            #"{"orderbook_fp":{"yes_dollars":[["1.0000","3.00"]],"no_dollars":[]}}"#,
            #"{"orderbook_fp":{"yes_dollars":[["0.5","-3.00"]],"no_dollars":[]}}"#,
            #"{"orderbook":{"yes":[[8.5,300]],"no":[]}}"#,
            #"{"orderbook_fp":{"yes_dollars":[["0.5","3","x"]],"no_dollars":[]}}"#,
            #"{"orderbook_fp":{"yes_dollars":[["abc","3"]],"no_dollars":[]}}"#,
            #"{}"#,
        ] {
            #expect(throws: DecodingError.self, "\(body)") {
                try JSONDecoder().decode(KalshiOrderBookResponse.self, from: Data(body.utf8))
            }
        }
    }

    @Test("deltas add signed counts, remove emptied levels, and refuse to go negative")
    func deltas() throws {
        var book = KalshiBook(
            ticker: "T", yes: [KalshiBookLevel(price: Price("0.30")!, size: Size("10")!)],
            no: [KalshiBookLevel(price: Price("0.60")!, size: Size("5")!)])
        try book.apply(side: .yes, price: Price("0.30")!, delta: -10 * FixedPoint.unitsPerWhole, sequence: 3)
        #expect(book.bestBid(.yes) == nil)
        #expect(book.sequence == 3)
        try book.apply(side: .yes, price: Price("0.31")!, delta: 7 * FixedPoint.unitsPerWhole)
        #expect(book.bestBid(.yes) == KalshiBookLevel(price: Price("0.31")!, size: Size("7")!))
        #expect(book.bestAsk(.no) == KalshiBookLevel(price: Price("0.69")!, size: Size("7")!))
        let before = book
        #expect(throws: KalshiBookError.self) {
            try book.apply(side: .no, price: Price("0.60")!, delta: -6 * FixedPoint.unitsPerWhole)
        }
        #expect(book == before)
    }

    @Test("tokens name the ticker and side and parse back")
    func tokens() {
        let token = Kalshi.token(ticker: "KXHIGHNY-26JUN01-B80.5", side: .no)
        #expect(token.rawValue == "KXHIGHNY-26JUN01-B80.5/NO")
        #expect(Kalshi.parseToken(token)?.ticker == "KXHIGHNY-26JUN01-B80.5")
        #expect(Kalshi.parseToken(token)?.side == KalshiSide.no)
        #expect(Kalshi.parseToken(TokenID("KXHIGHNY")) == nil)
        #expect(Kalshi.parseToken(TokenID("/YES")) == nil)
    }
}
