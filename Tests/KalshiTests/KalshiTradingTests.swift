import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing

@testable import EdgewiseKalshi

/// A loopback Kalshi order desk: `POST /portfolio/orders` records the order and then answers as
/// the test says (accept, fail after recording, refuse as a duplicate, …); `GET /portfolio/orders`
/// lists what was recorded.
final class KalshiOrderDesk: Sendable {
    enum Answer: Sendable {
        case created
        /// The order is recorded, but the reply is this failure.
        case recordThenFail(LoopbackResponse)
        /// Nothing is recorded; the reply is this.
        case refuse(LoopbackResponse)
    }

    let answers: Mutex<[Answer]>
    /// The client order ids of the orders the venue holds.
    let recorded = Mutex<[String]>([])

    init(_ answers: [Answer]) { self.answers = Mutex(answers) }

    var routes: [LoopbackRoute] {
        [
            .post("/trade-api/v2/portfolio/orders") { [self] request in
                let answer = answers.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
                let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
                let clientOrderID = body["client_order_id"] as? String ?? ""
                guard let order = try? KalshiFixtures.orderJSON(clientOrderID: clientOrderID) else { return .status(500) }
                switch answer {
                case .created:
                    recorded.withLock { $0.append(clientOrderID) }
                    return .json((try? SharedFixtures.jsonData(["order": order])) ?? Data(), status: 201)
                case .recordThenFail(let failure):
                    recorded.withLock { $0.append(clientOrderID) }
                    return failure
                case .refuse(let refusal):
                    return refusal
                }
            },
            .get("/trade-api/v2/portfolio/orders") { [self] _ in
                let orders = recorded.withLock { $0 }.compactMap { try? KalshiFixtures.orderJSON(clientOrderID: $0) }
                return .json((try? SharedFixtures.jsonData(["orders": orders, "cursor": ""])) ?? Data())
            },
        ]
    }

    static func start(_ answers: [Answer], extra: [LoopbackRoute] = []) async throws -> (LoopbackServer, KalshiOrderDesk) {
        let desk = KalshiOrderDesk(answers)
        return (try await LoopbackServer.start(routes: desk.routes + extra), desk)
    }
}

@Suite("Kalshi trading against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct KalshiTradingTests {
    let verifier: KalshiSignatureVerifier
    let rules = KalshiOrderRules(ticker: KalshiFixtures.ticker, grid: .linearCent)

    init() throws { verifier = try KalshiSignatureVerifier() }

    func intent(clientOrderID: String? = "cid-1", price: Price = .p("0.31"), count: Size = 10) -> KalshiOrderIntent {
        KalshiOrderIntent(
            ticker: KalshiFixtures.ticker, side: .yes, action: .buy, count: count, price: price, timeInForce: .goodTillCanceled,
            postOnly: true, clientOrderID: clientOrderID)
    }

    func posts(_ server: LoopbackServer) -> [LoopbackRequest] {
        server.requests.filter { $0.method == "POST" && $0.path == "/trade-api/v2/portfolio/orders" }
    }

    @Test func placeSendsTheExactSignedBody() async throws {
        let (server, _) = try await KalshiOrderDesk.start([.created])
        let placement = try await kalshiClient(server).place(intent(), rules: rules)
        #expect(placement.resolution == .created && placement.clientOrderID == "cid-1")
        #expect(placement.order.orderID == "ee587a1c-8b87-4dcf-b721-9f6f790619fa" && placement.order.status == .resting)
        let post = try #require(posts(server).first)
        #expect(verifier.verifies(post, path: "/trade-api/v2/portfolio/orders"))
        #expect(post.headers.contains { $0.name.lowercased() == "content-type" && $0.value == "application/json" })
        #expect(
            post.bodyText
                == #"{"action":"buy","client_order_id":"cid-1","count_fp":"10.00","post_only":true,"side":"yes","ticker":"KXHIGHNY-26JUN01-B80.5","time_in_force":"good_till_canceled","yes_price_dollars":"0.3100"}"#
        )
        await server.stop()
    }

    @Test func dryRunShowsTheSameBytesWithoutASignature() async throws {
        let (server, _) = try await KalshiOrderDesk.start([.created])
        let client = try kalshiClient(server)
        let prepared = try client.prepareOrder(intent(), rules: rules)
        #expect(prepared.method == "POST" && prepared.signedPath == "/trade-api/v2/portfolio/orders")
        #expect(prepared.url == server.baseURL.absoluteString + "/trade-api/v2/portfolio/orders")
        #expect(prepared.headers.first { $0.name == KalshiAuthHeaders.signatureHeader }?.value == KalshiPreparedRequest.redactedSignature)
        #expect(prepared.headers.first { $0.name == KalshiAuthHeaders.timestampHeader }?.value == String(kalshiTestMilliseconds))
        let rendered = prepared.rendered()
        #expect(rendered.hasPrefix("POST \(prepared.url)\n") && rendered.hasSuffix(prepared.bodyText))
        #expect(server.requests.isEmpty)
        _ = try await client.place(intent(), rules: rules)
        #expect(posts(server).first?.body == prepared.body)
        // Without credentials a dry run still works and shows no auth headers.
        let anonymous = try kalshiClient(server, signed: false).prepareOrder(intent(), rules: rules)
        #expect(!anonymous.headers.contains { $0.name.hasPrefix("KALSHI-") } && anonymous.body == prepared.body)
        await server.stop()
    }

    @Test func offGridPricesAndBadCountsNeverReachTheVenue() async throws {
        let (server, _) = try await KalshiOrderDesk.start([.created])
        let client = try kalshiClient(server)
        for bad in [intent(price: .p("0.315")), intent(price: .zero), intent(price: .one), intent(count: .s("1.5")), intent(count: .zero)] {
            do {
                _ = try await client.place(bad, rules: rules)
                Issue.record("\(bad) was sent")
            } catch {
                guard case .invalidOrder = error else { Issue.record("\(error)"); continue }
            }
        }
        do {
            _ = try await client.place(intent(price: .p("0.315")), rules: rules)
        } catch {
            #expect(error.description.contains("0.3100") && error.description.contains("0.3200"))
        }
        #expect(throws: KalshiError.self) { _ = try client.prepareOrder(intent(price: .p("0.315")), rules: rules) }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test("503 after the venue recorded the order: found by client order id, never posted twice")
    func ambiguousServerErrorIsResolvedByLookup() async throws {
        let (server, desk) = try await KalshiOrderDesk.start([.recordThenFail(.json(#"{"code":"internal","message":"upstream timeout"}"#, status: 503))])
        let placement = try await kalshiClient(server).place(intent(clientOrderID: "cid-503"), rules: rules)
        guard case .foundAfterAmbiguousFailure(let cause) = placement.resolution else { Issue.record("\(placement.resolution)"); return }
        #expect(cause.contains("503") && cause.contains("upstream timeout"))
        #expect(placement.order.clientOrderID == "cid-503")
        #expect(posts(server).count == 1 && desk.recorded.withLock { $0.count } == 1)
        let lookup = try #require(server.requests.last)
        #expect(lookup.method == "GET" && lookup.queryValue("ticker") == KalshiFixtures.ticker)
        #expect(verifier.verifies(lookup, path: "/trade-api/v2/portfolio/orders"))
        await server.stop()
    }

    @Test("a reply that never comes: found by client order id, never posted twice")
    func ambiguousTimeoutIsResolvedByLookup() async throws {
        var slow = LoopbackResponse.json("{}", status: 201)
        slow.delay = .seconds(3)
        let (server, _) = try await KalshiOrderDesk.start([.recordThenFail(slow)])
        var configuration = kalshiFastTransport
        configuration.requestTimeout = .milliseconds(400)
        let placement = try await kalshiClient(server, configuration: configuration).place(intent(clientOrderID: "cid-slow"), rules: rules)
        guard case .foundAfterAmbiguousFailure = placement.resolution else { Issue.record("\(placement.resolution)"); return }
        #expect(posts(server).count == 1)
        await server.stop()
    }

    @Test("not found after an ambiguous failure: re-sent once with the same client order id")
    func absentAfterAmbiguousFailureIsResentWithTheSameID() async throws {
        let (server, desk) = try await KalshiOrderDesk.start([.refuse(.status(502, body: "bad gateway")), .created])
        let placement = try await kalshiClient(server).place(intent(clientOrderID: "cid-resend"), rules: rules)
        guard case .createdOnResend(let cause) = placement.resolution else { Issue.record("\(placement.resolution)"); return }
        #expect(cause.contains("502"))
        let bodies = posts(server).map(\.body)
        #expect(bodies.count == 2 && bodies[0] == bodies[1])
        #expect(desk.recorded.withLock { $0.count } == 1)
        // The lookup came between the two posts.
        #expect(server.requests.map(\.method) == ["POST", "GET", "POST"])
        await server.stop()
    }

    @Test func resendsAreBoundedAndThenReportedAsMaybeExisting() async throws {
        let (server, _) = try await KalshiOrderDesk.start([.refuse(.status(500))])
        do {
            _ = try await kalshiClient(server).place(intent(clientOrderID: "cid-x"), rules: rules, resends: 0)
            Issue.record("an unresolved submission was reported as placed")
        } catch let error as KalshiError {
            guard case .orderMayExist(_, let ids, _) = error else { Issue.record("\(error)"); return }
            #expect(ids == ["cid-x"])
        }
        #expect(posts(server).count == 1)
        await server.stop()
    }

    @Test("409 for a used client order id means already placed: resolved by lookup")
    func duplicateIsResolvedByLookup() async throws {
        let (server, desk) = try await KalshiOrderDesk.start([
            .refuse(.json(#"{"code":"order_already_exists","message":"client_order_id already used"}"#, status: 409))
        ])
        desk.recorded.withLock { $0.append("cid-dup") }
        let placement = try await kalshiClient(server).place(intent(clientOrderID: "cid-dup"), rules: rules)
        guard case .foundAfterDuplicate(let message) = placement.resolution else { Issue.record("\(placement.resolution)"); return }
        #expect(message.contains("already used") && placement.order.clientOrderID == "cid-dup")
        #expect(posts(server).count == 1)
        await server.stop()
    }

    @Test func ordinaryRefusalIsNotLookedUp() async throws {
        let (server, _) = try await KalshiOrderDesk.start([
            .refuse(.json(#"{"code":"insufficient_balance","message":"not enough funds","details":"","service":"exchange"}"#, status: 400))
        ])
        do {
            _ = try await kalshiClient(server).place(intent(), rules: rules)
            Issue.record("a refusal was reported as placed")
        } catch let error as KalshiError {
            guard case .rejected(_, let status, let code, let message) = error else { Issue.record("\(error)"); return }
            #expect(status == 400 && code == "insufficient_balance" && message == "insufficient_balance: not enough funds")
        }
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func rateLimitedCreateIsRetriedBecauseNothingWasProcessed() async throws {
        let (server, _) = try await KalshiOrderDesk.start([.refuse(.status(429, headers: [("Retry-After", "0")])), .created])
        let placement = try await kalshiClient(server).place(intent(), rules: rules)
        #expect(placement.resolution == .created && posts(server).count == 2)
        await server.stop()
    }

    @Test func batchesAreCappedAtTwenty() async throws {
        let server = try await LoopbackServer.start()
        let client = try kalshiClient(server)
        let many = (0...KalshiClient.maxBatchSize).map { (intent(clientOrderID: "c\($0)"), rules) }
        do {
            _ = try await client.placeBatch(many)
            Issue.record("an oversized batch was sent")
        } catch {
            guard case .batchTooLarge(let count, let limit) = error else { Issue.record("\(error)"); return }
            #expect(count == 21 && limit == 20)
        }
        await #expect(throws: KalshiError.self) { _ = try await client.cancelBatch(orderIDs: (0...20).map(String.init)) }
        // One bad order refuses the whole batch.
        await #expect(throws: KalshiError.self) { _ = try await client.placeBatch([(intent(), rules), (intent(price: .p("0.305")), rules)]) }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func batchCreateAndCancel() async throws {
        let created = try KalshiFixtures.orderJSON(clientOrderID: "b1")
        let reply = try SharedFixtures.jsonData([
            "orders": [
                ["client_order_id": "b1", "order": created],
                ["client_order_id": "b2", "error": ["code": "market_closed", "message": "market is closed"]],
            ]
        ])
        let cancelReply = #"{"orders":[{"order_id":"o1","order":{"order_id":"o1","status":"canceled"},"reduced_by_fp":"10.00"},{"order_id":"o2","reduced_by_fp":"0.00","error":{"code":"not_found","message":"no such order"}}]}"#
        let server = try await LoopbackServer.start(routes: [
            .post("/trade-api/v2/portfolio/orders/batched", .json(reply, status: 201)),
            .delete("/trade-api/v2/portfolio/orders/batched") { _ in .json(cancelReply) },
        ])
        let client = try kalshiClient(server)
        let outcomes = try await client.placeBatch([(intent(clientOrderID: "b1"), rules), (intent(clientOrderID: "b2"), rules)])
        #expect(outcomes.map(\.clientOrderID) == ["b1", "b2"])
        #expect(outcomes[0].order?.status == .resting && outcomes[1].error?.code == "market_closed")
        let post = try #require(server.requests.first)
        let sent = try #require(try jsonObject(post.body)["orders"] as? [[String: Any]])
        #expect(sent.map { $0["client_order_id"] as? String } == ["b1", "b2"])
        #expect(verifier.verifies(post, path: "/trade-api/v2/portfolio/orders/batched"))

        let cancelled = try await client.cancelBatch(orderIDs: ["o1", "o2"])
        #expect(cancelled.map(\.orderID) == ["o1", "o2"] && cancelled[0].reducedBy == 10 && cancelled[1].error?.code == "not_found")
        let delete = try #require(server.requests.last)
        #expect(delete.method == "DELETE" && delete.bodyText == #"{"orders":[{"order_id":"o1"},{"order_id":"o2"}]}"#)
        #expect(verifier.verifies(delete, path: "/trade-api/v2/portfolio/orders/batched"))
        await server.stop()
    }

    @Test func cancelAmendAndDecrease() async throws {
        let order = try KalshiFixtures.orderJSON(clientOrderID: "cid-1")
        let server = try await LoopbackServer.start(routes: [
            .delete("/trade-api/v2/portfolio/orders/{id}") { _ in .json((try? KalshiFixtures.rest("DELETE /portfolio/orders/{order_id}")) ?? Data()) },
            .post("/trade-api/v2/portfolio/orders/{id}/amend", .json(try SharedFixtures.jsonData(["old_order": order, "order": order]))),
            .post("/trade-api/v2/portfolio/orders/{id}/decrease", .json(try SharedFixtures.jsonData(["order": order]))),
        ])
        let client = try kalshiClient(server)
        let cancellation = try await client.cancel(orderID: "ee587a1c")
        #expect(cancellation.order.status == .canceled && cancellation.reducedBy == 10)
        let delete = try #require(server.requests.last)
        #expect(delete.method == "DELETE" && verifier.verifies(delete, path: "/trade-api/v2/portfolio/orders/ee587a1c"))

        let amended = try await client.amend(
            KalshiAmendment(orderID: "ee587a1c", ticker: KalshiFixtures.ticker, side: .no, action: .buy, price: .p("0.7"), count: 12), rules: rules)
        #expect(amended.new.orderID == amended.old.orderID)
        let amend = try #require(server.requests.last)
        #expect(amend.path == "/trade-api/v2/portfolio/orders/ee587a1c/amend")
        #expect(amend.bodyText == #"{"action":"buy","count_fp":"12.00","no_price_dollars":"0.7000","side":"no","ticker":"KXHIGHNY-26JUN01-B80.5"}"#)
        await #expect(throws: KalshiError.self) {
            _ = try await client.amend(
                KalshiAmendment(orderID: "x", ticker: KalshiFixtures.ticker, side: .no, action: .buy, price: .p("0.705"), count: 12), rules: rules)
        }

        _ = try await client.decrease(orderID: "ee587a1c", .to(4))
        #expect(server.requests.last?.bodyText == #"{"reduce_to_fp":"4.00"}"#)
        _ = try await client.decrease(orderID: "ee587a1c", .by(2))
        #expect(server.requests.last?.bodyText == #"{"reduce_by_fp":"2.00"}"#)
        #expect(server.requests.count == 4)
        await server.stop()
    }

    @Test func findOrderMatchesTheClientOrderIDAcrossPages() async throws {
        let first = try SharedFixtures.jsonData(["orders": [try KalshiFixtures.orderJSON(clientOrderID: "other")], "cursor": "p2"])
        let second = try SharedFixtures.jsonData(["orders": [try KalshiFixtures.orderJSON(clientOrderID: "wanted", status: "executed")], "cursor": ""])
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/portfolio/orders") { request in .json(request.queryValue("cursor") == "p2" ? second : first) }
        ])
        let client = try kalshiClient(server)
        let found = try await client.findOrder(clientOrderID: "wanted", ticker: "T")
        #expect(found?.status == .executed && found?.clientOrderID == "wanted")
        #expect(try await client.findOrder(clientOrderID: "absent") == nil)
        #expect(server.requests.first?.queryValue("limit") == "1000")
        await server.stop()
    }
}
