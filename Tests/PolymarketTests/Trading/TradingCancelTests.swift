import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket cancels against loopback", .timeLimit(.minutes(1)))
struct TradingCancelTests {
    static let reply = #"{"canceled":["0xaaa"],"not_canceled":{"0xbbb":"order already matched"}}"#

    static func server(_ cancelAllResponse: @escaping LoopbackHTTPHandler = { _ in .json(reply) }) async throws -> TradingLoopback {
        try await TradingLoopback.start(routes: [
            ("DELETE", "/order", { _ in .json(reply) }),
            ("DELETE", "/orders", { _ in .json(reply) }),
            ("DELETE", "/cancel-all", cancelAllResponse),
            ("DELETE", "/cancel-market-orders", { _ in .json(#"{"canceled":[],"notCanceled":{}}"#) }),
        ])
    }

    @Test func everyCancelVariantSendsItsBodyAndIsVerified() async throws {
        let loopback = try await Self.server()
        let client = try tradingClient(loopback)

        let one = try await client.cancelOrder("0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88")
        #expect(one == PolymarketCancelResult(canceled: ["0xaaa"], notCanceled: ["0xbbb": "order already matched"]))
        let single = try #require(loopback.requests(path: "/order").first)
        #expect(single.method == "DELETE")
        #expect(single.bodyText == #"{"orderID":"0x38a73eed1e6d177545e9ab027abddfb7e08dbe975fa777123b1752d203d6ac88"}"#)
        // The generated DELETE /order vector: same body, secret and time → same signature.
        #expect(single.headers.first { $0.name == "POLY_SIGNATURE" }?.value == "wmkb2iqpo7RArmf4OIlHMpMm4aN2sjRzwUAw7R2r9NI=")

        _ = try await client.cancelOrders(["0xaaa", "0xbbb"])
        #expect(try #require(loopback.requests(path: "/orders").first).bodyText == #"["0xaaa","0xbbb"]"#)

        _ = try await client.cancelAll()
        let all = try #require(loopback.requests(path: "/cancel-all").first)
        #expect(all.body.isEmpty)
        #expect(all.headers.first { $0.name == "POLY_SIGNATURE" }?.value == "5_uKsVbtUOspH6No0z9nBhCuSe55qHHmg00xgTuRN38=")

        let market = try await client.cancelMarketOrders(market: TradingFixtures.market)
        #expect(market == PolymarketCancelResult())
        #expect(try #require(loopback.requests(path: "/cancel-market-orders").first).bodyText
            == #"{"market":"\#(TradingFixtures.market.rawValue)","asset_id":""}"#)
        _ = try await client.cancelMarketOrders(market: nil, tokenID: TradingFixtures.token)
        #expect(try #require(loopback.requests(path: "/cancel-market-orders").last).bodyText
            == #"{"market":"","asset_id":"\#(TradingFixtures.token.rawValue)"}"#)

        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func cancelsAreIdempotentSoTheyAreRetried() async throws {
        let loopback = try await Self.server(LoopbackResponse.sequence([.status(503, body: "busy"), .json(Self.reply)]))
        let result = try await tradingClient(loopback).cancelAll()
        #expect(result.canceled == ["0xaaa"])
        #expect(loopback.requests(path: "/cancel-all").count == 2)
        await loopback.stop()
    }

    @Test func emptyCancelsNeedNoRequestAndAMarketCancelNeedsAFilter() async throws {
        let loopback = try await Self.server()
        let client = try tradingClient(loopback)
        #expect(try await client.cancelOrders([]) == PolymarketCancelResult())
        await #expect(throws: PolymarketTradingError.self) { try await client.cancelMarketOrders(market: nil, tokenID: nil) }
        #expect(loopback.server.requests.isEmpty)
        await loopback.stop()
    }
}
