import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi market data against a loopback venue", .requiresSharedFixtures, .timeLimit(.minutes(1)))
struct KalshiClientMarketDataTests {
    /// A markets listing of three pages, keyed by the cursor the client sends.
    func pagedMarkets(_ cursors: [String?: (ticker: String, next: String)]) throws -> LoopbackHTTPHandler {
        let template = try #require((try KalshiFixtures.restObject("GET /markets/{ticker}") as? [String: Any])?["market"] as? [String: Any])
        var pages: [String: Data] = [:]
        for (cursor, page) in cursors {
            var market = template
            market["ticker"] = page.ticker
            pages[cursor ?? ""] = try SharedFixtures.jsonData(["markets": [market], "cursor": page.next])
        }
        let frozen = pages
        return { request in
            guard let body = frozen[request.queryValue("cursor") ?? ""] else { return .status(400, body: "unknown cursor") }
            return .json(body)
        }
    }

    @Test func cursorPagingSendsTheFiltersOnEveryPage() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets", handler: try pagedMarkets([nil: ("A", "c2"), "c2": ("B", "c3"), "c3": ("C", "")]))
        ])
        let client = try kalshiClient(server, signed: false)
        let query = KalshiMarketsQuery(
            eventTicker: "EV", seriesTicker: "SER", status: .open, tickers: ["A", "B"], minCloseTime: Timestamp(seconds: 100),
            maxCloseTime: Timestamp(seconds: 200), mveFilter: .exclude, limit: 1000)
        let all = try await client.allMarkets(query)
        #expect(all.items.map(\.ticker) == ["A", "B", "C"] && all.isComplete && all.pages == 3)
        let requests = server.requests(path: "/trade-api/v2/markets")
        #expect(requests.map { $0.queryValue("cursor") } == [nil, "c2", "c3"])
        for request in requests {
            #expect(request.queryValue("event_ticker") == "EV" && request.queryValue("series_ticker") == "SER")
            #expect(request.queryValue("status") == "open" && request.queryValue("tickers") == "A,B")
            #expect(request.queryValue("min_close_ts") == "100" && request.queryValue("max_close_ts") == "200")
            #expect(request.queryValue("mve_filter") == "exclude" && request.queryValue("limit") == "1000")
            // No credentials: market data goes out unsigned.
            #expect(!request.headers.contains { $0.name.lowercased().hasPrefix("kalshi-") })
        }

        let capped = try await client.allMarkets(query, maxPages: 2)
        #expect(capped.items.map(\.ticker) == ["A", "B"] && capped.remainingCursor == "c3" && !capped.isComplete)
        await server.stop()
    }

    @Test func aRepeatedCursorStopsThePaging() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets", handler: try pagedMarkets([nil: ("A", "loop"), "loop": ("B", "loop")]))
        ])
        await #expect(throws: KalshiError.self) { _ = try await kalshiClient(server, signed: false).allMarkets() }
        do {
            _ = try await kalshiClient(server, signed: false).allMarkets()
        } catch let error as KalshiError {
            guard case .pagingLoop(_, let cursor) = error else { Issue.record("\(error)"); return }
            #expect(cursor == "loop")
        }
        await server.stop()
    }

    @Test func anOversizedPageIsRefusedBeforeSending() async throws {
        let server = try await LoopbackServer.start()
        let client = try kalshiClient(server, signed: false)
        await #expect(throws: KalshiError.self) { _ = try await client.markets(KalshiMarketsQuery(limit: 1001)) }
        await #expect(throws: KalshiError.self) { _ = try await client.events(KalshiEventsQuery(limit: 201)) }
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    @Test func orderBookDerivesTheYesAskFromTheNoBid() async throws {
        let json = try SharedFixtures.venueJSON("kalshi-orderbook-sample.json")
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets/{ticker}/orderbook", .json(try SharedFixtures.jsonData(json["current"] as Any)))
        ])
        let book = try await kalshiClient(server, signed: false).orderBook(KalshiFixtures.ticker, depth: 5)
        #expect(book.ticker == KalshiFixtures.ticker)
        #expect(book.bestBid(.yes)?.price == .p("0.22") && book.bestBid(.no)?.price == .p("0.56"))
        #expect(book.bestAsk(.yes) == KalshiBookLevel(price: .p("0.44"), size: 146))
        #expect(book.bestAsk(.no)?.price == .p("0.78"))
        let request = try #require(server.requests.last)
        #expect(request.path == "/trade-api/v2/markets/\(KalshiFixtures.ticker)/orderbook" && request.queryValue("depth") == "5")
        await server.stop()
    }

    @Test func eventsSeriesTradesAndCandles() async throws {
        let candles = #"""
            {"ticker":"T","candlesticks":[{"end_period_ts":1780315200,
              "yes_bid":{"open_dollars":"0.3000","low_dollars":"0.2900","high_dollars":"0.3200","close_dollars":"0.3100"},
              "yes_ask":{"open_dollars":"0.3200","low_dollars":"0.3100","high_dollars":"0.3400","close_dollars":"0.3300"},
              "price":{"open_dollars":null,"close_dollars":null,"previous_dollars":"0.3000"},
              "volume_fp":"12.00","open_interest_fp":"8800.00"}]}
            """#
        let eventsObject = try #require(try KalshiFixtures.restObject(KalshiFixtures.eventsKey) as? [String: Any])
        let firstEvent = try #require((eventsObject["events"] as? [Any])?.first)
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/events", .json(try KalshiFixtures.rest(KalshiFixtures.eventsKey))),
            .get("/trade-api/v2/events/{event}", .json(try SharedFixtures.jsonData(["event": firstEvent]))),
            .get("/trade-api/v2/series/{series}", .json(try KalshiFixtures.rest("GET /series/{series_ticker}"))),
            .get("/trade-api/v2/markets/trades", .json(try KalshiFixtures.rest(KalshiFixtures.tradesKey))),
            .get("/trade-api/v2/markets/{ticker}", .json(try KalshiFixtures.rest("GET /markets/{ticker}"))),
            .get("/trade-api/v2/series/{series}/markets/{ticker}/candlesticks", .json(candles)),
        ])
        let client = try kalshiClient(server, signed: false)
        let events = try await client.allEvents(KalshiEventsQuery(seriesTicker: "KXHIGHNY", status: .open, withNestedMarkets: true, limit: 200))
        #expect(events.items.count == 1 && events.items[0].markets.count == 1 && events.isComplete)
        let eventsRequest = try #require(server.requests(path: "/trade-api/v2/events").last)
        #expect(eventsRequest.queryValue("with_nested_markets") == "true" && eventsRequest.queryValue("series_ticker") == "KXHIGHNY")
        #expect(eventsRequest.queryValue("status") == "open" && eventsRequest.queryValue("limit") == "200")

        let event = try await client.event("KXHIGHNY-26JUN01")
        #expect(event.eventTicker == "KXHIGHNY-26JUN01" && event.markets.count == 1)
        #expect(try await client.series("KXHIGHNY").feeType == .quadratic)
        #expect(try await client.market(KalshiFixtures.ticker).ticker == KalshiFixtures.ticker)

        let trades = try await client.trades(KalshiHistoryQuery(ticker: "T", minTime: Timestamp(seconds: 5), limit: 10))
        #expect(trades.items.first?.count == 136 && trades.cursor == nil)
        let tradesRequest = try #require(server.requests(path: "/trade-api/v2/markets/trades").last)
        #expect(tradesRequest.queryValue("ticker") == "T" && tradesRequest.queryValue("min_ts") == "5")

        let sticks = try await client.candlesticks(
            series: "KXHIGHNY", ticker: "T", start: Timestamp(seconds: 1_780_000_000), end: Timestamp(seconds: 1_780_400_000), interval: .hour)
        #expect(sticks.count == 1 && sticks[0].yesBid?.close == .p("0.31") && sticks[0].price?.open == nil)
        #expect(sticks[0].price?.previous == .p("0.3") && sticks[0].volume == 12)
        let candleRequest = try #require(server.requests.last)
        #expect(candleRequest.path == "/trade-api/v2/series/KXHIGHNY/markets/T/candlesticks")
        #expect(candleRequest.queryValue("period_interval") == "60" && candleRequest.queryValue("start_ts") == "1780000000")
        await server.stop()
    }

    @Test func rateLimitIsRetriedThenSurfaced() async throws {
        let limited = LoopbackResponse.json(#"{"code":"too_many_requests","message":"slow down"}"#, status: 429, headers: [("Retry-After", "0")])
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets/{ticker}", handler: LoopbackResponse.sequence([limited, .json(try KalshiFixtures.rest("GET /markets/{ticker}"))])),
            .get("/trade-api/v2/series/{series}", LoopbackResponse.json("{}", status: 429, headers: [("Retry-After", "1")])),
        ])
        let client = try kalshiClient(server, signed: false)
        #expect(try await client.market("T").ticker == KalshiFixtures.ticker)
        #expect(server.requests(path: "/trade-api/v2/markets/T").count == 2)
        do {
            _ = try await client.series("S")
            Issue.record("a persistent 429 was not surfaced")
        } catch {
            guard case .rateLimited(_, let retryAfter) = error else { Issue.record("\(error)"); return }
            #expect(retryAfter == .seconds(1))
        }
        #expect(server.requests(path: "/trade-api/v2/series/S").count == kalshiFastTransport.retry.maxAttempts)
        await server.stop()
    }

    @Test func serverErrorsAreRetriedThenSurfacedWithKalshisMessage() async throws {
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets/{ticker}", .json(#"{"code":"internal","message":"matching engine unavailable","service":"exchange"}"#, status: 503))
        ])
        do {
            _ = try await kalshiClient(server, signed: false).market("T")
            Issue.record("a 503 was not surfaced")
        } catch let error as KalshiError {
            guard case .venueUnavailable(_, let status, let message) = error else { Issue.record("\(error)"); return }
            #expect(status == 503 && message == "internal: matching engine unavailable")
        }
        #expect(server.requests.count == kalshiFastTransport.retry.maxAttempts)
        await server.stop()
    }

    @Test func malformedAndDisagreeingRepliesNameTheField() async throws {
        let disagreeing = try SharedFixtures.jsonData(["markets": [try JSONSerialization.jsonObject(with: try KalshiFixtures.marketJSON(["volume": 15000]))], "cursor": ""])
        let server = try await LoopbackServer.start(routes: [
            .get("/trade-api/v2/markets", .json(disagreeing)),
            .get("/trade-api/v2/markets/{ticker}", .json(#"{"market": {"ticker": "T", "#)),
            .get("/trade-api/v2/markets/{ticker}/orderbook", .json(#"{"orderbook_fp":{"yes_dollars":[["1.2000","5.00"]],"no_dollars":[]}}"#)),
        ])
        let client = try kalshiClient(server, signed: false)
        do {
            _ = try await client.markets()
            Issue.record("a legacy/fixed-point mismatch was accepted")
        } catch {
            guard case .malformedResponse(let endpoint, let field, let detail) = error else { Issue.record("\(error)"); return }
            #expect(endpoint == "GET /markets" && field == "markets[0].volume_fp" && detail.contains("15000"))
        }
        await #expect(throws: KalshiError.self) { _ = try await client.market("T") }
        do {
            _ = try await client.orderBook("T")
        } catch {
            guard case .malformedResponse(_, let field, _) = error else { Issue.record("\(error)"); return }
            #expect(field.hasPrefix("orderbook_fp.yes_dollars"))
        }
        await server.stop()
    }
}
