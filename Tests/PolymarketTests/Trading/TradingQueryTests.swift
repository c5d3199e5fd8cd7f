import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Polymarket account queries against loopback", .timeLimit(.minutes(1)))
struct TradingQueryTests {
    @Test func openOrdersArePagedAndFilteredAndSignedWithoutTheQuery() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/orders", { request in
                switch request.queryValue("next_cursor") {
                case "MA==": .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(1))], next: "MTAw"))
                case "MTAw": .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(2), price: "0.001")], next: "MjAw"))
                default: .json(TradingFixtures.page([TradingFixtures.openOrder(TradingFixtures.hash(3), status: "live")]))
                }
            })
        ])
        let client = try tradingClient(loopback)
        let filter = PolymarketOrderFilter(orderID: "0xabc", market: TradingFixtures.market, tokenID: TradingFixtures.token)
        let orders = try await client.openOrders(filter)
        #expect(orders.map(\.id) == [TradingFixtures.hash(1), TradingFixtures.hash(2), TradingFixtures.hash(3)])
        let first = orders[0]
        #expect(first.price == Price.p("0.57") && first.originalSize == Size.s("10") && first.sizeMatched == .zero)
        #expect(first.side == .buy && first.status == .live && first.orderType == .gtc && first.expiration == nil)
        #expect(first.createdAt == Timestamp(seconds: 1_672_290_687) && first.tokenID == TradingFixtures.token)
        #expect(orders[1].price == Price.p("0.001"))
        let requests = loopback.requests(path: "/data/orders")
        #expect(requests.map { $0.queryValue("next_cursor") } == ["MA==", "MTAw", "MjAw"])
        #expect(requests.allSatisfy {
            $0.queryValue("id") == "0xabc" && $0.queryValue("market") == TradingFixtures.market.rawValue
                && $0.queryValue("asset_id") == TradingFixtures.token.rawValue
        })
        #expect(loopback.authFailures.isEmpty)

        let page = try await client.openOrdersPage(cursor: "MTAw")
        #expect(page.items.count == 1 && page.nextCursor == "MjAw" && !page.isLast)
        await loopback.stop()
    }

    @Test(.requiresSharedFixtures) func theRecordedOpenOrderPageDecodes() async throws {
        let sample = try Fixtures.restSample("GET /data/orders?market=&asset_id=&id=&next_cursor=MA== (paginated)")
        let loopback = try await TradingLoopback.start(routes: [("GET", "/data/orders", { _ in .json(sample) })])
        let orders = try await tradingClient(loopback).openOrders()
        #expect(orders.count == 1)
        #expect(orders.first?.price == Price.p("0.57") && orders.first?.originalSize == Size.s("10"))
        #expect(orders.first?.tokenID == Fixtures.noToken && orders.first?.market == Fixtures.conditionID)
        await loopback.stop()
    }

    @Test func aCursorThatRepeatsIsAnErrorNotALoop() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/trades", { _ in .json(TradingFixtures.page([], next: "MTAw")) })
        ])
        await #expect {
            try await tradingClient(loopback).trades()
        } throws: { error in
            guard case .transport(.decoding(_, "next_cursor", _)) = error as? PolymarketTradingError else { return false }
            return true
        }
        #expect(loopback.requests(path: "/data/trades").count == 2)
        await loopback.stop()
    }

    @Test func tradesArePagedAndDecodedExactly() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/trades", { request in
                request.queryValue("next_cursor") == "MA=="
                    ? .json(TradingFixtures.page(
                        [TradingFixtures.trade("t-1", taker: TradingFixtures.hash(1), makers: [TradingFixtures.hash(2)], size: "12.345678", price: "0.123456")],
                        next: "MQ=="))
                    : .json(TradingFixtures.page([TradingFixtures.trade("t-2", taker: TradingFixtures.hash(3))]))
            })
        ])
        let client = try tradingClient(loopback)
        let filter = PolymarketTradeFilter(
            makerAddress: TradingFixtures.address, tokenID: TradingFixtures.token, before: Timestamp(seconds: 1_700_000_000),
            after: Timestamp(milliseconds: 1_600_000_000_999))
        let trades = try await client.trades(filter)
        #expect(trades.map(\.id) == ["t-1", "t-2"])
        let trade = trades[0]
        #expect(trade.size == Size.s("12.345678") && trade.price == Price.p("0.123456"))
        #expect(trade.status == .matched && trade.liquidity == .taker && trade.feeRateBps == 0 && trade.bucketIndex == 0)
        #expect(trade.matchTime == Timestamp(seconds: 1_672_290_701))
        #expect(trade.makerOrders.first?.matchedSize == Size.s("12.345678") && trade.makerOrders.first?.side == .sell)
        #expect(trade.involves(orderID: TradingFixtures.hash(2)) && !trade.involves(orderID: TradingFixtures.hash(3)))
        let request = try #require(loopback.requests(path: "/data/trades").first)
        #expect(request.queryValue("before") == "1700000000" && request.queryValue("after") == "1600000000")
        #expect(request.queryValue("maker_address") == TradingFixtures.address)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func orderByIDAndUnknownOrder() async throws {
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/data/order/{id}", { request in
                request.path.hasSuffix(TradingFixtures.hash(1))
                    ? .json(TradingFixtures.openOrder(TradingFixtures.hash(1), status: "MATCHED", matched: "10"))
                    : .json(#"{"error":"order not found"}"#, status: 404)
            })
        ])
        let client = try tradingClient(loopback)
        let order = try #require(try await client.order(TradingFixtures.hash(1)))
        #expect(order.status == .matched && order.remainingSize == .zero)
        #expect(try await client.order(TradingFixtures.hash(2)) == nil)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func balanceAllowanceAndRefresh() async throws {
        let unlimited = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        let loopback = try await TradingLoopback.start(routes: [
            ("GET", "/balance-allowance", { request in
                request.queryValue("asset_type") == "COLLATERAL"
                    ? .json(#"{"balance":"27353000","allowances":{"0xE111180000d2663C0091e4f400237545B87B996B":"\#(unlimited)","0xe2222d279d744050d28e00520010520000310F59":"5000000"}}"#)
                    : .json(#"{"balance":"1500000","allowances":{}}"#)
            }),
            ("GET", "/balance-allowance/update", { _ in .json("") }),
        ])
        let client = try tradingClient(loopback)
        let collateral = try await client.balanceAllowance(.collateral, signatureType: 2)
        #expect(collateral.balance == Amount(units: 27_353_000))
        #expect(collateral.balance.description == "27.353")
        #expect(collateral.allowances["0xE111180000d2663C0091e4f400237545B87B996B"] == .effectivelyUnlimited(raw: unlimited))
        #expect(collateral.allowances["0xe2222d279d744050d28e00520010520000310F59"] == .limited(Amount(units: 5_000_000)))
        let shares = try await client.balanceAllowance(.conditional(TradingFixtures.token), signatureType: 2)
        #expect(shares.shares == Size.s("1.5"))
        try await client.refreshBalanceAllowance(.conditional(TradingFixtures.token), signatureType: 1)

        let requests = loopback.requests(path: "/balance-allowance")
        #expect(requests[0].queryValue("asset_type") == "COLLATERAL" && requests[0].queryValue("token_id") == nil)
        #expect(requests[0].queryValue("signature_type") == "2")
        #expect(requests[1].queryValue("asset_type") == "CONDITIONAL" && requests[1].queryValue("token_id") == TradingFixtures.token.rawValue)
        let refresh = try #require(loopback.requests(path: "/balance-allowance/update").first)
        #expect(refresh.queryValue("signature_type") == "1" && refresh.queryValue("token_id") == TradingFixtures.token.rawValue)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func serverTime() async throws {
        let loopback = try await TradingLoopback.start(routes: [("GET", "/time", { _ in .json("1780449126") })])
        #expect(try await tradingClient(loopback).serverTime() == Timestamp(seconds: 1_780_449_126))
        await loopback.stop()
    }

    @Test func signedTradesRequestMatchesTheVectorDespiteItsQuery() async throws {
        // The generated GET /data/trades vector signs the bare path; the client sends a query too.
        let loopback = try await TradingLoopback.start(routes: [("GET", "/data/trades", { _ in .json(TradingFixtures.page([])) })])
        _ = try await tradingClient(loopback).tradesPage(PolymarketTradeFilter(tokenID: TradingFixtures.token))
        let request = try #require(loopback.requests(path: "/data/trades").first)
        #expect(!request.query.isEmpty)
        #expect(request.headers.first { $0.name == "POLY_SIGNATURE" }?.value == "XqVtP3PMls2DSS8zNbVygAuy-00dTwS0TW8VYg8m7jg=")
        await loopback.stop()
    }
}
