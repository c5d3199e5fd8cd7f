import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

/// The user channel's REST fallback reads the same L2 endpoints as the trading client and decodes
/// them into the channel's own types, so a fill learned either way has one identity.
@Suite("User-channel REST status source", .timeLimit(.minutes(1)))
struct RESTStatusSourceTests {
    @Test func openOrdersTradesAndOneOrderAreReadWithVerifiedL2Headers() async throws {
        let first = TradingFixtures.hash(1)
        let second = TradingFixtures.hash(2)
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", { request in
                request.queryValue("next_cursor") == "MA=="
                    ? .json(TradingFixtures.page([TradingFixtures.openOrder(first)], next: "Mg=="))
                    : .json(TradingFixtures.page([TradingFixtures.openOrder(second, matched: "4")]))
            }),
            ("GET", "/data/trades", { request in
                .json(TradingFixtures.page([TradingFixtures.trade("trade-1", taker: first)]))
            }),
            ("GET", "/data/order/{id}", { request in
                request.path.hasSuffix(first) ? .json(TradingFixtures.openOrder(first, status: "MATCHED", matched: "10"))
                    : .json(#"{"error":"not found"}"#, status: 404)
            }),
        ])
        defer { Task { await loopback.stop() } }
        let source = PolymarketRESTStatusSource(client: try tradingClient(loopback))

        let open = try await source.openOrders()
        #expect(open.map(\.id.rawValue) == [first, second])
        #expect(open[1].sizeMatched == Size(units: 4_000_000))
        let trades = try await source.trades(after: Timestamp(seconds: 1_672_290_000))
        #expect(trades.map(\.id) == ["trade-1"])
        #expect(loopback.requests(path: "/data/trades").first?.queryValue("after") == "1672290000")
        let known = try await source.order(VenueOrderID(first))
        #expect(known?.sizeMatched == Size(units: 10_000_000))
        #expect(try await source.order(VenueOrderID(TradingFixtures.hash(9))) == nil)
        #expect(loopback.authFailures.isEmpty)
    }
}
