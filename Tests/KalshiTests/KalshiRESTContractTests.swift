import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@testable import EdgewiseKalshi

/// Every section of `kalshi-rest-samples.json` decodes to the values it shows.
@Suite("Kalshi REST contract: the samples decode to domain values", .requiresSharedFixtures)
struct KalshiRESTContractTests {
    func decode<T: Decodable>(_ type: T.Type, _ key: String, listKey: String? = nil) throws -> T {
        do {
            return try KalshiClient.decode(type, from: try KalshiFixtures.rest(key), endpoint: key, listKey: listKey)
        } catch {
            Issue.record("\(key): \(error)")
            throw error
        }
    }

    func expectFixtureMarket(_ market: KalshiMarket) {
        #expect(market.ticker == KalshiFixtures.ticker)
        #expect(market.eventTicker == "KXHIGHNY-26JUN01")
        #expect(market.marketType == "binary")
        #expect(market.yesSubTitle == "80° to 81°")
        #expect(market.title == "Will the high temp in NYC be 80-81° on Jun 1, 2026?")
        #expect(market.status == .active)
        #expect(market.createdTime == Timestamp(seconds: 1_780_149_600))  // 2026-05-30T14:00:00Z
        #expect(market.closeTime == Timestamp(seconds: 1_780_372_740))  // 2026-06-02T03:59:00Z
        #expect(market.settlementTimerSeconds == 3600)
        #expect(market.yesBid == .p("0.31") && market.yesBidSize == .s("250"))
        #expect(market.yesAsk == .p("0.33") && market.yesAskSize == .s("120"))
        #expect(market.noBid == .p("0.67") && market.noAsk == .p("0.69"))
        #expect(market.lastPrice == .p("0.32"))
        #expect(market.previousYesBid == .p("0.28") && market.previousYesAsk == .p("0.30") && market.previousPrice == .p("0.29"))
        #expect(market.volume == .s("15423") && market.volume24h == .s("3201") && market.openInterest == .s("8800"))
        #expect(market.notionalValue == .a("1") && market.liquidity == .zero)
        #expect(market.result == .undetermined && market.settlementValue == nil)
        #expect(market.canCloseEarly == true && market.fractionalTradingEnabled == false)
        #expect(market.rulesPrimary.hasPrefix("If the highest temperature") && market.rulesSecondary.isEmpty)
        #expect(market.strikeType == "between" && market.floorStrike?.text == "80" && market.capStrike?.text == "81")
        #expect(market.priceLevelStructure == .linearCent)
        #expect(market.priceRanges == [KalshiPriceRange(start: .zero, end: .one, step: .p("0.01"))])
    }

    @Test func marketsPage() throws {
        let page = try decode(KalshiListResponse<KalshiMarket>.self, KalshiFixtures.marketsKey, listKey: "markets").page
        #expect(page.items.count == 1)
        #expect(page.cursor == "CgwI6fTh0QYQ...")
        expectFixtureMarket(page.items[0])
    }

    @Test func singleMarket() throws {
        struct Response: Decodable { var market: KalshiMarket }
        expectFixtureMarket(try decode(Response.self, "GET /markets/{ticker}").market)
    }

    @Test func marketStatusEnumIsFullyKnownAndMapped() throws {
        let words = try #require(try KalshiFixtures.restObject("market.status enum") as? [String])
        let mapped = words.map { KalshiMarketStatus(wire: $0) }
        #expect(!mapped.contains { if case .unknown = $0 { true } else { false } })
        #expect(mapped.map(\.marketStatus) == [.upcoming, .paused, .open, .closed, .resolving, .resolving, .resolving, .resolved])
        #expect(KalshiMarketStatus(wire: "frozen") == .unknown("frozen"))
        #expect(KalshiMarketStatus(wire: "frozen").marketStatus == .unknown("frozen"))
    }

    @Test func statusFilterEnumIsFullyKnown() throws {
        let words = try #require(try KalshiFixtures.restObject("status query filter enum") as? [String])
        #expect(words.compactMap(KalshiMarketFilterStatus.init(rawValue:)).map(\.rawValue) == words)
    }

    @Test func eventsPageWithNestedMarkets() throws {
        let page = try decode(KalshiListResponse<KalshiEvent>.self, KalshiFixtures.eventsKey, listKey: "events").page
        // The pagination rule of the samples: an empty cursor means the last page.
        #expect(page.cursor == nil)
        let event = try #require(page.items.first)
        #expect(event.eventTicker == "KXHIGHNY-26JUN01" && event.seriesTicker == "KXHIGHNY")
        #expect(event.title == "Highest temperature in NYC on Jun 1, 2026?" && event.subTitle == "On Jun 1, 2026")
        #expect(event.mutuallyExclusive && event.availableOnBrokers == true && event.collateralReturnType == nil)
        #expect(event.strikeDate == Timestamp(seconds: 1_780_372_740))
        #expect(event.markets.count == 1)
        expectFixtureMarket(event.markets[0])
    }

    @Test func series() throws {
        struct Response: Decodable { var series: KalshiSeries }
        let series = try decode(Response.self, "GET /series/{series_ticker}").series
        #expect(series.ticker == "KXHIGHNY" && series.frequency == "daily" && series.category == "Climate and Weather")
        #expect(series.tags == ["Weather"])
        #expect(series.settlementSources == [.init(name: "National Weather Service", url: "https://www.weather.gov/")])
        #expect(series.feeType == .quadratic && series.feeMultiplier.text == "1")
        #expect(series.additionalProhibitions.isEmpty)
        let schedule = try KalshiFeeSchedule(series: series)
        #expect(schedule.takerRate == KalshiFeeSchedule.generalTakerRate && schedule.makerRate == nil && schedule.multiplier == 1)
    }

    @Test func orderRequestIsWhatTheClientSends() throws {
        let fixture = try KalshiFixtures.rest("POST /portfolio/orders request")
        let intent = KalshiOrderIntent(
            ticker: KalshiFixtures.ticker, side: .yes, action: .buy, count: 10, price: .p("0.31"), timeInForce: .goodTillCanceled,
            postOnly: true, clientOrderID: "6f1c1c2e-2c51-4c3e-9a63-0d2b1c7f4f10")
        let body = try intent.validated(against: KalshiOrderRules(ticker: KalshiFixtures.ticker, grid: .linearCent))
        #expect(try jsonObject(body.encoded()) == (try jsonObject(fixture)))
        // And the sample reads back into the same intent.
        #expect(try JSONDecoder().decode(KalshiOrderIntent.self, from: fixture) == intent)
    }

    @Test func legacyIntegerOrderRequestReadsAsTheSameOrder() throws {
        let legacy = try JSONDecoder().decode(
            KalshiOrderIntent.self, from: try KalshiFixtures.rest("POST /portfolio/orders request (legacy integer form)"))
        #expect(legacy.side == .no && legacy.action == .buy && legacy.count == 10 && legacy.price == .p("0.69"))
        #expect(legacy.clientOrderID == "6f1c1c2e-2c51-4c3e-9a63-0d2b1c7f4f11")
        // Sent by this client it becomes the fixed-point form with the same meaning.
        let body = try legacy.validated(against: KalshiOrderRules(ticker: KalshiFixtures.ticker, grid: .linearCent))
        #expect(body.count_fp == "10.00" && body.no_price_dollars == "0.6900" && body.yes_price_dollars == nil)
        // Both forms in one body must agree.
        let mismatch = #"{"ticker":"T","side":"no","action":"buy","count":10,"count_fp":"11.00","no_price":69}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(KalshiOrderIntent.self, from: Data(mismatch.utf8)) }
    }

    @Test func createOrderEnumsAreFullyKnown() throws {
        let enums = try #require(try KalshiFixtures.restObject("CreateOrderRequest enums") as? [String: [String]])
        #expect(enums["side"]?.compactMap(KalshiSide.init(rawValue:)) == [.yes, .no])
        #expect(enums["action"]?.map(KalshiOrderAction.init(wire:)) == [.buy, .sell])
        #expect(enums["time_in_force"]?.compactMap(KalshiTimeInForce.init(rawValue:)) == [.fillOrKill, .goodTillCanceled, .immediateOrCancel])
        #expect(enums["self_trade_prevention_type"]?.map(KalshiSelfTradePrevention.init(wire:)) == [.takerAtCross, .maker])
    }

    @Test func createdOrder() throws {
        struct Response: Decodable { var order: KalshiOrder }
        let order = try decode(Response.self, "POST /portfolio/orders 201 response").order
        #expect(order.orderID == "ee587a1c-8b87-4dcf-b721-9f6f790619fa" && order.userID == "u-123")
        #expect(order.clientOrderID == "6f1c1c2e-2c51-4c3e-9a63-0d2b1c7f4f10")
        #expect(order.ticker == KalshiFixtures.ticker && order.side == .yes && order.action == .buy && order.type == "limit")
        #expect(order.status == .resting && order.status.mayBeLive)
        #expect(order.yesPrice == .p("0.31") && order.noPrice == .p("0.69") && order.price == .p("0.31"))
        #expect(order.fillCount == .zero && order.remainingCount == 10 && order.initialCount == 10)
        #expect(order.takerFillCost == .zero && order.makerFillCost == .zero && order.takerFees == .zero && order.makerFees == .zero)
        #expect(order.createdTime == Timestamp(seconds: 1_780_315_200))
        #expect(order.expirationTime == nil && order.selfTradePrevention == nil)
    }

    @Test func orderStatusEnum() throws {
        let words = try #require(try KalshiFixtures.restObject("order.status enum") as? [String])
        #expect(words.map(KalshiOrderStatus.init(wire:)) == [.resting, .canceled, .executed])
        #expect(KalshiOrderStatus(wire: "pending") == .pending)
        #expect(KalshiOrderStatus(wire: "paused_by_venue") == .unknown("paused_by_venue"))
        #expect(KalshiOrderStatus(wire: "paused_by_venue").mayBeLive)
    }

    @Test func cancelReply() throws {
        struct Response: Decodable {
            var order: KalshiOrder
            var reduced_by_fp: Size?
        }
        let reply = try decode(Response.self, "DELETE /portfolio/orders/{order_id}")
        #expect(reply.order.status == .canceled && reply.order.remainingCount == .zero && reply.reduced_by_fp == 10)
        #expect(reply.order.side == nil && reply.order.price == nil)
    }

    @Test func balanceInCents() throws {
        let balance = try decode(KalshiBalance.self, "GET /portfolio/balance")
        #expect(balance.balance == .a("1234.56") && balance.portfolioValue == .a("5000") && balance.updated == Timestamp(seconds: 1_780_315_320))
        let both = #"{"balance":123456,"balance_dollars":"1234.5600","portfolio_value":500000}"#
        #expect(try JSONDecoder().decode(KalshiBalance.self, from: Data(both.utf8)).balance == .a("1234.56"))
        let dollarsOnly = #"{"balance_dollars":"12.3400"}"#
        #expect(try JSONDecoder().decode(KalshiBalance.self, from: Data(dollarsOnly.utf8)).balance == .a("12.34"))
    }

    @Test func trades() throws {
        let page = try decode(KalshiListResponse<KalshiTrade>.self, KalshiFixtures.tradesKey, listKey: "trades").page
        #expect(page.cursor == nil)
        let trade = try #require(page.items.first)
        #expect(trade.tradeID == "d91bc706-ee49-470d-82d8-11418bda6fed" && trade.ticker == KalshiFixtures.ticker)
        #expect(trade.count == 136 && trade.yesPrice == .p("0.36") && trade.noPrice == .p("0.64") && trade.takerSide == KalshiSide.no)
        #expect(trade.createdTime == Timestamp(seconds: 1_780_315_260))
    }

    @Test func fill() throws {
        let fill = try decode(KalshiFill.self, "GET /portfolio/fills item")
        #expect(fill.fillID == "f-1" && fill.tradeID == "f-1" && fill.orderID == "ee587a1c-8b87-4dcf-b721-9f6f790619fa")
        #expect(fill.ticker == KalshiFixtures.ticker && fill.side == .yes && fill.action == .buy)
        #expect(fill.count == 10 && fill.yesPrice == .p("0.31") && fill.noPrice == .p("0.69") && fill.price == .p("0.31"))
        #expect(!fill.isTaker && fill.feeCost == .zero && fill.createdTime == Timestamp(seconds: 1_780_315_320))
    }

    @Test func fillWithOutcomeSideAndBookSide() throws {
        let body = #"""
            {"fill_id":"f-2","order_id":"o","market_ticker":"T","outcome_side":"no","book_side":"bid","action":"sell",
             "count_fp":"3.00","yes_price_dollars":"0.4000","no_price_dollars":"0.6000","is_taker":true,"fee_cost":"0.0200"}
            """#
        let fill = try JSONDecoder().decode(KalshiFill.self, from: Data(body.utf8))
        #expect(fill.ticker == "T" && fill.side == KalshiSide.no && fill.bookSide == "bid" && fill.action == .sell)
        #expect(fill.price == .p("0.6") && fill.feeCost == .a("0.02") && fill.isTaker)
    }

    @Test func errorBody() throws {
        let body = try #require(KalshiErrorBody.parse(try KalshiFixtures.rest("error body")))
        #expect(body.code == "missing_parameters" && body.message == "..." && body.details == "")
        #expect(body.service == "exchange")
        let nested = try #require(KalshiErrorBody.parse(Data(#"{"error":{"code":"unauthorized","message":"bad signature"}}"#.utf8)))
        #expect(nested.code == "unauthorized" && nested.summary == "unauthorized: bad signature")
        #expect(KalshiErrorBody.parse(Data("<html>502</html>".utf8)) == nil)
    }

    @Test func legacyIntegerMarketFieldsAreReconciled() throws {
        // The legacy cents twin agrees: accepted.
        let agreeing = try KalshiFixtures.marketJSON(["yes_bid": 31, "volume": 15423])
        let market = try JSONDecoder().decode(KalshiMarket.self, from: agreeing)
        #expect(market.yesBid == .p("0.31") && market.volume == 15423)
        // Only the legacy field: used.
        let legacyOnly = try KalshiFixtures.marketJSON(["yes_ask": 40], removing: ["yes_ask_dollars"])
        #expect(try JSONDecoder().decode(KalshiMarket.self, from: legacyOnly).yesAsk == .p("0.4"))
        // Disagreeing: an error naming the field.
        let disagreeing = try KalshiFixtures.marketJSON(["yes_bid": 30])
        do {
            _ = try KalshiClient.decode(KalshiMarket.self, from: disagreeing, endpoint: "GET /markets/T")
            Issue.record("a disagreeing legacy field was accepted")
        } catch {
            guard case .malformedResponse(_, let field, let detail) = error else { Issue.record("\(error)"); return }
            #expect(field == "yes_bid_dollars")
            #expect(detail.contains("yes_bid") && detail.contains("30"))
        }
    }

    @Test func unknownWordsAndAddedFieldsAreTolerated() throws {
        let data = try KalshiFixtures.marketJSON([
            "status": "suspended_by_regulator", "price_level_structure": "quarter_cent", "result": "partial",
            "brand_new_field": ["nested": true],
        ])
        let market = try JSONDecoder().decode(KalshiMarket.self, from: data)
        #expect(market.status == .unknown("suspended_by_regulator"))
        #expect(market.priceLevelStructure == .unknown("quarter_cent") && market.result == .unknown("partial"))
        // The explicit ranges still define the grid.
        #expect(try KalshiPriceGrid(market: market) == .linearCent)
    }
}
