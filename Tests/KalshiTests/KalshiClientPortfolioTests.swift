import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi portfolio: signed requests against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct KalshiClientPortfolioTests {
    let verifier: KalshiSignatureVerifier

    init() throws { verifier = try KalshiSignatureVerifier() }

    @Test func balanceIsSignedOverTheFullPathWithTheInjectedClock() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/balance", .json(try KalshiFixtures.rest("GET /portfolio/balance")))
        ])
        let client = try kalshiClient(server)
        #expect(try await client.balance().balance == .a("1234.56"))
        let request = try #require(server.requests.last)
        func header(_ name: String) -> String? { request.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        #expect(header("KALSHI-ACCESS-KEY") == verifier.vectors.keyID)
        #expect(header("KALSHI-ACCESS-TIMESTAMP") == String(kalshiTestMilliseconds))
        // Exactly the message of the signing vector: timestamp + GET + /trade-api/v2/portfolio/balance.
        let vector = try #require(verifier.vectors.cases.first { $0.signedPath == "/trade-api/v2/portfolio/balance" && $0.method == "GET" })
        #expect(vector.timestampMilliseconds == kalshiTestMilliseconds)
        #expect(verifier.verifies(try #require(header("KALSHI-ACCESS-SIGNATURE")), vector.messageToSign))
        await server.stop()
    }

    @Test func queriesAreNotSigned() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/orders", .json(#"{"orders":[],"cursor":""}"#)),
            .get("/trade-api/v2/portfolio/fills", .json(try SharedFixtures.jsonData(["fills": [try KalshiFixtures.restObject("GET /portfolio/fills item")], "cursor": "next"]))),
        ])
        let client = try kalshiClient(server)
        let orders = try await client.orders(KalshiHistoryQuery(ticker: "T", status: .resting, minTime: Timestamp(seconds: 7), limit: 50))
        #expect(orders.items.isEmpty && orders.cursor == nil)
        let request = try #require(server.requests.last)
        #expect(request.queryValue("ticker") == "T" && request.queryValue("status") == "resting" && request.queryValue("min_ts") == "7")
        #expect(verifier.verifies(request, path: "/trade-api/v2/portfolio/orders"))
        #expect(!verifier.verifies(request, path: "/trade-api/v2/portfolio/orders?ticker=T"))

        let fills = try await client.fills(KalshiHistoryQuery(ticker: "T", orderID: "o-1"))
        #expect(fills.items.count == 1 && fills.cursor == "next")
        let fillsRequest = try #require(server.requests.last)
        #expect(fillsRequest.queryValue("order_id") == "o-1" && verifier.verifies(fillsRequest, path: "/trade-api/v2/portfolio/fills"))
        await server.stop()
    }

    @Test("a base URL without /trade-api/v2 still reaches and signs the full path")
    func hostOnlyBaseURL() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/balance", .json(#"{"balance":100,"portfolio_value":0,"updated_ts":1}"#))
        ])
        let client = KalshiClient(
            endpoints: KalshiEndpoints(rest: server.baseURL, webSocket: server.webSocketURL("/ws")), signer: try verifier.signer(),
            configuration: kalshiFastTransport, now: { Timestamp(milliseconds: kalshiTestMilliseconds) })
        #expect(client.signedPath(for: "/portfolio/balance") == "/trade-api/v2/portfolio/balance")
        #expect(try await client.balance().balance == .a("1"))
        #expect(verifier.verifies(try #require(server.requests.last), path: "/trade-api/v2/portfolio/balance"))
        // The built-in endpoints already end in the prefix: it is not doubled.
        #expect(KalshiClient(endpoints: .production).signedPath(for: "/portfolio/balance") == "/trade-api/v2/portfolio/balance")
        await server.stop()
    }

    @Test func positionsAndSettlements() async throws {
        let positions = #"""
            {"market_positions":[{"ticker":"T","total_traded_dollars":"31.0000","position_fp":"-10.00","market_exposure_dollars":"6.9000",
              "realized_pnl_dollars":"-1.2500","resting_orders_count":0,"fees_paid_dollars":"0.1500","last_updated_ts":"2026-06-01T12:02:00Z"}],
             "event_positions":[{"event_ticker":"E","total_cost_dollars":"6.9000","total_cost_shares_fp":"10.00","event_exposure_dollars":"6.9000",
              "realized_pnl_dollars":"0.0000","fees_paid_dollars":"0.1500"}],"cursor":""}
            """#
        let settlements = #"""
            {"settlements":[{"ticker":"T","event_ticker":"E","market_result":"no","yes_count_fp":"0.00","yes_total_cost_dollars":"0.0000",
              "no_count_fp":"10.00","no_total_cost_dollars":"6.9000","revenue":1000,"settled_time":"2026-06-02T14:00:00Z","fee_cost":"0.1500","value":0}],"cursor":""}
            """#
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/positions", .json(positions)),
            .get("/trade-api/v2/portfolio/settlements", .json(settlements)),
        ])
        let client = try kalshiClient(server)
        let (page, events) = try await client.positions(KalshiHistoryQuery(eventTicker: "E"))
        let position = try #require(page.items.first)
        #expect(position.position == -10_000_000 && position.holding?.side == KalshiSide.no && position.holding?.size == 10)
        #expect(position.realizedPnL == .a("-1.25") && position.feesPaid == .a("0.15") && page.cursor == nil)
        #expect(events.first?.totalCostShares == 10 && events.first?.eventExposure == .a("6.9"))
        #expect(server.requests.last?.queryValue("event_ticker") == "E")
        let settled = try await client.settlements().items
        #expect(settled.first?.marketResult == .no && settled.first?.revenue == .a("10") && settled.first?.noCount == 10)
        #expect(settled.first?.value == .zero && settled.first?.feeCost == .a("0.15"))
        await server.stop()
    }

    @Test func withoutCredentialsPortfolioCallsAreRefusedLocally() async throws {
        let server = try await LoopbackServer.start()
        do {
            _ = try await kalshiClient(server, signed: false).balance()
            Issue.record("an unsigned portfolio call was sent")
        } catch let error as KalshiError {
            guard case .notAuthenticated(let endpoint) = error else { Issue.record("\(error)"); return }
            #expect(endpoint == "GET /portfolio/balance")
            #expect(error.description.contains(KalshiCredentials.keyIDVariable))
        }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func authFailureShowsKalshisMessageAndNoKeyMaterial() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/balance", .json(#"{"error":{"code":"authentication_error","message":"invalid signature","service":"auth"}}"#, status: 401))
        ])
        do {
            _ = try await kalshiClient(server).balance()
            Issue.record("a 401 was not surfaced")
        } catch let error as KalshiError {
            guard case .unauthorized(_, let status, let message) = error else { Issue.record("\(error)"); return }
            #expect(status == 401 && message == "authentication_error: invalid signature")
            let text = error.description + String(reflecting: error)
            #expect(text.contains("invalid signature") && text.contains("clock"))
            let signature = try #require(server.requests.last?.headers.first { $0.name.lowercased() == "kalshi-access-signature" }?.value)
            #expect(!text.contains(signature))
            for line in pemLines(verifier.vectors.privateKeyPKCS8) + pemLines(verifier.vectors.privateKeyPKCS1) where line.count > 20 {
                #expect(!text.contains(line))
            }
        }
        // A 401 is not retried: the same credentials will not start working.
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func marketDataIsSignedWhenCredentialsExist() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets/{ticker}", .json(try KalshiFixtures.rest("GET /markets/{ticker}")))
        ])
        _ = try await kalshiClient(server).market(KalshiFixtures.ticker)
        #expect(verifier.verifies(try #require(server.requests.last), path: "/trade-api/v2/markets/\(KalshiFixtures.ticker)"))
        await server.stop()
    }
}
