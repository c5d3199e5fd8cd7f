import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Data API positions against loopback", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct DataAPIClientTests {
    @Test func positionsAreDecodedExactlyAndPaged() async throws {
        let sample = try #require(try SharedFixtures.venueJSON("polymarket-data-api-samples.json")["position"] as? [String: Any])
        var floaty = sample
        // A float rendering as the live API can send it: rounded to six decimals, not rejected.
        floaty["cashPnl"] = 15.062499999999998
        floaty["asset"] = "52114319501245915516055106046884209969926127482827954674443846427813813222426"
        floaty["redeemable"] = true
        let pages = [try SharedFixtures.jsonData([sample, floaty]), try SharedFixtures.jsonData([sample])]
        let server = try await LoopbackServer.start(routes: [
            .get("/positions") { request in
                let offset = Int(request.queryValue("offset") ?? "0") ?? 0
                return .json(offset == 0 ? pages[0] : offset == 2 ? pages[1] : Data("[]".utf8))
            }
        ])
        defer { Task { await server.stop() } }
        let client = DataAPIClient(baseURL: server.baseURL, configuration: fastTransport)
        var query = DataAPIClient.PositionsQuery(user: "0x56687bf447db6ffa42ffe2204a05edaa20f55839", redeemableOnly: true)
        query.pageSize = 2
        let positions = try await client.positions(query)
        #expect(positions.count == 3)
        let first = try #require(positions.first)
        #expect(first.size == Size(units: 120_500_000))
        #expect(first.averagePrice.description == "0.41")
        #expect(first.currentValue.description == "64.4675")
        #expect(first.token == "71321045679252212594626385532706912750332728571942532289631379312455583992563")
        #expect(first.conditionID == "0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af")
        #expect(positions[1].cashPnL.description == "15.0625")
        #expect(positions[1].redeemable)
        let requests = server.requests(path: "/positions")
        #expect(requests.map { $0.queryValue("offset") } == ["0", "2"])
        #expect(requests.allSatisfy { $0.queryValue("redeemable") == "true" && $0.queryValue("user") == query.user })
    }

    @Test func aMalformedPositionIsADecodingError() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/positions") { _ in .json(Data(#"[{"proxyWallet":"0x1","asset":"1","conditionId":"0x2","size":"lots"}]"#.utf8)) }
        ])
        defer { Task { await server.stop() } }
        let client = DataAPIClient(baseURL: server.baseURL, configuration: fastTransport)
        await #expect(throws: VenueError.self) { try await client.positions(.init(user: "0x1")) }
    }
}
