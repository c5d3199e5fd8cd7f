import EdgewiseCore
import EdgewiseKalshi
import EdgewiseTestSupport
import Foundation
import Testing

/// Every example of `kalshi-ws-samples.json` (the venue's AsyncAPI examples): commands re-encode
/// to the same JSON, replies and data messages decode to the documented values.
@Suite("Kalshi WebSocket wire contract (kalshi-ws-samples.json)", .requiresSharedFixtures)
struct KalshiStreamContractTests {
    let examples: [String: [Any]]

    init() throws {
        let json = try SharedFixtures.venueJSON("kalshi-ws-samples.json")
        examples = try #require(json["examples"] as? [String: [Any]])
    }

    static let commandGroups = [
        "subscribeCommand", "unsubscribeCommand", "listSubscriptionsCommand", "updateSubscriptionCommand",
        "updateSubscriptionDeleteCommand",
    ]
    static let messageGroups = [
        "subscribedResponse", "unsubscribedResponse", "okResponse", "listSubscriptionsResponse", "errorResponse",
        "orderbookSnapshot", "orderbookDelta", "ticker", "trade", "fill", "marketLifecycleV2", "eventLifecycle",
        "marketPosition", "orderGroupUpdates",
    ]

    func data(_ value: Any) throws -> Data { try SharedFixtures.jsonData(value) }

    func messages(_ group: String) throws -> [KalshiStreamMessage] {
        let list = try #require(examples[group], "fixture group \(group)")
        return try list.map { try JSONDecoder().decode(KalshiStreamMessage.self, from: try data($0)) }
    }

    func payload(_ group: String) throws -> (sid: Int?, seq: UInt64?, KalshiStreamPayload) {
        let decoded = try messages(group)
        try #require(decoded.count == 1)
        guard case .data(let sid, let seq, let payload) = decoded[0] else {
            Issue.record("\(group) did not decode as data: \(decoded[0])")
            throw KalshiStreamWaitTimeout(description: "not data")
        }
        return (sid, seq, payload)
    }

    static func p(_ text: String) -> Price { Price(text)! }
    static func s(_ text: String) -> Size { Size(text)! }

    @Test("every example group in the fixture is covered by this suite")
    func everyGroupIsCovered() {
        #expect(Set(examples.keys) == Set(Self.commandGroups + Self.messageGroups))
    }

    @Test("every command example decodes and re-encodes to equal JSON")
    func commandsRoundTrip() throws {
        var count = 0
        for group in Self.commandGroups {
            for example in try #require(examples[group]) {
                let command = try JSONDecoder().decode(KalshiStreamCommand.self, from: try data(example))
                let reencoded = try JSONSerialization.jsonObject(with: Data(command.json().utf8))
                #expect((reencoded as? NSDictionary)?.isEqual(to: example as? [String: Any] ?? [:]) == true, "\(group): \(command.json())")
                count += 1
            }
        }
        #expect(count == 11)
    }

    @Test("commands built in code encode exactly like the documented examples")
    func builtCommandsMatch() throws {
        func json(_ group: String, _ index: Int = 0) throws -> NSDictionary {
            try #require(examples[group]?[index] as? [String: Any]) as NSDictionary
        }
        func encoded(_ command: KalshiStreamCommand) throws -> NSDictionary {
            try #require(try JSONSerialization.jsonObject(with: Data(command.json().utf8)) as? NSDictionary)
        }
        #expect(try encoded(.init(id: 1, .subscribe(channels: [.orderbookDelta], markets: .ticker("CPI-22DEC-TN0.1")))) == json("subscribeCommand", 0))
        #expect(try encoded(.init(id: 2, .subscribe(channels: [.orderbookDelta, .ticker], markets: .tickers(["FED-23DEC-T3.00", "CORIVER-2024-T1030"])))) == json("subscribeCommand", 1))
        #expect(try encoded(.init(id: 3, .subscribe(channels: [.fill], markets: .unscoped))) == json("subscribeCommand", 2))
        #expect(try encoded(.init(id: 7, .subscribe(channels: [.ticker], markets: .tickers(["FED-23DEC-T3.00"]), sendInitialSnapshot: true))) == json("subscribeCommand", 6))
        #expect(try encoded(.init(id: 124, .unsubscribe(sids: [1, 2]))) == json("unsubscribeCommand"))
        #expect(try encoded(.init(id: 3, .listSubscriptions)) == json("listSubscriptionsCommand"))
        #expect(try encoded(.init(id: 124, .updateSubscription(sids: [456], marketTickers: ["NEW-MARKET-1", "NEW-MARKET-2"], action: .addMarkets))) == json("updateSubscriptionCommand"))
        #expect(try encoded(.init(id: 125, .updateSubscription(sids: [456], marketTickers: ["MARKET-TO-REMOVE-1", "MARKET-TO-REMOVE-2"], action: .deleteMarkets))) == json("updateSubscriptionDeleteCommand"))
        // The subscribe with four channels keeps its channel order and the one-ticker form.
        let four = try JSONDecoder().decode(KalshiStreamCommand.self, from: try data(try #require(examples["subscribeCommand"]?[3])))
        #expect(four.body == .subscribe(channels: [.orderbookDelta, .ticker, .trade, .marketLifecycleV2], markets: .ticker("TSLA-23DEC-T200")))
    }

    @Test("replies: subscribed, unsubscribed, ok, list")
    func replies() throws {
        #expect(try messages("subscribedResponse") == [.subscribed(id: 1, KalshiSubscriptionInfo(channel: .orderbookDelta, sid: 1))])
        #expect(try messages("unsubscribedResponse") == [.unsubscribed(id: nil, sid: 2)])
        #expect(try messages("okResponse") == [.ok(KalshiOKReply(id: 123, sid: 456, seq: 222, marketTickers: ["MARKET-1", "MARKET-2", "MARKET-3"]))])
        #expect(try messages("listSubscriptionsResponse") == [.ok(KalshiOKReply(id: 3, subscriptions: [
            .init(channel: .orderbookDelta, sid: 1), .init(channel: .ticker, sid: 2), .init(channel: .fill, sid: 3),
        ]))])
    }

    @Test("error replies keep the code (named where documented), the message and the market")
    func errorReplies() throws {
        let errors = try messages("errorResponse").compactMap { message -> KalshiStreamErrorReply? in
            if case .error(let reply) = message { return reply }
            return nil
        }
        #expect(errors.map(\.id) == [123, 124, 125, 126, 127])
        #expect(errors.map(\.code) == [.alreadySubscribed, .unknownChannelName, .paramsRequired, .authenticationRequired, .marketNotFound])
        #expect(errors.map(\.message) == ["Already subscribed", "Unknown channel name", "Params required", "Authentication required", "Market not found"])
        #expect(errors[4].marketTicker == "INVALID-MARKET")
        #expect(errors[3].description.contains("EDGEWISE_KALSHI_KEY_ID"))
        #expect(errors[1].code.name == "unknown channel name")
        let unknown = try JSONDecoder().decode(KalshiStreamMessage.self, from: Data(#"{"id":9,"type":"error","msg":{"code":42,"msg":"New"}}"#.utf8))
        #expect(unknown == .error(KalshiStreamErrorReply(id: 9, code: KalshiStreamErrorCode(rawValue: 42), message: "New")))
        #expect(KalshiStreamErrorCode(rawValue: 42).description == "42 (unknown code)")
    }

    @Test("orderbook snapshot: all three level generations agree; the book's derived prices")
    func orderbookSnapshot() throws {
        let (sid, seq, payload) = try payload("orderbookSnapshot")
        #expect(sid == 2)
        #expect(seq == 2)
        guard case .orderbookSnapshot(let snapshot) = payload else { Issue.record("\(payload)"); return }
        #expect(snapshot.marketTicker == "FED-23DEC-T3.00")
        #expect(snapshot.yes == [.init(price: Self.p("0.08"), size: Self.s("300")), .init(price: Self.p("0.22"), size: Self.s("333"))])
        #expect(snapshot.no == [.init(price: Self.p("0.54"), size: Self.s("20")), .init(price: Self.p("0.56"), size: Self.s("146"))])
        let book = snapshot.book(sequence: seq)
        #expect(book.sequence == 2)
        #expect(book.bestBid(.yes)?.price == Self.p("0.22"))
        #expect(book.bestAsk(.yes) == .init(price: Self.p("0.44"), size: Self.s("146")))
        #expect(book.bestBid(.no)?.price == Self.p("0.56"))
        #expect(book.bestAsk(.no)?.price == Self.p("0.78"))
    }

    @Test("orderbook delta: signed count, price reconciled with legacy cents")
    func orderbookDelta() throws {
        let (sid, seq, payload) = try payload("orderbookDelta")
        #expect(sid == 2)
        #expect(seq == 3)
        #expect(payload == .orderbookDelta(.init(marketTicker: "FED-23DEC-T3.00", side: .yes, price: Self.p("0.96"), delta: -54_000_000)))
    }

    @Test("ticker, trade, fill")
    func marketAndAccountMessages() throws {
        let (tickerSID, _, ticker) = try payload("ticker")
        #expect(tickerSID == 11)
        #expect(ticker == .ticker(.init(
            marketTicker: "FED-23DEC-T3.00", lastPrice: Self.p("0.48"), yesBid: Self.p("0.345"), noBid: Self.p("0.655"),
            volume: Self.s("33896"), openInterest: Self.s("20422"), dollarVolume: Amount("16948")!,
            dollarOpenInterest: Amount("10211")!, venueTimestamp: Timestamp(seconds: 1_669_149_841))))
        if case .ticker(let message) = ticker {
            #expect(message.topOfBook(.yes).bestAsk == Self.p("0.345"))
            #expect(message.topOfBook(.no).bestAsk == Self.p("0.655"))
        }

        let (_, _, trade) = try payload("trade")
        #expect(trade == .trade(.init(
            marketTicker: "HIGHNY-22DEC23-B53.5", yesPrice: Self.p("0.36"), noPrice: Self.p("0.64"), count: Self.s("136"),
            takerSide: .no, venueTimestamp: Timestamp(seconds: 1_669_149_841))))
        if case .trade(let message) = trade {
            #expect(message.tradeTick.aggressor == .sell)
            #expect(message.tradeTick.instrument == Kalshi.instrument(ticker: "HIGHNY-22DEC23-B53.5", side: .yes))
        }

        let (_, _, fill) = try payload("fill")
        #expect(fill == .fill(.init(
            tradeID: "d91bc706-ee49-470d-82d8-11418bda6fed", orderID: "ee587a1c-8b87-4dcf-b721-9f6f790619fa",
            marketTicker: "HIGHNY-22DEC23-B53.5", isTaker: true, side: .yes, action: .buy, yesPrice: Self.p("0.75"),
            count: Self.s("278"), postPosition: KalshiNetPosition(units: 500_000_000), venueTimestamp: Timestamp(seconds: 1_671_899_397))))
    }

    @Test("lifecycle, event lifecycle, market position, order group")
    func noticesAndPositions() throws {
        let (_, _, lifecycle) = try payload("marketLifecycleV2")
        #expect(lifecycle == .marketLifecycle(.init(
            marketTicker: "INXD-23SEP14-B4487", eventType: "created", openTime: Timestamp(seconds: 1_694_635_200),
            closeTime: Timestamp(seconds: 1_694_721_600), title: "S&P 500 closes up by 0.02% or more",
            name: "S&P 500 daily return on Sep 14", yesSubTitle: "S&P 500 closes up 0.02%+", noSubTitle: "S&P 500 closes up <0.02%")))

        let (_, _, event) = try payload("eventLifecycle")
        #expect(event == .eventLifecycle(.init(
            eventTicker: "INXD-23SEP14", seriesTicker: "INXD", title: "INX title", subTitle: "INX subtitle",
            collateralReturnType: "DIRECNET", strikeDate: Timestamp(seconds: 1_694_721_600))))

        let (_, _, position) = try payload("marketPosition")
        // Money on this channel is in centi-cents: 500000 → $50.
        #expect(position == .marketPosition(.init(
            marketTicker: "FED-23DEC-T3.00", userID: "user123", position: KalshiNetPosition(units: 100_000_000),
            positionCost: Amount("50")!, realizedPnL: Amount("10")!, feesPaid: Amount("1")!, volume: Self.s("15"))))

        let (_, seq, group) = try payload("orderGroupUpdates")
        #expect(seq == 7)
        #expect(group == .orderGroupUpdate(.init(orderGroupID: "og_123", eventType: "limit_updated", contractsLimit: Self.s("150"))))
    }

    @Test("a fixed-point field that disagrees with its legacy twin fails, naming the field")
    func legacyMismatch() throws {
        let cases: [(String, String)] = [
            (#"{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"T","price":96,"price_dollars":"0.950","delta_fp":"-54.00","side":"yes"}}"#, "price_dollars"),
            (#"{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"T","price_dollars":"0.960","delta":-53,"delta_fp":"-54.00","side":"yes"}}"#, "delta_fp"),
            (#"{"type":"trade","sid":1,"msg":{"market_ticker":"T","yes_price_dollars":"0.36","count":5,"count_fp":"6.00","taker_side":"no","ts":1}}"#, "count_fp"),
            (#"{"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"T","yes":[[8,300]],"yes_dollars_fp":[["0.0800","301.00"]]}}"#, "yes_dollars_fp"),
        ]
        for (frame, field) in cases {
            do {
                _ = try KalshiStreamDecoder.decode(frame)
                Issue.record("expected a mismatch for \(field)")
            } catch {
                #expect(error.description.contains(field), "\(error)")
                #expect(error.sid != nil)
                #expect(error.marketTicker == "T")
            }
        }
    }

    @Test("a negative post-position is a NO position; user orders decode leniently")
    func accountEdgeCases() throws {
        let fill = #"{"type":"fill","sid":13,"msg":{"trade_id":"t","order_id":"o","client_order_id":"c-1","market_ticker":"M","is_taker":false,"side":"no","action":"sell","yes_price_dollars":"0.7500","count_fp":"2.00","post_position_fp":"-12.00","ts":1671899397}}"#
        guard case .data(_, _, .fill(let decoded)) = try KalshiStreamDecoder.decode(fill) else { Issue.record("not a fill"); return }
        #expect(decoded.postPosition?.side == KalshiSide.no)
        #expect(decoded.postPosition?.size == Self.s("12"))
        #expect(decoded.price == Self.p("0.25"))
        #expect(decoded.clientOrderID == "c-1")

        let order = #"{"type":"user_order","sid":20,"msg":{"order_id":"o-1","client_order_id":"mine","ticker":"M","status":"resting","side":"yes","yes_price_dollars":"0.4200","fill_count_fp":"1.00","remaining_count_fp":"4.00","initial_count_fp":"5.00","some_new_field":{"x":1}}}"#
        guard case .data(_, _, .userOrder(let user)) = try KalshiStreamDecoder.decode(order) else { Issue.record("not a user order"); return }
        #expect(user == KalshiUserOrderMessage(
            orderID: "o-1", clientOrderID: "mine", marketTicker: "M", status: "resting", side: .yes, yesPrice: Self.p("0.42"),
            initialCount: Self.s("5"), fillCount: Self.s("1"), remainingCount: Self.s("4")))
        #expect(user.orderStatus == .partiallyFilled)
        let sparse = try KalshiStreamDecoder.decode(#"{"type":"user_orders","msg":{"order_id":"o-2","side":"maybe"}}"#)
        #expect(sparse == .data(sid: nil, seq: nil, .userOrder(KalshiUserOrderMessage(orderID: "o-2"))))
    }

    @Test("an unknown message type is reported as unknown, with its sid and seq")
    func unknownType() throws {
        #expect(try KalshiStreamDecoder.decode(#"{"type":"multivariate_lookup","sid":4,"seq":9,"msg":{"x":1}}"#) == .unknown(type: "multivariate_lookup", sid: 4, seq: 9))
        #expect(throws: KalshiStreamDecodingError.self) { try KalshiStreamDecoder.decode("{oops") }
    }
}
