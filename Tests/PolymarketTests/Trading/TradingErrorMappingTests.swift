import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket trading error mapping against loopback", .timeLimit(.minutes(1)))
struct TradingErrorMappingTests {
    static func rejection(_ error: any Error) -> (status: Int, reason: PolymarketRejectReason, message: String)? {
        guard case .rejected(_, let status, let reason, let message) = error as? PolymarketTradingError else { return nil }
        return (status, reason, message)
    }

    @Test("venue refusals become typed reasons with a next step", arguments: [
        (400, #"{"error":"not enough balance / allowance"}"#, PolymarketRejectReason.insufficientBalanceOrAllowance),
        (400, #"{"error":"order 0xabc is invalid. Price (0.555) breaks minimum tick size rule: 0.01"}"#, .invalidTickSize),
        (400, #"{"error":"order 0xabc is invalid. Size (1) lower than the minimum: 5"}"#, .belowMinimumSize),
        (400, #"{"error":"Invalid token id"}"#, .unknownMarket),
        (404, #"{"error":"market not found"}"#, .unknownMarket),
        (400, #"{"error":"invalid post-only order: order crosses book"}"#, .postOnlyWouldCross),
        (400, #"{"error":"order 0xabc is invalid. Duplicated."}"#, .duplicateOrder),
        (400, #"{"error":"order couldn't be fully filled. FOK orders are fully filled or killed."}"#, .notFilled),
        (401, #"{"error":"Unauthorized/Invalid api key"}"#, .unauthorized),
        (425, "Too Early", .exchangeRestarting),
        (400, #"{"error":{"code":"SOMETHING_NEW","detail":"a wording nobody has seen"}}"#, .other),
    ] as [(Int, String, PolymarketRejectReason)])
    func refusals(status: Int, body: String, expected: PolymarketRejectReason) async throws {
        let loopback = try await TradingLoopback.start(routes: [("POST", "/order", { _ in .json(body, status: status) })])
        let client = try tradingClient(loopback)
        do {
            _ = try await client.postOrder(TradingFixtures.submission())
            Issue.record("expected a rejection")
        } catch {
            let rejection = try #require(Self.rejection(error), "\(error)")
            #expect(rejection.status == status && rejection.reason == expected)
            #expect(error.description.contains(expected.nextStep))
        }
        // A refusal is final: the order is not sent again.
        #expect(loopback.requests(path: "/order").count == 1)
        await loopback.stop()
    }

    @Test func refusalInsideA200ReplyIsARejection() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in
                .json(#"{"success":false,"errorMsg":"not enough balance / allowance","orderID":"","status":"","takingAmount":"","makingAmount":""}"#)
            })
        ])
        await #expect {
            try await tradingClient(loopback).postOrder(TradingFixtures.submission())
        } throws: { error in Self.rejection(error)?.reason == .insufficientBalanceOrAllowance }
        await loopback.stop()
    }

    @Test func versionMismatchRereadsTheVersionAndNeverResends() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(#"{"error":"order_version_mismatch"}"#, status: 400) }),
            ("GET", "/version", { _ in .json(#"{"version":3}"#) }),
        ])
        let client = try tradingClient(loopback)
        do {
            _ = try await client.postOrder(TradingFixtures.submission())
            Issue.record("expected a version mismatch")
        } catch {
            guard case .orderVersionMismatch(_, let version, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(version == 3 && message.contains("order_version_mismatch"))
            #expect(error.description.contains("re-sign"))
        }
        #expect(loopback.requests(path: "/order").count == 1)
        #expect(loopback.requests(path: "/version").count == 1)
        await loopback.stop()
    }

    @Test func versionDefaultsToTwoWhenAbsent() async throws {
        let loopback = try await TradingLoopback.start(routes: [("GET", "/version", { _ in .json("{}") })])
        #expect(try await tradingClient(loopback).version() == 2)
        await loopback.stop()
        let fixture = try await TradingLoopback.start(routes: [("GET", "/version", { _ in .json(#"{"version":2}"#) })])
        #expect(try await tradingClient(fixture).version() == 2)
        await fixture.stop()
        let missing = try await TradingLoopback.start(routes: [])
        #expect(try await tradingClient(missing).version() == 2)
        await missing.stop()
    }

    @Test func rateLimitWithRetryAfterIsRetriedForAPostBecauseNothingWasProcessed() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", LoopbackResponse.sequence([
                .json(#"{"error":"Too Many Requests"}"#, status: 429, headers: [("Retry-After", "0")]),
                .json(TradingFixtures.placement(TradingFixtures.hash(1))),
            ]))
        ])
        let placement = try await tradingClient(loopback).postOrder(TradingFixtures.submission())
        #expect(placement.status == .live)
        #expect(loopback.requests(path: "/order").count == 2)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func rateLimitBeyondTheCapIsReportedWithTheWait() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(#"{"error":"Too Many Requests"}"#, status: 429, headers: [("Retry-After", "120")]) })
        ])
        await #expect {
            try await tradingClient(loopback).postOrder(TradingFixtures.submission())
        } throws: { error in
            guard case .rateLimited(_, let retryAfter) = error as? PolymarketTradingError else { return false }
            return retryAfter == .seconds(120) && "\(error)".contains("not processed")
        }
        #expect(loopback.requests(path: "/order").count == 1)
        await loopback.stop()
    }

    @Test func serverErrorOnAPostIsUncertainAndNotRetried() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in .json(#"{"error":"could not insert order"}"#, status: 500) })
        ])
        await #expect {
            try await tradingClient(loopback).postOrder(TradingFixtures.submission(hash: TradingFixtures.hash(9)))
        } throws: { error in
            guard case .orderMayExist(_, let hashes, let cause) = error as? PolymarketTradingError else { return false }
            return hashes == [TradingFixtures.hash(9)] && cause.contains("500") && cause.contains("could not insert order")
        }
        #expect(loopback.requests(path: "/order").count == 1)
        await loopback.stop()
    }

    @Test func cancelOnlyModeIsACertainRefusal() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { _ in
                .json(#"{"error":"Trading is currently cancel-only. New orders are not accepted, but cancels are allowed."}"#, status: 503)
            })
        ])
        await #expect {
            try await tradingClient(loopback).postOrder(TradingFixtures.submission())
        } throws: { error in Self.rejection(error)?.reason == .cancelOnly }
        await loopback.stop()
    }

    @Test func serverErrorOnAReadIsRetriedThenReported() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", LoopbackResponse.sequence([
                .status(502, body: "bad gateway"), .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(1))])),
            ])),
            ("GET", "/balance-allowance", { _ in .status(500, body: #"{"error":"internal"}"#) }),
        ])
        let client = try tradingClient(loopback)
        #expect(try await client.openOrders().count == 1)
        #expect(loopback.requests(path: "/data/orders").count == 2)
        await #expect {
            try await client.balanceAllowance(.collateral, signatureType: 0)
        } throws: { error in
            guard case .venueUnavailable(_, 500, let message) = error as? PolymarketTradingError else { return false }
            return message == "internal"
        }
        #expect(loopback.requests(path: "/balance-allowance").count == 3)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func malformedRepliesToAPostMeanTheOrderMayExist() async throws {
        for body in ["{not json", #"{"success":true,"orderID":"0x1","status":"live","makingAmount":"1.2345678"}"#, "[]"] {
            let loopback = try await TradingLoopback.start(routes: [("POST", "/order", { _ in .json(body) })])
            await #expect {
                try await tradingClient(loopback).postOrder(TradingFixtures.submission())
            } throws: { error in
                guard case .orderMayExist(_, let hashes, let cause) = error as? PolymarketTradingError else { return false }
                return hashes == [TradingFixtures.hash(1)] && cause.contains("unreadable")
            }
            #expect(loopback.requests(path: "/order").count == 1)
            await loopback.stop()
        }
    }

    @Test func malformedRepliesToReadsNameTheField() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", { _ in .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(1), price: "0.5x")])) }),
            ("GET", "/data/trades", { _ in .json("{this is not json") }),
            ("GET", "/balance-allowance", { _ in .json(#"{"balance":"12.5","allowances":{}}"#) }),
        ])
        let client = try tradingClient(loopback)
        await #expect {
            try await client.openOrders()
        } throws: { error in
            guard case .transport(.decoding(let endpoint, let field, _)) = error as? PolymarketTradingError else { return false }
            return endpoint == "GET /data/orders" && field == "data[0].price"
        }
        await #expect {
            try await client.trades()
        } throws: { error in
            guard case .transport(.decoding(let endpoint, _, _)) = error as? PolymarketTradingError else { return false }
            return endpoint == "GET /data/trades"
        }
        await #expect {
            try await client.balanceAllowance(.collateral, signatureType: 0)
        } throws: { error in
            guard case .transport(.decoding(_, let field, _)) = error as? PolymarketTradingError else { return false }
            return field == "balance"
        }
        await loopback.stop()
    }

    @Test func errorsNeverCarryTheSecretOrPassphrase() async throws {
        let credentials = TradingFixtures.credentials
        // A hostile or buggy venue that echoes the request headers back.
        let loopback = try await TradingLoopback.start(routes: [
            ("POST", "/order", { request in
                let echoed = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                return .json(#"{"error":"bad request: \#(echoed) secret \#(credentials.secret)"}"#, status: 400)
            }),
            ("DELETE", "/cancel-all", { request in
                .status(500, body: "failed for \(request.headers.map(\.value).joined(separator: ","))")
            }),
        ])
        let client = try tradingClient(loopback)
        for operation in [
            { () async throws -> Void in _ = try await client.postOrder(TradingFixtures.submission()) },
            { () async throws -> Void in _ = try await client.cancelAll() },
        ] {
            do {
                try await operation()
                Issue.record("expected an error")
            } catch {
                let text = "\(error) \(String(reflecting: error))"
                #expect(!text.contains(credentials.secret) && !text.contains(credentials.passphrase))
                // Not even the start of one, as an excerpt cut off mid-secret would show.
                #expect(!text.contains(credentials.passphrase.prefix(8)) && !text.contains(credentials.secret.prefix(8)), "\(text)")
            }
        }
        #expect(!"\(client)".contains(credentials.secret) && !"\(client)".contains(credentials.passphrase))
        await loopback.stop()
    }
}
