import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing

@Suite("Polymarket uncertain submissions against loopback", .timeLimit(.minutes(1)))
struct UncertainSubmissionTests {
    /// Client timeouts short enough for a test; the server holds its answer longer. Not shorter:
    /// on a loaded machine a 200 ms budget can run out before the request even reaches the
    /// loopback server, and then the scenario under test (sent, then no answer) never happens.
    static let shortTimeout = HTTPTransportConfiguration(
        requestTimeout: .seconds(1),
        retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(1)))

    @Test func timeoutAfterSendingIsResolvedWithoutSendingTwice() async throws {
        let hash = TradingFixtures.hash(42)
        // The venue places the order as soon as it reads the request, then answers too late.
        let placed = Mutex<Bool>(false)
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in
                placed.withLock { $0 = true }
                var reply = LoopbackResponse.json(TradingFixtures.placement(hash))
                reply.delay = .seconds(5)
                return reply
            }),
            ("GET", "/data/orders", { request in
                // Two pages: the order is on the second one.
                let cursor = request.queryValue("next_cursor")
                if cursor == "MA==" {
                    return .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(1))], next: "MTAw"))
                }
                let found = placed.withLock { $0 } ? [TradingFixtures.openOrder(hash, size: "10", matched: "2.5")] : []
                return .json(TradingFixtures.page(found))
            }),
            ("GET", "/data/trades", { _ in .json(TradingFixtures.page([])) }),
        ])
        let client = try tradingClient(loopback, configuration: Self.shortTimeout)
        let submission = TradingFixtures.submission(hash: hash)
        do {
            _ = try await client.postOrder(submission)
            Issue.record("expected the submission to be uncertain")
        } catch {
            guard case .orderMayExist(let endpoint, let hashes, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(endpoint == "POST /order" && hashes == [hash])
            #expect(error.description.contains("resolveUncertainSubmission"))
        }
        // Never retried automatically.
        #expect(loopback.requests(path: "/order").count == 1)

        let resolution = try await client.resolveUncertainSubmission(orderHash: hash, tokenID: submission.tokenID)
        guard case .foundOpen(let order) = resolution else {
            Issue.record("expected the order to be found open, got \(resolution)")
            return
        }
        #expect(order.id == hash && order.sizeMatched == Size.s("2.5") && order.remainingSize == Size.s("7.5"))
        let listings = loopback.requests(path: "/data/orders")
        #expect(listings.map { $0.queryValue("next_cursor") } == ["MA==", "MTAw"])
        #expect(listings.allSatisfy { $0.queryValue("asset_id") == submission.tokenID.rawValue })
        // Found open: the trades were not needed, and nothing was sent twice.
        #expect(loopback.requests(path: "/data/trades").isEmpty)
        #expect(loopback.requests(path: "/order").count == 1)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func aFilledOrderIsFoundAmongTheTrades() async throws {
        let hash = TradingFixtures.hash(43)
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", { _ in .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(1))])) }),
            ("GET", "/data/trades", { _ in
                .json(TradingFixtures.page([
                    TradingFixtures.trade("t-1", taker: TradingFixtures.hash(2)),
                    TradingFixtures.trade("t-2", taker: TradingFixtures.hash(3), makers: [hash.uppercased().replacingOccurrences(of: "0X", with: "0x")]),
                ]))
            }),
        ])
        let client = try tradingClient(loopback)
        let since = Timestamp(seconds: 1_672_290_000)
        let resolution = try await client.resolveUncertainSubmission(orderHash: hash, tokenID: TradingFixtures.token, since: since)
        guard case .foundFilled(let trades) = resolution else {
            Issue.record("expected a fill, got \(resolution)")
            return
        }
        #expect(trades.map(\.id) == ["t-2"])
        let query = try #require(loopback.requests(path: "/data/trades").first)
        #expect(query.queryValue("after") == "1672290000" && query.queryValue("asset_id") == TradingFixtures.token.rawValue)
        await loopback.stop()
    }

    @Test func notFoundAllowsResending() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", { _ in .json(TradingFixtures.page([])) }),
            ("GET", "/data/trades", { _ in .json(TradingFixtures.page([TradingFixtures.trade("t-1", taker: TradingFixtures.hash(2))])) }),
        ])
        let resolution = try await tradingClient(loopback).resolveUncertainSubmission(orderHash: TradingFixtures.hash(44), tokenID: TradingFixtures.token)
        #expect(resolution == .notFound)
        await loopback.stop()
    }

    @Test func aBatchThatTimesOutNamesEveryOrder() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/orders", { _ in LoopbackResponse(status: 200, body: Data("[]".utf8), delay: .seconds(5)) })
        ])
        let submissions = (1...3).map { TradingFixtures.submission(hash: TradingFixtures.hash($0)) }
        await #expect {
            try await tradingClient(loopback, configuration: Self.shortTimeout).postOrders(submissions)
        } throws: { error in
            guard case .orderMayExist(_, let hashes, _) = error as? PolymarketTradingError else { return false }
            return hashes == submissions.map(\.orderHash)
        }
        #expect(loopback.requests(path: "/orders").count == 1)
        await loopback.stop()
    }

    @Test func aRefusedConnectionIsCertainlyNotPlaced() async throws {
        let port = try await LoopbackServer.closedPort()
        let client = try PolymarketTradingClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, credentials: TradingFixtures.credentials,
            signerAddress: TradingFixtures.address, configuration: Self.shortTimeout, logger: quietLogger, now: TradingFixtures.clock)
        await #expect {
            try await client.postOrder(TradingFixtures.submission())
        } throws: { error in
            guard case .transport(.unreachable) = error as? PolymarketTradingError else { return false }
            return true
        }
    }
}
