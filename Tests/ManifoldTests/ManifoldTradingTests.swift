import EdgewiseCore
import EdgewiseManifold
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Manifold trading against loopback", .timeLimit(.minutes(1)))
struct ManifoldTradingTests {
    /// What `POST /bet` answers: the bet without `id`, plus `betId`.
    static let placed = #"{"betId":"bet-1","contractId":"c1","outcome":"YES","amount":10,"shares":18.2,"limitProb":0.55,"orderAmount":10,"isFilled":true,"isCancelled":false,"probBefore":0.5,"probAfter":0.56,"fills":[{"amount":10,"shares":18.2,"matchedBetId":null,"timestamp":1700000000000}]}"#

    func expectNoKey(_ error: ManifoldError?, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = error.map { "\($0)" } ?? ""
        #expect(!text.contains(testKey.rawValue), "the key leaked into: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains(String(testKey.rawValue.prefix(8))), "part of the key leaked into: \(text)", sourceLocation: sourceLocation)
    }

    @Test func placeALimitOrderWithTheKeyHeader() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(Self.placed))])
        let request = ManifoldBetRequest(
            contractId: "c1", amount: 10, outcome: .yes, limitProbability: Price(units: 550_000), expiresMillisAfter: 3_600_000)
        let bet = try await client(server).placeBet(request, outcomeType: .binary)
        #expect(bet.id == "bet-1")
        #expect(!bet.isDryRun)
        #expect(bet.shares == 18.2)
        let sent = try #require(server.requests(path: "/bet").first)
        #expect(sent.method == "POST")
        #expect(sent.header("Authorization") == "Key \(testKey.rawValue)")
        #expect(sent.header("Content-Type") == "application/json")
        #expect(sent.jsonObject == ["contractId": "c1", "amount": 10, "outcome": "YES", "limitProb": 0.55, "expiresMillisAfter": 3_600_000] as NSDictionary)
        await server.stop()
    }

    @Test func multipleChoiceBetAndExpiresAt() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(Self.placed))])
        let request = ManifoldBetRequest(
            contractId: "c1", amount: Amount(units: 2_500_000), outcome: .no, limitProbability: Price(units: 70_000), answerId: "a1",
            expiresAt: Timestamp(milliseconds: 1_900_000_000_000))
        _ = try await client(server).placeBet(request, outcomeType: .multipleChoice)
        let sent = try #require(server.requests(path: "/bet").first)
        #expect(sent.jsonObject == ["contractId": "c1", "amount": 2.5, "outcome": "NO", "limitProb": 0.07, "answerId": "a1", "expiresAt": 1_900_000_000_000] as NSDictionary)
        await server.stop()
    }

    @Test func dryRunIsSentAndRecognised() async throws {
        let simulated = Self.placed.replacingOccurrences(of: "bet-1", with: "dry-run")
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(simulated))])
        let bet = try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, dryRun: true))
        #expect(bet.isDryRun)
        #expect(server.requests(path: "/bet").first?.jsonObject?["dryRun"] as? Bool == true)
        await server.stop()
    }

    @Test func preparedRequestRendersWithoutSendingOrLeakingTheKey() throws {
        let manifold = ManifoldClient(baseURL: URL(string: "https://api.manifold.markets/v0/")!, apiKey: testKey)
        let prepared = try manifold.preparedBet(
            ManifoldBetRequest(contractId: "c1", amount: 10, outcome: .yes, limitProbability: Price(units: 550_000), dryRun: true))
        #expect(prepared.method == "POST")
        #expect(prepared.url == "https://api.manifold.markets/v0/bet")
        #expect(prepared.headers["Authorization"] == "Key <redacted>")
        #expect(prepared.body == #"{"amount":10,"contractId":"c1","dryRun":true,"limitProb":0.55,"outcome":"YES"}"#)
        #expect(!prepared.description.contains(testKey.rawValue))
        let sell = try manifold.preparedSell(marketId: "c1", ManifoldSellRequest(outcome: .no, shares: Size(units: 5_500_000)))
        #expect(sell.url == "https://api.manifold.markets/v0/market/c1/sell")
        #expect(sell.body == #"{"outcome":"NO","shares":5.5}"#)
    }

    static let refusals: [(ManifoldBetRequest, ManifoldOutcomeType?, String)] = [
        (ManifoldBetRequest(contractId: "c1", amount: Amount(units: 999_999), outcome: .yes), nil, "minimum"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, limitProbability: Price(units: 555_000)), nil, "whole percent"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, limitProbability: Price(units: 995_000)), nil, "outside"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, limitProbability: .zero), nil, "outside"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes), .multipleChoice, "answerId is required"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, answerId: "a1"), .binary, "only for multiple-choice"),
        (ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes, expiresMillisAfter: 1000), nil, "only applies to limit orders"),
        (
            ManifoldBetRequest(
                contractId: "c1", amount: 5, outcome: .yes, limitProbability: Price(units: 500_000), expiresMillisAfter: 1000,
                expiresAt: Timestamp(milliseconds: 1)), nil, "not both"
        ),
        (ManifoldBetRequest(contractId: "", amount: 5, outcome: .yes), nil, "contractId"),
    ]

    @Test func invalidBetsAreRefusedBeforeAnyRequest() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(Self.placed))])
        for (request, outcomeType, reason) in Self.refusals {
            let error = await #expect(throws: ManifoldError.self) { try await client(server).placeBet(request, outcomeType: outcomeType) }
            guard case .invalidRequest(let detail)? = error else {
                Issue.record("expected invalidRequest for \(reason), got \(String(describing: error))")
                continue
            }
            #expect(detail.contains(reason), "\(detail)")
        }
        let sellError = await #expect(throws: ManifoldError.self) {
            try await client(server).sell(marketId: "c1", ManifoldSellRequest(outcome: .yes), outcomeType: .multipleChoice)
        }
        #expect(sellError?.description.contains("answerId is required") == true)
        await #expect(throws: ManifoldError.self) { try await client(server).sell(marketId: "c1", ManifoldSellRequest(shares: .zero)) }
        let keyless = await #expect(throws: ManifoldError.self) {
            try await client(server, key: nil).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .missingAPIKey("EDGEWISE_MANIFOLD_API_KEY")? = keyless else {
            Issue.record("expected missingAPIKey, got \(String(describing: keyless))")
            return
        }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func cancelAndSell() async throws {
        let cancelled = betJSON(id: "lim-1", limitProb: 0.3, orderAmount: 50, isCancelled: true)
        let sold = #"{"status":"success","betId":"sale-1","contractId":"c1","outcome":"YES","amount":-4.2,"shares":-5,"isRedemption":false}"#
        let server = try await LoopbackServer.start(routes: [
            .post("/bet/cancel/{id}", .json(cancelled)),
            .post("/market/{id}/sell", .json(sold)),
        ])
        let manifold = client(server)
        let bet = try await manifold.cancelBet(id: "lim-1")
        #expect(bet.isCancelled == true)
        #expect(bet.isOpen == false)
        let cancel = try #require(server.requests(path: "/bet/cancel/lim-1").first)
        #expect(cancel.header("Authorization") == "Key \(testKey.rawValue)")

        let sale = try await manifold.sell(
            marketId: "c1", ManifoldSellRequest(outcome: .yes, shares: 5, answerId: "a1"), outcomeType: .multipleChoice)
        #expect(sale.id == "sale-1")
        #expect(sale.shares == -5)
        let sell = try #require(server.requests(path: "/market/c1/sell").first)
        #expect(sell.header("Authorization") == "Key \(testKey.rawValue)")
        #expect(sell.jsonObject == ["outcome": "YES", "shares": 5, "answerId": "a1"] as NSDictionary)
        await server.stop()
    }

    @Test func rateLimitedBetIsRetriedAfterRetryAfter() async throws {
        let server = try await LoopbackServer.start(routes: [
            .post("/bet", handler: LoopbackResponse.sequence([
                .json(#"{"message":"Too many requests"}"#, status: 429, headers: [("Retry-After", "0")]), .json(Self.placed),
            ]))
        ])
        let bet = try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        #expect(bet.id == "bet-1")
        #expect(server.requests(path: "/bet").count == 2)
        await server.stop()
    }

    @Test func rateLimitBeyondTheBudgetIsReported() async throws {
        let server = try await LoopbackServer.start(routes: [
            .post("/bet", .json(#"{"message":"slow down"}"#, status: 429, headers: [("Retry-After", "600")]))
        ])
        let error = await #expect(throws: ManifoldError.self) {
            try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .rateLimited(_, let retryAfter)? = error else {
            Issue.record("expected rateLimited, got \(String(describing: error))")
            return
        }
        #expect(retryAfter == .seconds(600))
        #expect(server.requests(path: "/bet").count == 1)
        await server.stop()
    }

    @Test func serverErrorOnABetIsNeverRetriedAndMayExist() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(#"{"message":"internal"}"#, status: 500))])
        let error = await #expect(throws: ManifoldError.self) {
            try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .betMayExist(_, let cause)? = error else {
            Issue.record("expected betMayExist, got \(String(describing: error))")
            return
        }
        #expect(cause.contains("internal"))
        #expect(server.requests(path: "/bet").count == 1)
        await server.stop()
    }

    @Test func unreadableAnswerToABetMeansItMayExist() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(#"{"ok":true}"#))])
        let error = await #expect(throws: ManifoldError.self) {
            try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .betMayExist? = error else {
            Issue.record("expected betMayExist, got \(String(describing: error))")
            return
        }
        await server.stop()
    }

    @Test(arguments: [401, 403])
    func authFailureSurfacesTheMessageWithoutTheKey(status: Int) async throws {
        // A venue that echoes the header back must not make the key part of the error.
        let echo = #"{"message":"Invalid API key: Key \#(testKey.rawValue)"}"#
        let server = try await LoopbackServer.start(routes: [
            .post("/bet", .json(echo, status: status)),
            .get("/me", .json(#"{"message":"Error validating token."}"#, status: status)),
        ])
        let error = await #expect(throws: ManifoldError.self) {
            try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .unauthorized(_, status, let message)? = error else {
            Issue.record("expected unauthorized, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("Invalid API key"))
        #expect(error?.description.contains("EDGEWISE_MANIFOLD_API_KEY") == true)
        expectNoKey(error)
        let meError = await #expect(throws: ManifoldError.self) { try await client(server).me() }
        #expect(meError?.venueMessage == "Error validating token.")
        expectNoKey(meError)
        await server.stop()
    }

    @Test func refusedBetSurfacesTheVenueMessage() async throws {
        let server = try await LoopbackServer.start(routes: [.post("/bet", .json(#"{"message":"Insufficient balance."}"#, status: 400))])
        let error = await #expect(throws: ManifoldError.self) {
            try await client(server).placeBet(ManifoldBetRequest(contractId: "c1", amount: 5, outcome: .yes))
        }
        guard case .rejected(_, 400, "Insufficient balance.")? = error else {
            Issue.record("expected rejected, got \(String(describing: error))")
            return
        }
        await server.stop()
    }
}
