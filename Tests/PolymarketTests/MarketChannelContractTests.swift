import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Market channel contract", .requiresSharedFixtures)
struct MarketChannelContractTests {
    let instrument = InstrumentID(venue: .polymarket, token: Fixtures.wsToken)

    @Test func book() throws {
        let messages = try MarketChannelDecoder.decode(Fixtures.wsEvent("book"))
        guard case .book(let snapshot) = try #require(messages.first), messages.count == 1 else {
            Issue.record("expected one book, got \(messages)")
            return
        }
        #expect(snapshot.instrument == instrument)
        #expect(snapshot.bids.map(\.price) == [.p("0.48"), .p("0.49"), .p("0.50")])
        #expect(snapshot.bids.map(\.size) == [.s("30"), .s("20"), .s("15")])
        #expect(snapshot.asks.map(\.price) == [.p("0.52"), .p("0.53"), .p("0.54")])
        #expect(snapshot.asks.map(\.size) == [.s("25"), .s("60"), .s("10")])
        #expect(snapshot.venueTimestamp == Timestamp(milliseconds: 123_456_789_000))
        #expect(snapshot.hash == "0x1234567890abcdef")
    }

    @Test func priceChange() throws {
        let messages = try MarketChannelDecoder.decode(Fixtures.wsEvent("price_change"))
        #expect(messages == [.priceChange(BookDelta(
            instrument: instrument, changes: [.set(.bid, .p("0.5"), .s("200"))],
            venueTimestamp: Timestamp(milliseconds: 1_757_908_892_351), hash: "56621a121a47ed9333273e21c83b660cff37ae50",
            reportedBestBid: .some(.p("0.5")), reportedBestAsk: .some(nil)))])
    }

    @Test func batchedPriceChangeSplitsPerAsset() throws {
        let frame = """
            {"event_type":"price_change","market":"0xm","timestamp":"1000","price_changes":[
             {"asset_id":"A","price":"0.40","size":"10","side":"BUY","best_bid":"0.40","best_ask":"0.6"},
             {"asset_id":"B","price":"0.60","size":"0","side":"SELL","best_bid":"0","best_ask":"1"},
             {"asset_id":"A","price":"0.55","size":"3","side":"SELL","best_bid":"0.40","best_ask":"0.55"}]}
            """
        let messages = try MarketChannelDecoder.decode(frame)
        let a = InstrumentID(venue: .polymarket, token: "A")
        let b = InstrumentID(venue: .polymarket, token: "B")
        #expect(messages == [
            .priceChange(BookDelta(
                instrument: a, changes: [.set(.bid, .p("0.4"), .s("10")), .set(.ask, .p("0.55"), .s("3"))],
                venueTimestamp: Timestamp(milliseconds: 1000), reportedBestBid: .some(.p("0.4")), reportedBestAsk: .some(.p("0.55")))),
            .priceChange(BookDelta(
                instrument: b, changes: [.set(.ask, .p("0.6"), .zero)], venueTimestamp: Timestamp(milliseconds: 1000),
                reportedBestBid: .some(nil), reportedBestAsk: .some(nil))),
        ])
    }

    @Test func tickSizeChange() throws {
        #expect(try MarketChannelDecoder.decode(Fixtures.wsEvent("tick_size_change")) == [
            .tickSizeChange(TickSizeChange(
                instrument: instrument, oldTick: .p("0.01"), newTick: .p("0.001"), venueTimestamp: Timestamp(milliseconds: 100_000_000)))
        ])
    }

    @Test func lastTradePrice() throws {
        #expect(try MarketChannelDecoder.decode(Fixtures.wsEvent("last_trade_price")) == [
            .lastTrade(TradeTick(
                instrument: instrument, price: .p("0.456"), size: .s("219.217767"), aggressor: .buy,
                venueTimestamp: Timestamp(milliseconds: 1_750_428_146_322)))
        ])
    }

    @Test func bestBidAskFromDocumentedFields() throws {
        let fields = try Fixtures.documentedFields("best_bid_ask_fields")
        // A field added to the documentation fails here until someone decides what it maps to.
        #expect(fields.names == ["event_type", "market", "asset_id", "best_bid", "best_ask", "spread", "timestamp"])
        #expect(fields.eventType == "best_bid_ask")
        let values: [String: Any] = [
            "market": "0xm", "asset_id": "A", "best_bid": "0.73", "best_ask": "0.77", "spread": "0.04", "timestamp": "1766789469958",
        ]
        let messages = try MarketChannelDecoder.decode(try fields.frame(values))
        guard case .bestBidAsk(let top) = try #require(messages.first), messages.count == 1 else {
            Issue.record("expected one best_bid_ask, got \(messages)")
            return
        }
        #expect(top.instrument == InstrumentID(venue: .polymarket, token: "A"))
        #expect(top.bestBid == .p("0.73"))
        #expect(top.bestAsk == .p("0.77"))
        #expect(top.venueTimestamp == Timestamp(milliseconds: 1_766_789_469_958))
        // `spread` is derived, so the domain keeps it only as ask − bid; the token already names
        // the market, so `market` adds nothing to a top of book.
        let spread = try #require(top.bestAsk.flatMap { ask in top.bestBid.map { Price(units: ask.units - $0.units) } })
        #expect(spread == .p("0.04"))
        // The venue's empty-side sentinels ("0" bid, "1" ask) mean "no price".
        let empty = try MarketChannelDecoder.decode(try fields.frame(values.merging(["best_bid": "0", "best_ask": "1"]) { $1 }))
        #expect(empty == [.bestBidAsk(TopOfBook(
            instrument: InstrumentID(venue: .polymarket, token: "A"), bestBid: nil, bestAsk: nil,
            venueTimestamp: Timestamp(milliseconds: 1_766_789_469_958)))])
    }

    @Test func newMarketFromDocumentedFields() throws {
        let fields = try Fixtures.documentedFields("new_market_fields")
        #expect(fields.eventType == "new_market")
        #expect(fields.names == ["event_type", "id", "question", "market", "slug", "description", "assets_ids", "outcomes", "event_message", "timestamp"])
        #expect(fields.nested["event_message"] == ["id", "ticker", "slug", "title", "description"])
        let frame = try fields.frame([
            "id": "1031769", "question": "Will it snow?", "market": "0xc0", "slug": "will-it-snow", "description": "Resolves Yes if …",
            "assets_ids": ["T1", "T2"], "outcomes": ["Yes", "No"], "timestamp": "1766790415550",
        ])
        #expect(try MarketChannelDecoder.decode(frame) == [
            .marketNotice(MarketNotice(
                kind: .listed, venue: .polymarket, marketID: "0xc0", question: "Will it snow?", slug: "will-it-snow",
                tokens: ["T1", "T2"], outcomes: ["Yes", "No"], venueTimestamp: Timestamp(milliseconds: 1_766_790_415_550)))
        ])
    }

    @Test func marketResolvedFromDocumentedFields() throws {
        let fields = try Fixtures.documentedFields("market_resolved_fields")
        #expect(fields.eventType == "market_resolved")
        #expect(fields.names == [
            "event_type", "id", "question", "market", "slug", "description", "assets_ids", "outcomes", "winning_asset_id",
            "winning_outcome", "event_message", "timestamp",
        ])
        let frame = try fields.frame([
            "id": "1031769", "question": "Will it snow?", "market": "0xc0", "slug": "will-it-snow", "description": "",
            "assets_ids": ["T1", "T2"], "outcomes": ["Yes", "No"], "winning_asset_id": "T2", "winning_outcome": "No",
            "timestamp": "1766790415551",
        ])
        #expect(try MarketChannelDecoder.decode(frame) == [
            .marketNotice(MarketNotice(
                kind: .resolved, venue: .polymarket, marketID: "0xc0", question: "Will it snow?", slug: "will-it-snow",
                tokens: ["T1", "T2"], outcomes: ["Yes", "No"], winningToken: "T2", winningOutcome: "No",
                venueTimestamp: Timestamp(milliseconds: 1_766_790_415_551)))
        ])
    }

    @Test func newMarketAndResolution() throws {
        let listed = #"{"event_type":"new_market","id":"1031769","question":"Q?","market":"0xc","slug":"q","description":"d","assets_ids":["T1","T2"],"outcomes":["Yes","No"],"event_message":{"id":"1","ticker":"t","slug":"s","title":"T","description":""},"timestamp":"1766790415550"}"#
        #expect(try MarketChannelDecoder.decode(listed) == [
            .marketNotice(MarketNotice(
                kind: .listed, venue: .polymarket, marketID: "0xc", question: "Q?", slug: "q", tokens: ["T1", "T2"],
                outcomes: ["Yes", "No"], venueTimestamp: Timestamp(milliseconds: 1_766_790_415_550)))
        ])
        let resolved = #"[{"event_type":"market_resolved","id":"1","question":"Q?","market":"0xc","slug":"q","assets_ids":["T1","T2"],"outcomes":["Yes","No"],"winning_asset_id":"T1","winning_outcome":"Yes","timestamp":"5"}]"#
        #expect(try MarketChannelDecoder.decode(resolved) == [
            .marketNotice(MarketNotice(
                kind: .resolved, venue: .polymarket, marketID: "0xc", question: "Q?", slug: "q", tokens: ["T1", "T2"],
                outcomes: ["Yes", "No"], winningToken: "T1", winningOutcome: "Yes", venueTimestamp: Timestamp(milliseconds: 5)))
        ])
    }

    @Test func arrayFramesPongUnknownAndMalformed() throws {
        let frame = "[" + (try Fixtures.wsEvent("book")) + "," + (try Fixtures.wsEvent("last_trade_price")) + "]"
        #expect(try MarketChannelDecoder.decode(frame).count == 2)
        #expect(try MarketChannelDecoder.decode("PONG") == [.pong])
        #expect(try MarketChannelDecoder.decode(#"{"event_type":"mystery","asset_id":"A"}"#) == [.unknown(eventType: "mystery")])
        #expect(throws: MarketChannelDecodingError.self) { try MarketChannelDecoder.decode("{not json") }
        do {
            _ = try MarketChannelDecoder.decode(#"{"event_type":"book","asset_id":"A","bids":[{"price":"abc","size":"1"}],"asks":[]}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "bids[0].price")
        }
    }

    @Test func subscriptionMessagesMatchDocumentation() throws {
        let samples = try Fixtures.json("polymarket-ws-market-samples.json")
        func object(_ text: String) throws -> NSDictionary {
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSDictionary
        }
        #expect(try object(MarketChannelSubscription.initial([Fixtures.wsToken])) == samples["subscribeMarketWithCustomFeatures"] as! NSDictionary)
        // The plain documented subscription is ours minus the custom-feature switch: every key of
        // the sample is sent with the same value, and nothing else is added.
        let plain = samples["subscribeMarket"] as! NSDictionary
        let ours = try object(MarketChannelSubscription.initial([Fixtures.wsToken]))
        for case let key as String in plain.allKeys {
            #expect(ours[key] as? NSObject == plain[key] as? NSObject, "\(key)")
        }
        #expect(Set(ours.allKeys as! [String]).subtracting(plain.allKeys as! [String]) == ["custom_feature_enabled"])
        #expect(try object(MarketChannelSubscription.initial([Fixtures.wsToken], customFeatures: false)).count == 4)
        #expect(try object(MarketChannelSubscription.subscribe([Fixtures.wsToken])) == samples["dynamicSubscribe"] as! NSDictionary)
        #expect(try object(MarketChannelSubscription.unsubscribe([Fixtures.wsToken])) == samples["dynamicUnsubscribe"] as! NSDictionary)
    }
}
