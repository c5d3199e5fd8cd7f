import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("CLOB REST contract", .requiresSharedFixtures)
struct ClobContractTests {
    @Test func bookSampleMapsExactly() throws {
        let summary = try JSONDecoder().decode(ClobBookSummary.self, from: Fixtures.restSample("GET /book?token_id=..."))
        let book = try summary.toBook()
        #expect(book.snapshot.instrument == InstrumentID(venue: .polymarket, token: Fixtures.noToken))
        #expect(book.market == Fixtures.conditionID)
        #expect(book.snapshot.bids == [
            BookLevel(price: .p("0.15"), size: .s("100")), BookLevel(price: .p("0.31"), size: .s("148.56")),
            BookLevel(price: .p("0.33"), size: .s("58")), BookLevel(price: .p("0.5"), size: .s("100")),
        ])
        #expect(book.snapshot.asks.isEmpty)
        #expect(book.snapshot.venueTimestamp == Timestamp(milliseconds: 123_456_789))
        #expect(book.minimumOrderSize == Size.s("100"))
        #expect(book.tickSize == Price.p("0.01"))
        #expect(book.snapshot.tickSize == Price.p("0.01"))
        #expect(book.isNegRisk == false)
        #expect(book.lastTradePrice == nil)
        #expect(book.reportedHash == "9d6d9e8831a150ac4cd878f99f7b2c6d419b875f")
        // The sample's hash is illustrative: tracked as a mismatch, the book is still accepted.
        #expect(!book.hashMatches)
        #expect(book.computedHash.count == 40)
        let orderBook = OrderBook(snapshot: book.snapshot)
        #expect(orderBook.bestBid == BookLevel(price: .p("0.5"), size: .s("100")))
        #expect(orderBook.bestAsk == nil)
    }

    @Test func compactMarketInfo() throws {
        let info = try JSONDecoder().decode(ClobMarketInfo.self, from: Fixtures.restSample("GET /clob-markets/{conditionId} (V2 compact market info)"))
        #expect(info.conditionID == Fixtures.conditionID)
        #expect(info.tokens.map(\.token) == [Fixtures.yesToken, Fixtures.noToken])
        #expect(info.tokens.map(\.outcome) == ["Yes", "No"])
        #expect(info.minimumTickSize == Price.p("0.01"))
        #expect(info.minimumOrderSize == Size.s("5"))
        #expect(info.isNegRisk)
        #expect(info.acceptingOrders == true)
        #expect(info.feeRate == Decimal(string: "0.25"))
        #expect(info.feeExponent == Decimal(2))
        #expect(info.feesTakerOnly == true)
    }
}

@Suite("Order-book hash", .requiresSharedFixtures)
struct OrderBookHashTests {
    @Test func pythonServerOrderVectors() throws {
        let vectors = try Fixtures.json("polymarket-orderbook-hash-vectors.json")["pythonServerOrder"] as! [[String: Any]]
        #expect(vectors.count == 2)
        for vector in vectors {
            let input = try SharedFixtures.jsonData(vector["input"]!)
            let summary = try JSONDecoder().decode(ClobBookSummary.self, from: input)
            #expect(OrderBookHash.serialize(summary) == vector["serialized"] as? String)
            #expect(OrderBookHash.hash(of: summary) == vector["sha1"] as? String)
            #expect(try summary.toBook().computedHash == vector["sha1"] as? String)
        }
    }

    @Test func typeScriptInsertionOrderVectors() throws {
        let vectors = try Fixtures.json("polymarket-orderbook-hash-vectors.json")["typescriptInsertionOrder"] as! [[String: Any]]
        #expect(vectors.count == 3)
        for vector in vectors {
            #expect(OrderBookHash.sha1Hex(vector["serialized"] as! String) == vector["sha1"] as? String)
        }
    }

    @Test func matchingHashIsRecognised() throws {
        var object = try Fixtures.json("polymarket-orderbook-hash-vectors.json")["pythonServerOrder"] as! [[String: Any]]
        var input = object[0]["input"] as! [String: Any]
        input["hash"] = object[0]["sha1"]
        object[0]["input"] = input
        let summary = try JSONDecoder().decode(ClobBookSummary.self, from: SharedFixtures.jsonData(input))
        #expect(try summary.toBook().hashMatches)
    }
}
