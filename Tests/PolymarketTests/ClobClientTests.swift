import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("CLOB client against loopback", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct ClobClientTests {
    func server() async throws -> LoopbackServer {
        let book = try Fixtures.restSample("GET /book?token_id=...")
        let bookObject = try JSONSerialization.jsonObject(with: book)
        return try await LoopbackServer.start(routes: [
            .get("/book", .json(book)),
            .post("/books", .json(try SharedFixtures.jsonData([bookObject, bookObject]))),
            .get("/price", .json(try Fixtures.restSample("GET /price?token_id=...&side=BUY"))),
            .get("/midpoint", .json(try Fixtures.restSample("GET /midpoint?token_id=..."))),
            .get("/spread", .json(try Fixtures.restSample("GET /spread?token_id=..."))),
            .get("/last-trade-price", .json(try Fixtures.restSample("GET /last-trade-price?token_id=..."))),
            .get("/tick-size", .json(try Fixtures.restSample("GET /tick-size?token_id=..."))),
            .get("/neg-risk", .json(try Fixtures.restSample("GET /neg-risk?token_id=..."))),
            .get("/version", .json(try Fixtures.restSample("GET /version (V2 clients; default 2 if absent)"))),
            .get("/clob-markets/{conditionId}", .json(try Fixtures.restSample("GET /clob-markets/{conditionId} (V2 compact market info)"))),
            .get("/prices-history", .json(#"{"history":[{"t":1700000000,"p":0.535},{"t":1700000060,"p":"0.54"}]}"#)),
        ])
    }

    @Test func publicEndpoints() async throws {
        let server = try await server()
        let clob = ClobClient(baseURL: server.baseURL, configuration: fastTransport)
        let token = Fixtures.noToken

        let book = try await clob.book(token)
        #expect(book.snapshot.bids.count == 4 && book.tickSize == Price.p("0.01") && book.minimumOrderSize == Size.s("100"))
        #expect(server.requests(path: "/book").last?.queryValue("token_id") == token.rawValue)

        let books = try await clob.books([Fixtures.yesToken, Fixtures.noToken])
        #expect(books.count == 2)
        let body = try #require(server.requests(path: "/books").last)
        #expect(body.method == "POST")
        let sent = try JSONSerialization.jsonObject(with: body.body) as! [[String: String]]
        #expect(sent == [["token_id": Fixtures.yesToken.rawValue], ["token_id": Fixtures.noToken.rawValue]])
        // The documented body for the same two tokens, key for key.
        let documented = try JSONSerialization.jsonObject(with: Fixtures.restSample("POST /books body")) as! [[String: String]]
        #expect(sent == documented)

        #expect(try await clob.price(token, side: .sell) == Price.p("0.49"))
        #expect(server.requests(path: "/price").last?.queryValue("side") == "SELL")
        #expect(try await clob.midpoint(token) == Price.p("0.5"))
        #expect(try await clob.spread(token) == Price.p("0.02"))
        #expect(try await clob.lastTradePrice(token) == ClobClient.LastTrade(price: .p("0.5"), side: .buy))
        #expect(try await clob.tickSize(token) == Price.p("0.01"))
        #expect(try await clob.negRisk(token) == false)
        #expect(try await clob.version() == 2)

        let info = try await clob.marketInfo(Fixtures.conditionID)
        #expect(info.isNegRisk && info.minimumOrderSize == Size.s("5"))
        #expect(server.requests.last?.path == "/clob-markets/\(Fixtures.conditionID.rawValue)")

        let history = try await clob.pricesHistory(PriceHistoryQuery(token: token, interval: "1d", fidelityMinutes: 60))
        #expect(history == [
            PricePoint(time: Timestamp(seconds: 1_700_000_000), price: .p("0.535")),
            PricePoint(time: Timestamp(seconds: 1_700_000_060), price: .p("0.54")),
        ])
        let historyRequest = try #require(server.requests(path: "/prices-history").last)
        #expect(historyRequest.queryValue("market") == token.rawValue)
        #expect(historyRequest.queryValue("interval") == "1d")
        #expect(historyRequest.queryValue("fidelity") == "60")

        _ = try await clob.pricesHistory(PriceHistoryQuery(token: token, start: Timestamp(seconds: 100), end: Timestamp(seconds: 200)))
        let window = try #require(server.requests(path: "/prices-history").last)
        #expect(window.queryValue("startTs") == "100" && window.queryValue("endTs") == "200" && window.queryValue("interval") == nil)
        await server.stop()
    }
}
