import EdgewiseCore
import EdgewiseManifold
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Manifold client reads against loopback", .timeLimit(.minutes(1)))
struct ManifoldClientTests {
    static func market(_ id: String) -> String {
        #"{"id":"\#(id)","question":"Q \#(id)?","outcomeType":"BINARY","mechanism":"cpmm-1","pool":{"YES":100,"NO":100},"p":0.5,"probability":0.5,"isResolved":false,"closeTime":4102444800000}"#
    }

    /// `GET /markets` over `total` markets m0…, newest first, honouring `limit` and `before`.
    func pagingServer(total: Int) async throws -> LoopbackServer {
        let ids = (0..<total).map { "m\($0)" }
        return try await LoopbackServer.start(routes: [
            .get("/markets") { request in
                let limit = Int(request.queryValue("limit") ?? "500") ?? 500
                let start = request.queryValue("before").flatMap { before in ids.firstIndex(of: before).map { $0 + 1 } } ?? 0
                let page = ids.dropFirst(start).prefix(limit)
                return .json("[" + page.map(Self.market).joined(separator: ",") + "]")
            }
        ])
    }

    @Test func marketsPageWithBeforeUntilAShortPage() async throws {
        let server = try await pagingServer(total: 5)
        let all = try await client(server, key: nil).allMarkets(ManifoldMarketQuery(sort: .lastBetTime, order: .descending), pageSize: 2)
        #expect(all.map(\.id) == ["m0", "m1", "m2", "m3", "m4"])
        let requests = server.requests(path: "/markets")
        #expect(requests.map { $0.queryValue("before") } == [nil, "m1", "m3"])
        #expect(requests.allSatisfy { $0.queryValue("sort") == "last-bet-time" && $0.queryValue("order") == "desc" && $0.queryValue("limit") == "2" })
        // Reads carry no key even when the client has one.
        #expect(requests.allSatisfy { $0.header("Authorization") == nil })
        await server.stop()
    }

    @Test func pagingStopsAtTheLimit() async throws {
        let server = try await pagingServer(total: 10)
        let some = try await client(server).allMarkets(pageSize: 4, limit: 6)
        #expect(some.map(\.id) == ["m0", "m1", "m2", "m3", "m4", "m5"])
        #expect(server.requests(path: "/markets").map { $0.queryValue("limit") } == ["4", "2"])
        await server.stop()
    }

    @Test func singleMarketsSearchAndDomainMapping() async throws {
        let multi = #"{"id":"mc","question":"Who?","outcomeType":"MULTIPLE_CHOICE","mechanism":"cpmm-multi-1","shouldAnswersSumToOne":true,"answers":[{"id":"a1","text":"A","poolYes":1,"poolNo":3},{"id":"a2","text":"B","poolYes":3,"poolNo":1}]}"#
        let server = try await LoopbackServer.start(routes: [
            .get("/market/{id}") { request in request.path.hasSuffix("/mc") ? .json(multi) : .json(Self.market("b1")) },
            .get("/slug/{slug}", .json(Self.market("b2"))),
            .get("/search-markets", .json("[" + Self.market("s1") + "]")),
        ])
        let manifold = client(server, key: nil)
        #expect(try await manifold.market(id: "b1").id == "b1")
        #expect(try await manifold.market(slug: "will-it-rain").id == "b2")
        #expect(server.requests.last?.path == "/slug/will-it-rain")
        let found = try await manifold.searchMarkets(
            ManifoldSearchQuery(term: "rain & snow", sort: "liquidity", filter: "open", contractType: "BINARY", limit: 2, offset: 4))
        #expect(found.map(\.id) == ["s1"])
        let search = try #require(server.requests(path: "/search-markets").first)
        #expect(search.queryValue("term") == "rain & snow")
        #expect(search.queryValue("sort") == "liquidity")
        #expect(search.queryValue("filter") == "open")
        #expect(search.queryValue("contractType") == "BINARY")
        #expect(search.queryValue("limit") == "2")
        #expect(search.queryValue("offset") == "4")

        let markets = try await manifold.domainMarkets(id: "mc")
        #expect(markets.map(\.id) == [MarketID("mc/a1"), MarketID("mc/a2")])
        let event = try await manifold.domainEvent(id: "mc")
        #expect(event.isMutuallyExclusive && event.isExhaustive)
        await server.stop()
    }

    @Test func probabilityEndpoints() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/market/{id}/prob") { request in
                request.path.contains("multi") ? .json(#"{"answerProbs":{"a1":0.7,"a2":0.3}}"#) : .json(#"{"prob":0.62}"#)
            },
            .get("/market-probs") { request in
                let ids = request.queryValues("ids")
                return .json("{" + ids.map { #""\#($0)":{"prob":0.5}"# }.joined(separator: ",") + "}")
            },
        ])
        let manifold = client(server, key: nil)
        #expect(try await manifold.probability(marketId: "bin") == .binary(0.62))
        #expect(try await manifold.probability(marketId: "multi") == .answers(["a1": 0.7, "a2": 0.3]))
        let ids = (0..<150).map { "id\($0)" }
        let probabilities = try await manifold.probabilities(marketIds: ids)
        #expect(probabilities.count == 150)
        #expect(probabilities["id149"] == .binary(0.5))
        // Repeated `ids` keys, at most 100 per request.
        #expect(server.requests(path: "/market-probs").map { $0.queryValues("ids").count } == [100, 50])
        #expect(server.requests(path: "/market-probs").first?.queryValues("ids").prefix(2) == ["id0", "id1"])
        await server.stop()
    }

    @Test func betsQueryAndOpenLimitOrderBook() async throws {
        let now = Timestamp(milliseconds: 1_800_000_000_000)
        let orders = [
            betJSON(id: "y1", limitProb: 0.4, orderAmount: 100, amount: 20),  // 80 mana left → 200 YES shares bid at 0.40
            betJSON(id: "y2", limitProb: 0.4, orderAmount: 10),  // 25 more at 0.40
            betJSON(id: "n1", outcome: "NO", limitProb: 0.6, orderAmount: 40),  // 40 / 0.4 = 100 YES shares asked at 0.60
            betJSON(id: "gone", limitProb: 0.3, orderAmount: 50, expiresAt: 1_700_000_000_000),  // expired: left out
            betJSON(id: "done", limitProb: 0.3, orderAmount: 50, amount: 50, isFilled: true),
        ]
        let server = try await LoopbackServer.start(routes: [
            .get("/bets", .json("[" + orders.joined(separator: ",") + "]")),
            .get("/market/{id}", .json(Self.market("c1"))),
        ])
        let book = try await client(server, key: nil).limitOrderBook(contractId: "c1", now: now)
        let request = try #require(server.requests(path: "/bets").first)
        #expect(request.queryValue("contractId") == "c1")
        #expect(request.queryValue("kinds") == "open-limit")
        #expect(book.orderCount == 3)
        #expect(book.yes.bids == [BookLevel(price: Price(units: 400_000), size: Size(units: 225_000_000))])
        #expect(book.yes.asks == [BookLevel(price: Price(units: 600_000), size: Size(units: 100_000_000))])
        #expect(book.no.bids == [BookLevel(price: Price(units: 400_000), size: Size(units: 100_000_000))])
        #expect(book.no.asks == [BookLevel(price: Price(units: 600_000), size: Size(units: 225_000_000))])
        #expect(book.poolProbability == 0.5)
        #expect(book.yesBook.spread == Price(units: 200_000))

        _ = try await client(server).bets(ManifoldBetQuery(userId: "u1", contractSlug: "s", limit: 10, before: "b9"))
        let listing = try #require(server.requests(path: "/bets").last)
        #expect(listing.queryValue("userId") == "u1")
        #expect(listing.queryValue("contractSlug") == "s")
        #expect(listing.queryValue("limit") == "10")
        #expect(listing.queryValue("before") == "b9")
        #expect(listing.queryValue("kinds") == nil)
        await server.stop()
    }

    @Test func meAndPositionsUseTheKey() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/me", .json(#"{"id":"u1","username":"ada","balance":1234.5}"#)),
            .get("/market/{id}/positions", .json(#"[{"contractId":"c1","userId":"u1","totalShares":{"YES":12.5},"hasYesShares":true,"invested":7,"payout":9.1,"profit":2.1}]"#)),
        ])
        let manifold = client(server)
        let me = try await manifold.me()
        #expect(me.balance == 1234.5)
        #expect(server.requests(path: "/me").first?.header("Authorization") == "Key \(testKey.rawValue)")
        let positions = try await manifold.myPositions(marketId: "c1")
        #expect(positions.first?.shares(.yes) == 12.5)
        #expect(positions.first?.shares(.no) == 0)
        #expect(server.requests(path: "/market/c1/positions").first?.queryValue("userId") == "u1")

        let error = await #expect(throws: ManifoldError.self) { try await client(server, key: nil).me() }
        #expect(error?.description.contains("EDGEWISE_MANIFOLD_API_KEY") == true)
        #expect(server.requests(path: "/me").count == 2)  // the keyless call never left
        await server.stop()
    }

    @Test func notFoundSurfacesTheVenueMessage() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/market/{id}", .json(#"{"message":"Contract not found"}"#, status: 404))
        ])
        let error = await #expect(throws: ManifoldError.self) { try await client(server).market(id: "nope") }
        guard case .rejected(_, 404, "Contract not found")? = error else {
            Issue.record("expected a rejection with the venue's message, got \(String(describing: error))")
            return
        }
        await server.stop()
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/market/{id}/prob", handler: LoopbackResponse.sequence([.json(#"{"message":"db down"}"#, status: 503), .json(#"{"prob":0.3}"#)])),
            .get("/markets", .json(#"{"message":"still down"}"#, status: 500)),
        ])
        #expect(try await client(server).probability(marketId: "x") == .binary(0.3))
        let error = await #expect(throws: ManifoldError.self) { try await client(server).markets() }
        guard case .venueUnavailable(_, 500, "still down")? = error else {
            Issue.record("expected venueUnavailable, got \(String(describing: error))")
            return
        }
        #expect(server.requests(path: "/markets").count == 3)
        await server.stop()
    }

    @Test func malformedJSONIsADecodingError() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/markets", .json(#"[{"question":"no id"}]"#)),
            .get("/market/{id}", .text("<html>gateway</html>")),
        ])
        for call in [{ _ = try await client(server).markets() }, { _ = try await client(server).market(id: "x") }] as [@Sendable () async throws -> Void] {
            let error = await #expect(throws: ManifoldError.self) { try await call() }
            guard case .transport(.decoding)? = error else {
                Issue.record("expected a decoding error, got \(String(describing: error))")
                continue
            }
        }
        await server.stop()
    }

    @Test func unreachableHostFailsFast() async throws {
        let port = try await LoopbackServer.closedPort()
        let manifold = ManifoldClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, configuration: HTTPTransportConfiguration(requestTimeout: .seconds(2), retry: .none),
            logger: quietLogger)
        let error = await #expect(throws: ManifoldError.self) { try await manifold.markets() }
        #expect(error?.description.contains("EDGEWISE_MANIFOLD_API_URL") == true)
    }

    @Test func descriptionHidesTheKey() {
        let manifold = ManifoldClient(apiKey: testKey)
        #expect(!manifold.description.contains(testKey.rawValue))
        #expect(!"\(manifold)".contains(testKey.rawValue))
    }
}
