import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket order placement against loopback", .timeLimit(.minutes(1)))
struct OrderPlacementTests {
    /// A CLOB whose POST /order echoes the submitted order type in the reply status, so each test
    /// sees its own order come back.
    static func echoingServer() async throws -> TradingLoopback {
        try await TradingLoopback.start(routes: [
            ("POST", "/order", { request in
                guard let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                    body["order"] is [String: Any], let type = body["orderType"] as? String
                else { return .json(#"{"error":"Invalid order payload"}"#, status: 400) }
                let matched = type == "FOK" || type == "FAK"
                return .json(TradingFixtures.placement(
                    TradingFixtures.hash(1), status: matched ? "matched" : "live", making: matched ? "5.7" : "",
                    taking: matched ? "10" : ""))
            })
        ])
    }

    @Test("each order type is posted with a verified signature", arguments: PolymarketOrderType.allCases)
    func postsEachOrderType(type: PolymarketOrderType) async throws {
        let loopback = try await Self.echoingServer()
        let client = try tradingClient(loopback)
        let submission = TradingFixtures.submission(type)
        let placement = try await client.postOrder(submission)
        #expect(loopback.authFailures.isEmpty)
        let request = try #require(loopback.requests(path: "/order").first)
        #expect(request.method == "POST")
        #expect(request.bodyText == (try PolymarketOrderEnvelope.json(submission, owner: TradingFixtures.credentials.apiKey)))
        #expect(request.headers.contains { $0.name.lowercased() == "content-type" && $0.value == "application/json" })
        #expect(placement.orderID == TradingFixtures.hash(1))
        if type == .fok || type == .fak {
            #expect(placement.status == .matched)
            #expect(placement.makingAmount == Amount(units: 5_700_000) && placement.takingAmount == Amount(units: 10_000_000))
        } else {
            #expect(placement.status == .live && placement.makingAmount == nil && placement.takingAmount == nil)
        }
        await loopback.stop()
    }

    @Test func postOnlyGoesOutWithTheFlagAndFOKPostOnlyNeverLeaves() async throws {
        let loopback = try await Self.echoingServer()
        let client = try tradingClient(loopback)
        _ = try await client.postOrder(TradingFixtures.submission(.gtd, postOnly: true))
        let posted = try #require(loopback.requests(path: "/order").first)
        let sent = try #require(try JSONSerialization.jsonObject(with: posted.body) as? [String: Any])
        #expect(sent["postOnly"] as? Bool == true && sent["orderType"] as? String == "GTD")
        await #expect {
            try await client.postOrder(TradingFixtures.submission(.fok, postOnly: true))
        } throws: { error in
            guard case .invalidSubmission = error as? PolymarketTradingError else { return false }
            return true
        }
        #expect(loopback.requests(path: "/order").count == 1)
        await loopback.stop()
    }

    @Test(.requiresSharedFixtures) func signatureOfARealOrderBodyMatchesTheVector() async throws {
        // The generated POST /order HMAC vector: the same order, owner, secret and time must yield
        // the same POLY_SIGNATURE when sent through the client.
        let vectors = try #require(try Fixtures.json("polymarket-auth-vectors.json")["hmac"] as? [[String: Any]])
        let vector = try #require(vectors.first { $0["method"] as? String == "POST" && $0["requestPath"] as? String == "/order" })
        let body = try #require(vector["body"] as? String)
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(TradingFixtures.placement("0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88")) })
        ])
        let client = try tradingClient(loopback)
        let submission = PolymarketOrderSubmission(
            orderHash: "0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88", tokenID: TradingFixtures.token,
            orderJSON: try OrderEnvelopeTests.innerOrder(body), orderType: .gtc)
        _ = try await client.postOrder(submission)
        let request = try #require(loopback.requests(path: "/order").first)
        #expect(request.bodyText == body)
        #expect(request.headers.first { $0.name == "POLY_SIGNATURE" }?.value == vector["signature"] as? String)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func batchOfFifteenGetsOneOutcomeEachAndSixteenIsRefused() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/orders", { request in
                let orders = (try? JSONSerialization.jsonObject(with: request.body) as? [[String: Any]]) ?? []
                // Every third order is refused; the rest are placed.
                let replies = orders.indices.map { index in
                    index % 3 == 2
                        ? #"{"success":false,"errorMsg":"not enough balance / allowance","orderID":"","status":"","takingAmount":"","makingAmount":""}"#
                        : TradingFixtures.placement(TradingFixtures.hash(index + 1))
                }
                return .json("[" + replies.joined(separator: ",") + "]")
            })
        ])
        let client = try tradingClient(loopback)
        let submissions = (1...15).map { TradingFixtures.submission(hash: TradingFixtures.hash($0)) }
        let outcomes = try await client.postOrders(submissions)
        #expect(outcomes.count == 15)
        for (index, outcome) in outcomes.enumerated() {
            if index % 3 == 2 {
                #expect(outcome.error?.rejectReason == .insufficientBalanceOrAllowance)
                guard case .failed(let hash, _) = outcome else { continue }
                #expect(hash == submissions[index].orderHash)
            } else {
                #expect(outcome.placement?.orderID == submissions[index].orderHash)
            }
        }
        let posted = try #require(loopback.requests(path: "/orders").first)
        let sent = try #require(try JSONSerialization.jsonObject(with: posted.body) as? [[String: Any]])
        #expect(sent.count == 15)

        await #expect {
            try await client.postOrders(submissions + [TradingFixtures.submission(hash: TradingFixtures.hash(16))])
        } throws: { error in
            guard case .batchTooLarge(16, 15) = error as? PolymarketTradingError else { return false }
            return true
        }
        #expect(loopback.requests(path: "/orders").count == 1)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func unknownStatusIsKeptNotFatal() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(TradingFixtures.placement(TradingFixtures.hash(1), status: "resting_somewhere_new")) }),
            ("GET", "/data/orders", { _ in .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(2), status: "ORDER_STATUS_NEW")])) }),
        ])
        let client = try tradingClient(loopback)
        let placement = try await client.postOrder(TradingFixtures.submission())
        #expect(placement.status == .unrecognized("resting_somewhere_new"))
        #expect(placement.orderID == TradingFixtures.hash(1))
        let orders = try await client.openOrders()
        #expect(orders.map(\.status) == [.unrecognized("ORDER_STATUS_NEW")])
        await loopback.stop()
    }

    @Test func placementKeepsTheSubmittedHashWhenTheReplyOmitsTheIDAndAnEmptyErrorIsNoRefusal() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(#"{"success":true,"errorMsg":"","error":"","status":"delayed"}"#) })
        ])
        let placement = try await tradingClient(loopback).postOrder(TradingFixtures.submission(hash: TradingFixtures.hash(7)))
        #expect(placement.orderID == TradingFixtures.hash(7) && placement.status == .delayed)
        await loopback.stop()
    }
}
