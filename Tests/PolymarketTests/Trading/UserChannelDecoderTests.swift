import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket user channel: wire format", .requiresSharedFixtures)
struct UserChannelDecoderTests {
    @Test func subscriptionFrameHasTheDocumentedShapeAndCarriesTheCredentials() throws {
        let text = UserChannelSubscription.message(credentials: UserFixtures.credentials, markets: [UserFixtures.market])
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let documented = try #require(try Fixtures.json("polymarket-ws-market-samples.json")["subscribeUser"] as? [String: Any])
        #expect(Set(sent.keys) == Set(documented.keys))
        let auth = try #require(sent["auth"] as? [String: String])
        #expect(Set(auth.keys) == Set(try #require(documented["auth"] as? [String: String]).keys))
        #expect(auth == ["apiKey": UserFixtures.apiKey, "secret": UserFixtures.secret, "passphrase": UserFixtures.passphrase])
        #expect(sent["markets"] as? [String] == documented["markets"] as? [String])
        #expect(sent["type"] as? String == "user")
    }

    @Test func documentedTradeSampleDecodesExactly() throws {
        let messages = UserChannelDecoder.decode(try Fixtures.wsEvent("user_trade"))
        guard case .trade(let trade) = try #require(messages.first), messages.count == 1 else {
            Issue.record("expected one trade, got \(messages)")
            return
        }
        #expect(trade.id == "28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e")
        #expect(trade.takerOrderID == UserFixtures.takerOrderID)
        #expect(trade.market == UserFixtures.market)
        #expect(trade.token == UserFixtures.token)
        #expect(trade.side == .buy)
        #expect(trade.size == .s("10"))
        #expect(trade.price == .p("0.57"))
        #expect(trade.status == .matched)
        #expect(trade.owner == UserFixtures.apiKey)
        #expect(trade.matchTime == Timestamp(seconds: 1_672_290_701))
        #expect(trade.makerOrders == [
            PolymarketUserTrade.MakerOrder(
                orderID: UserFixtures.makerOrderID, owner: UserFixtures.apiKey, token: UserFixtures.token, matchedAmount: .s("10"),
                price: .p("0.57"), outcome: "YES")
        ])
        #expect(trade.unknownValues.isEmpty)
    }

    @Test func documentedOrderSampleDecodesExactly() throws {
        let messages = UserChannelDecoder.decode(try Fixtures.wsEvent("user_order"))
        guard case .order(let order) = try #require(messages.first), messages.count == 1 else {
            Issue.record("expected one order, got \(messages)")
            return
        }
        #expect(order.id == UserFixtures.makerOrderID)
        #expect(order.kind == .placement)
        #expect(order.status == nil)
        #expect(order.side == .sell)
        #expect(order.price == .p("0.57"))
        #expect(order.originalSize == .s("10"))
        #expect(order.sizeMatched == .zero)
        #expect(order.associateTrades.isEmpty)  // sent as null
        #expect(order.owner == UserFixtures.apiKey)
        #expect(order.time == Timestamp(seconds: 1_672_290_687))
    }

    @Test func restOrderAndTradeObjectsUseTheSameTypes() throws {
        let page = try #require(try Fixtures.json("polymarket-clob-rest-samples.json")["GET /data/orders?market=&asset_id=&id=&next_cursor=MA== (paginated)"] as? [String: Any])
        let orders = try JSONDecoder().decode([PolymarketUserOrder].self, from: try SharedFixtures.jsonData(page["data"] as Any))
        #expect(orders.count == 1)
        #expect(orders[0].status == .live)
        #expect(orders[0].kind == nil)
        #expect(orders[0].time == Timestamp(seconds: 1_672_290_687))  // created_at as a number
        // ISO times and a millisecond epoch, with numbers where strings are usual.
        let rest = #"{"id":"t-1","taker_order_id":"0xt","asset_id":"1","side":"sell","size":25.5,"price":"0.5000","status":"CONFIRMED","match_time":"2024-01-01T00:00:00Z","last_update":"1704067260000","trader_side":"MAKER","maker_orders":[{"order_id":"0xm","asset_id":"1","matched_amount":"25.5","price":".5","side":"BUY","fee_rate_bps":"10"}]}"#
        let trade = try JSONDecoder().decode(PolymarketUserTrade.self, from: Data(rest.utf8))
        #expect(trade.size == .s("25.5"))
        #expect(trade.side == .sell)
        #expect(trade.traderSide == .maker)
        #expect(trade.matchTime == Timestamp(seconds: 1_704_067_200))
        #expect(trade.lastUpdate == Timestamp(seconds: 1_704_067_260))
        #expect(trade.makerOrders.first?.side == .buy)
        #expect(trade.makerOrders.first?.price == .p("0.5"))
    }

    @Test func framesMayBeArraysAndAMalformedElementCostsOnlyItself() throws {
        let good = try Fixtures.wsEvent("user_trade")
        let bad = try UserFixtures.text(try UserFixtures.tradeEvent(price: "0.5x"))
        let messages = UserChannelDecoder.decode("[\(good),\(bad),\(try Fixtures.wsEvent("user_order"))]")
        #expect(messages.count == 3)
        guard case .trade = messages[0], case .malformed(let error) = messages[1], case .order = messages[2] else {
            Issue.record("unexpected \(messages)")
            return
        }
        #expect(error.field == "[1].price")
        #expect(error.detail.contains("0.5x"))
    }

    @Test func unknownEventTypesAndValuesAreExplicit() throws {
        let unknownEvent = UserChannelDecoder.decode(#"{"event_type":"order_scoring","id":"x"}"#)
        #expect(unknownEvent == [.unknown(eventType: "order_scoring")])

        let trade = try UserFixtures.tradeEvent(status: "SETTLING_SOMEHOW")
        guard case .trade(let decoded) = UserChannelDecoder.decode(try UserFixtures.text(trade)).first else {
            Issue.record("trade with an unknown status must still decode")
            return
        }
        #expect(decoded.status == .unrecognized("SETTLING_SOMEHOW"))
        #expect(decoded.unknownValues.map(\.field) == ["status"])

        let order = try UserFixtures.orderEvent(type: "AMENDMENT", extra: ["status": "ORDER_STATUS_CANCELED"])
        guard case .order(let decodedOrder) = UserChannelDecoder.decode(try UserFixtures.text(order)).first else {
            Issue.record("order with an unknown type must still decode")
            return
        }
        #expect(decodedOrder.kind == .unknown("AMENDMENT"))
        #expect(decodedOrder.status == .cancelled)
        #expect(decodedOrder.unknownValues.map(\.value) == ["AMENDMENT"])
    }

    @Test func framesThatAreNotJSONAreMalformedNotFatal() {
        #expect(UserChannelDecoder.decode("PONG") == [.pong])
        guard case .malformed(let error) = UserChannelDecoder.decode("<html>502 Bad Gateway</html>").first else {
            Issue.record("expected malformed")
            return
        }
        #expect(error.description.contains("502 Bad Gateway"))
        guard case .malformed(let missing) = UserChannelDecoder.decode(#"{"event_type":"trade","id":"t"}"#).first else {
            Issue.record("expected malformed")
            return
        }
        #expect(missing.field == "taker_order_id")
    }

    @Test func theUserChannelSitsNextToTheMarketChannel() {
        #expect(PolymarketUserStream.url(for: .production) == PolymarketUserStream.productionURL)
        let local = PolymarketEndpoints(
            gamma: URL(string: "http://127.0.0.1:1")!, clob: URL(string: "http://127.0.0.1:1")!,
            webSocket: URL(string: "ws://127.0.0.1:9/ws/market")!, data: URL(string: "http://127.0.0.1:1")!)
        #expect(PolymarketUserStream.url(for: local).absoluteString == "ws://127.0.0.1:9/ws/user")
    }

    @Test func credentialsNeverPrint() {
        let text = "\(UserFixtures.credentials) \(String(reflecting: UserFixtures.credentials))"
        #expect(!text.contains(UserFixtures.secret))
        #expect(!text.contains(UserFixtures.passphrase))
        #expect(text.contains(UserFixtures.apiKey))
    }
}
