import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Gamma client against loopback", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct GammaClientTests {
    /// `count` copies of the sample market with distinct ids and condition ids.
    func markets(_ count: Int) throws -> [[String: Any]] {
        let sample = try Fixtures.json("gamma-market-sample.json")["market"] as! [String: Any]
        return (0..<count).map { index in
            var market = sample
            market["id"] = String(1000 + index)
            market["conditionId"] = "0xc\(index)"
            return market
        }
    }

    func pagingServer(total: Int) async throws -> LoopbackServer {
        let all = try markets(total)
        let pages = try (0...total).map { offset in try (0...total).map { limit in
            try SharedFixtures.jsonData(Array(all.dropFirst(offset).prefix(limit)))
        } }
        return try await LoopbackServer.start(routes: [
            .get("/markets") { request in
                let offset = Int(request.queryValue("offset") ?? "0") ?? 0
                let limit = Int(request.queryValue("limit") ?? "100") ?? 100
                return .json(pages[min(offset, total)][min(limit, total)])
            }
        ])
    }

    @Test func pagesUntilShortPage() async throws {
        let server = try await pagingServer(total: 5)
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        let all = try await gamma.allMarkets(GammaQuery(active: true, closed: false), pageSize: 2)
        #expect(all.map { $0.id?.value } == ["1000", "1001", "1002", "1003", "1004"])
        let requests = server.requests(path: "/markets")
        #expect(requests.map { $0.queryValue("offset") } == ["0", "2", "4"])
        #expect(requests.allSatisfy { $0.queryValue("active") == "true" && $0.queryValue("closed") == "false" })
        await server.stop()
    }

    @Test func pagingStopsAtLimit() async throws {
        let server = try await pagingServer(total: 5)
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        let some = try await gamma.allMarkets(pageSize: 2, limit: 3)
        #expect(some.count == 3)
        #expect(server.requests(path: "/markets").map { $0.queryValue("limit") } == ["2", "1"])
        await server.stop()
    }

    @Test func filtersAreSentWithRepeatedKeys() async throws {
        let market = try Fixtures.data("gamma-market-sample.json", "market")
        let server = try await LoopbackServer.start(routes: [.get("/markets", .json(try SharedFixtures.jsonData([try JSONSerialization.jsonObject(with: market)])))])
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        _ = try await gamma.markets(GammaQuery(
            limit: 10, offset: 20, order: "volume24hr", ascending: false, archived: false, tagID: "100",
            conditionIDs: ["0xa", "0xb"], clobTokenIDs: ["1", "2"], extra: [("liquidity_num_min", "1000")]))
        let request = try #require(server.requests.first)
        #expect(request.queryValues("clob_token_ids") == ["1", "2"])
        #expect(request.queryValues("condition_ids") == ["0xa", "0xb"])
        #expect(request.queryValue("order") == "volume24hr")
        #expect(request.queryValue("ascending") == "false")
        #expect(request.queryValue("tag_id") == "100")
        #expect(request.queryValue("archived") == "false")
        #expect(request.queryValue("liquidity_num_min") == "1000")

        let byToken = try #require(try await gamma.domainMarket(tokenID: Fixtures.noToken))
        #expect(byToken.id == Fixtures.conditionID)
        #expect(server.requests.last?.queryValues("clob_token_ids") == [Fixtures.noToken.rawValue])
        let byCondition = try #require(try await gamma.domainMarket(conditionID: Fixtures.conditionID))
        #expect(byCondition.outcome(token: Fixtures.yesToken)?.name == "Yes")
        #expect(try await gamma.market(tokenID: "unknown-token") == nil)
        await server.stop()
    }

    @Test func singleRecordsAndSearch() async throws {
        let market = try Fixtures.data("gamma-market-sample.json", "market")
        let event = try Fixtures.data("gamma-market-sample.json", "event")
        let eventObject = try JSONSerialization.jsonObject(with: event)
        let search = try SharedFixtures.jsonData([
            "events": [eventObject], "tags": [["id": "1", "label": "Weather", "slug": "weather"]],
            "profiles": [["name": "someone"]], "pagination": ["hasMore": false, "totalResults": 1],
        ] as [String: Any])
        let server = try await LoopbackServer.start(routes: [
            .get("/markets/slug/{slug}", .json(market)),
            .get("/markets/{id}", .json(market)),
            .get("/events/slug/{slug}", .json(event)),
            .get("/events/{id}", .json(event)),
            .get("/public-search", .json(search)),
        ])
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        let bySlug = try await gamma.domainMarket(slug: "will-it-rain-in-paris-on-2026-06-01")
        #expect(bySlug.id == Fixtures.conditionID)
        #expect(server.requests.last?.path == "/markets/slug/will-it-rain-in-paris-on-2026-06-01")
        #expect(try await gamma.market(id: "512345").conditionId == Fixtures.conditionID.rawValue)
        let domainEvent = try await gamma.domainEvent(slug: "paris-rain-june")
        #expect(domainEvent.isExhaustive && domainEvent.markets.count == 1)
        #expect(try await gamma.event(id: "23456").title == "Paris rain in June?")
        let found = try await gamma.search("paris rain")
        #expect(found.events.count == 1)
        #expect(found.allMarkets.map(\.conditionId) == [Fixtures.conditionID.rawValue])
        #expect(found.hasMore == false)
        #expect(server.requests.last?.queryValue("q") == "paris rain")
        await server.stop()
    }

    @Test func unmappableMarketIsADecodingErrorNamingTheField() async throws {
        var sample = try Fixtures.json("gamma-market-sample.json")["market"] as! [String: Any]
        sample["clobTokenIds"] = "[\"1\"]"
        let server = try await LoopbackServer.start(routes: [.get("/markets/slug/{slug}", .json(try SharedFixtures.jsonData(sample)))])
        let gamma = GammaClient(baseURL: server.baseURL, configuration: fastTransport)
        await #expect {
            try await gamma.domainMarket(slug: "x")
        } throws: { error in
            guard case .decoding(let endpoint, let field, _) = error as? VenueError else { return false }
            return endpoint == "GET /markets/slug/{slug}" && field == "outcomes"
        }
        await server.stop()
    }
}
