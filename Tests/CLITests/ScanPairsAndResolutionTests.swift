import EdgewiseTestSupport
import Foundation
import Testing

/// `edgewise scan --once --json` end to end for the two kinds that need more than one venue's
/// books: a cross-venue pair (the same Bitcoin contract listed on Polymarket and Kalshi, priced
/// apart) and a resolution trade (a touch market whose threshold an observed price has already
/// crossed). Catalogs and books are the recorded samples with their questions rewritten; each
/// kind has a look-alike next to it that must not fire.
@Suite("edgewise scan: pairs and resolution", .requiresSharedFixtures, .timeLimit(.minutes(2)))
struct ScanPairsAndResolutionTests {
    static let kalshiPrefix = "/trade-api/v2"
    static let rules = """
        Resolves Yes if the Coinbase BTC-USD spot price at 12:00 PM ET on December 31, 2027 is above $100,000, \
        and No otherwise. If Coinbase is unavailable or the market is cancelled, the market resolves No.
        """
    static let close = "2027-12-31T17:00:00Z"

    /// Polymarket: the Bitcoin contract (YES asks 0.40), a touch market "reach $90,000 by
    /// December 31, 2030" whose YES is offered at 0.80 while the observations say it was reached,
    /// and an opposite-question look-alike.
    static func polymarketRoutes() throws -> [LoopbackRoute] {
        let gamma = try SharedFixtures.venueJSON("gamma-market-sample.json")
        let eventTemplate = try #require(gamma["event"] as? [String: Any])
        let marketTemplate = try #require(gamma["market"] as? [String: Any])
        func event(_ id: String, market name: String, question: String, description: String, end: String, price: String) -> [String: Any] {
            var market = marketTemplate
            market["id"] = "id-\(name)"
            market["conditionId"] = "0xcond\(name)"
            market["question"] = question
            market["slug"] = name
            market["description"] = description
            market["resolutionSource"] = "https://www.coinbase.com/price/bitcoin"
            market["startDate"] = "2026-01-01T00:00:00Z"
            market["endDate"] = end
            market["clobTokenIds"] = "[\"\(name)-yes\", \"\(name)-no\"]"
            market["outcomePrices"] = "[\"\(price)\", \"0.5\"]"
            market["negRisk"] = false
            market["orderMinSize"] = 5
            var event = eventTemplate
            event["id"] = id
            event["slug"] = "event-\(id)"
            event["title"] = question
            event["negRisk"] = false
            event["resolutionSource"] = "https://www.coinbase.com/price/bitcoin"
            event["markets"] = [market]
            return event
        }
        var events = [
            event("201", market: "btc100k", question: "Will Bitcoin be above $100,000 on December 31, 2027?", description: rules, end: close, price: "0.40"),
            event(
                "202", market: "btc90k", question: "Will Bitcoin reach $90,000 by December 31, 2030?",
                description: "Resolves Yes if any Coinbase BTC-USD one-minute candle trades at or above $90,000 before the end date.",
                end: "2030-12-31T23:59:00Z", price: "0.80"),
        ]
        // The look-alike of Kalshi's December 30 market: the opposite question ("below"), priced
        // so that trading it as the same contract would look like a 0.10 arbitrage.
        let below = rules.replacingOccurrences(of: "December 31", with: "December 30").replacingOccurrences(of: "above", with: "below")
        events.append(event(
            "203", market: "btc100k-below", question: "Will Bitcoin be below $100,000 on December 30, 2027?", description: below,
            end: "2027-12-30T17:00:00Z", price: "0.45"))
        let books: [String: (ask: String, bid: String)] = [
            "btc100k-yes": ("0.40", "0.38"), "btc90k-yes": ("0.80", "0.78"), "btc100k-below-yes": ("0.40", "0.38"),
        ]
        let clob = try SharedFixtures.venueJSON("polymarket-clob-rest-samples.json")
        let info = try #require(clob["GET /clob-markets/{conditionId} (V2 compact market info)"] as? [String: Any])
        return [
            .get("/events", .json(try SharedFixtures.jsonData(events))),
            .post("/books") { request in
                let asked = (try? JSONSerialization.jsonObject(with: request.body) as? [[String: String]]) ?? []
                let found: [[String: Any]] = asked.compactMap { item in
                    guard let token = item["token_id"], let book = books[token] else { return nil }
                    return [
                        "market": "0xcond" + token.replacingOccurrences(of: "-yes", with: ""), "asset_id": token,
                        "bids": [["price": book.bid, "size": "50"]], "asks": [["price": book.ask, "size": "50"]],
                        "hash": "", "min_order_size": "5", "neg_risk": false, "tick_size": "0.01",
                        "timestamp": "1790000000000", "last_trade_price": "",
                    ]
                }
                return .json((try? JSONSerialization.data(withJSONObject: found)) ?? Data("[]".utf8))
            },
            .get("/clob-markets/{condition}", .json(try SharedFixtures.jsonData(info))),
        ]
    }

    /// Kalshi: the same Bitcoin contract (YES bid 0.50, so its NO costs 0.50), and the same on
    /// December 30, whose Polymarket look-alike asks the opposite question. The series names
    /// Coinbase as the source.
    static func kalshiRoutes() throws -> [LoopbackRoute] {
        let rest = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        let eventsPage = try #require(rest["GET /events?with_nested_markets=true&status=open&series_ticker=&limit=&cursor="] as? [String: Any])
        let eventTemplate = try #require((eventsPage["events"] as? [[String: Any]])?.first)
        let marketTemplate = try #require((eventTemplate["markets"] as? [[String: Any]])?.first)
        var seriesRecord = try #require((rest["GET /series/{series_ticker}"] as? [String: Any])?["series"] as? [String: Any])
        seriesRecord["ticker"] = "KXBTCD"
        seriesRecord["title"] = "Bitcoin price"
        seriesRecord["settlement_sources"] = [["name": "Coinbase", "url": "https://www.coinbase.com/price/bitcoin"]]
        func event(_ ticker: String, day: String, end: String) -> [String: Any] {
            var market = marketTemplate
            market["ticker"] = "\(ticker)-T100000"
            market["event_ticker"] = ticker
            market["title"] = "Will Bitcoin be above $100,000 on December \(day), 2027?"
            market["yes_sub_title"] = "Above $100,000"
            market["rules_primary"] = rules.replacingOccurrences(of: "December 31", with: "December \(day)")
            market["strike_type"] = "greater"
            market["floor_strike"] = 100_000
            market["cap_strike"] = NSNull()
            market["open_time"] = "2026-01-01T00:00:00Z"
            market["close_time"] = end
            market["expected_expiration_time"] = end
            market["latest_expiration_time"] = end
            market["yes_bid_dollars"] = "0.50"
            market["yes_ask_dollars"] = "0.55"
            market["last_price_dollars"] = "0.52"
            var event = eventTemplate
            event["event_ticker"] = ticker
            event["series_ticker"] = "KXBTCD"
            event["title"] = "Bitcoin above $100,000 on December \(day), 2027?"
            event["mutually_exclusive"] = false
            event["strike_date"] = end
            event["markets"] = [market]
            return event
        }
        let events = [event("KXBTCD-27DEC31", day: "31", end: close), event("KXBTCD-27DEC30", day: "30", end: "2027-12-30T17:00:00Z")]
        return [
            .get("\(kalshiPrefix)/events", .json(try SharedFixtures.jsonData(["events": events, "cursor": ""]))),
            .get("\(kalshiPrefix)/markets/{ticker}/orderbook", .json(try SharedFixtures.jsonData(["orderbook_fp": [
                "yes_dollars": [["0.50", "100.00"]], "no_dollars": [["0.45", "100.00"]],
            ]]))),
            .get("\(kalshiPrefix)/series/{series}", .json(try SharedFixtures.jsonData(["series": seriesRecord]))),
        ]
    }

    /// A Coinbase print above $90,000 two minutes ago, a reading of another asset, and a
    /// Bitcoin print from a source the market does not settle on.
    static func observations(in directory: URL) throws -> URL {
        let minuteAgo = Date().addingTimeInterval(-120).formatted(.iso8601)
        let lines = [
            #"{"reading":{"subject":"bitcoin","aliases":["btc"],"value":"95000","unit":"usd","at":"\#(minuteAgo)"},"source":{"name":"Coinbase","url":"https://www.coinbase.com"}}"#,
            #"{"reading":{"subject":"ethereum","value":95000,"unit":"usd","at":"\#(minuteAgo)"},"source":{"name":"Coinbase","url":"https://www.coinbase.com"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"99000","unit":"usd","at":"\#(minuteAgo)"},"source":{"name":"Binance","url":"https://www.binance.com"}}"#,
            #"{"reading":{"subject":"bitcoin","value":"oops","unit":"usd","at":"\#(minuteAgo)"},"source":{"name":"Coinbase"}}"#,
        ]
        let url = directory.appendingPathComponent("observations.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    @Test("an equivalent pair across venues and a resolution trade are found; their look-alikes are not")
    func pairAndResolution() async throws {
        let server = try await LoopbackServer.start(routes: try Self.polymarketRoutes() + Self.kalshiRoutes())
        defer { Task { await server.stop() } }
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_KALSHI_API_URL"] = server.baseURL.absoluteString + Self.kalshiPrefix
        let file = try Self.observations(in: cli.home)

        let result = try await cli.run("scan", "--once", "--json", "--observations", file.path)
        #expect(result.status == 0, "\(result.stderr)")
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(Set(records.compactMap { $0["kind"] as? String }) == ["cross_venue", "resolution"], "\(result.stdout)\n\(result.stderr)")
        #expect(records.count == 2)

        // YES on Polymarket at 0.40 and NO on Kalshi at 1 − 0.50: 0.90 a pair before fees.
        let pair = try #require(records.first { $0["kind"] as? String == "cross_venue" })
        let legs = try #require(pair["legs"] as? [[String: Any]])
        #expect(Set(legs.compactMap { $0["instrument"] as? String }) == ["btc100k-yes", "KXBTCD-27DEC31-T100000/NO"])
        #expect(legs.allSatisfy { $0["side"] as? String == "buy" })
        #expect(pair["payoutPerBasket"] as? String == "1")
        let pairProfit = try #require((pair["profit"] as? String).flatMap { Decimal(string: $0) })
        #expect(pairProfit > 0 && pairProfit < 50 * Decimal(string: "0.10")!)

        // The touch was reached on the settlement source; only the Coinbase line is evidence.
        let resolution = try #require(records.first { $0["kind"] as? String == "resolution" })
        let resolutionLegs = try #require(resolution["legs"] as? [[String: Any]])
        #expect(resolutionLegs.compactMap { $0["instrument"] as? String } == ["btc90k-yes"])
        let evidence = try #require(resolution["evidence"] as? [[String: Any]])
        #expect(evidence.contains { ($0["source"] as? String)?.contains("coinbase.com") == true })
        #expect(!evidence.contains { ($0["source"] as? String)?.contains("binance") == true })
        // The bad line is named and skipped; the others still count.
        #expect(result.stderr.contains("observations.jsonl:4"), "\(result.stderr)")

        // The series was read once for both Kalshi markets, and its fee schedule used, so no
        // per-market fee lookup was needed.
        #expect(server.requests(path: "\(Self.kalshiPrefix)/series/KXBTCD").count == 1)
        #expect(server.requests(path: "\(Self.kalshiPrefix)/markets/KXBTCD-27DEC31-T100000").isEmpty)

        // The verdicts are stored: the matching pair equivalent, the opposite question not.
        let pairs = try await cli.run("pairs", "list", "--json")
        #expect(pairs.status == 0, "\(pairs.stderr)")
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(pairs.stdout.utf8)) as? [[String: Any]])
        var verdicts: [String: String] = [:]
        for row in stored {
            let markets = ["a", "b"].compactMap { (row[$0] as? [String: Any])?["marketId"] as? String }
            if let kalshi = markets.first(where: { $0.hasPrefix("KXBTCD") }) {
                verdicts[kalshi.contains("DEC31") ? "dec31" : "dec30"] = row["verdict"] as? String
            }
        }
        #expect(verdicts["dec31"] == "equivalent", "\(pairs.stdout)")
        #expect(verdicts["dec30"] != nil && verdicts["dec30"] != "equivalent", "\(pairs.stdout)")
    }

    @Test("without observations no resolution trade is reported, and a missing file is refused up front")
    func noObservations() async throws {
        let server = try await LoopbackServer.start(routes: try Self.polymarketRoutes() + Self.kalshiRoutes())
        defer { Task { await server.stop() } }
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_KALSHI_API_URL"] = server.baseURL.absoluteString + Self.kalshiPrefix
        let result = try await cli.run("scan", "--once", "--json", "--kind", "resolution")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")

        let missing = try await cli.run("scan", "--once", "--observations", cli.home.appendingPathComponent("none.jsonl").path)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--observations"), "\(missing.stderr)")
        #expect(server.requests(path: "/events").count == 1)  // only the first scan read anything
    }
}
