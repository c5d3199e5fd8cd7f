import EdgewiseTestSupport
import Foundation
import Synchronization
import Testing

/// `edgewise scan --once --json` end to end: the built binary against loopback Polymarket and
/// Kalshi venues whose catalogs and books come from the recorded samples, rearranged so that
/// each venue holds one real Dutch book and one look-alike that must not fire.
@Suite("edgewise scan", .requiresSharedFixtures, .timeLimit(.minutes(2)))
struct ScanCommandTests {
    static let kalshiPrefix = "/trade-api/v2"

    /// Polymarket: a neg-risk event whose three YES asks sum to 0.94 (a Dutch book even after the
    /// sample's 0.25·(p(1−p))² fee), and an augmented event whose asks sum to 0.80 (placeholders:
    /// not an arbitrage).
    static func polymarketRoutes() throws -> [LoopbackRoute] {
        let gamma = try SharedFixtures.venueJSON("gamma-market-sample.json")
        let eventTemplate = try #require(gamma["event"] as? [String: Any])
        let marketTemplate = try #require(gamma["market"] as? [String: Any])
        func market(_ name: String) -> [String: Any] {
            var market = marketTemplate
            market["id"] = "id-\(name)"
            market["conditionId"] = "0xcond\(name)"
            market["question"] = "Will \(name) win?"
            market["slug"] = "will-\(name)-win"
            market["groupItemTitle"] = name
            market["clobTokenIds"] = "[\"\(name)-yes\", \"\(name)-no\"]"
            market["negRisk"] = true
            market["orderMinSize"] = 5
            return market
        }
        func event(_ id: String, _ names: [String], augmented: Bool) -> [String: Any] {
            var event = eventTemplate
            event["id"] = id
            event["slug"] = "event-\(id)"
            event["title"] = "Who wins \(id)?"
            event["negRisk"] = true
            event["negRiskAugmented"] = augmented
            event["markets"] = names.map(market)
            return event
        }
        let events = [event("101", ["alpha", "beta", "gamma"], augmented: false), event("102", ["delta", "other"], augmented: true)]
        let asks: [String: [[String]]] = [
            "alpha-yes": [["0.30", "40"], ["0.45", "100"]], "beta-yes": [["0.30", "100"]], "gamma-yes": [["0.34", "100"]],
            "delta-yes": [["0.40", "100"]], "other-yes": [["0.40", "100"]],
        ]
        let clob = try SharedFixtures.venueJSON("polymarket-clob-rest-samples.json")
        let info = try #require(clob["GET /clob-markets/{conditionId} (V2 compact market info)"] as? [String: Any])
        return [
            .get("/events", .json(try SharedFixtures.jsonData(events))),
            .post("/books") { request in
                let asked = (try? JSONSerialization.jsonObject(with: request.body) as? [[String: String]]) ?? []
                let books: [[String: Any]] = asked.compactMap { item in
                    guard let token = item["token_id"] else { return nil }
                    return [
                        "market": "0xcond" + token.replacingOccurrences(of: "-yes", with: ""), "asset_id": token,
                        "bids": [["price": "0.01", "size": "10"]],
                        "asks": (asks[token] ?? []).reversed().map { ["price": $0[0], "size": $0[1]] },
                        "hash": "", "min_order_size": "5", "neg_risk": true, "tick_size": "0.01",
                        "timestamp": "1790000000000", "last_trade_price": "",
                    ]
                }
                return .json((try? JSONSerialization.data(withJSONObject: books)) ?? Data("[]".utf8))
            },
            .get("/clob-markets/{condition}", .json(try SharedFixtures.jsonData(info))),
        ]
    }

    /// Kalshi: a mutually exclusive event whose YES bids sum to 1.10 (every NO is a Dutch book
    /// after the quadratic fee), and a non-exclusive event whose asks sum to 0.60 (not one).
    static func kalshiRoutes() throws -> [LoopbackRoute] {
        let rest = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        let eventsPage = try #require(rest["GET /events?with_nested_markets=true&status=open&series_ticker=&limit=&cursor="] as? [String: Any])
        let eventTemplate = try #require((eventsPage["events"] as? [[String: Any]])?.first)
        let marketTemplate = try #require((eventTemplate["markets"] as? [[String: Any]])?.first)
        func market(_ ticker: String, event: String) -> [String: Any] {
            var market = marketTemplate
            market["ticker"] = ticker
            market["event_ticker"] = event
            market["title"] = "Will \(ticker) happen?"
            return market
        }
        func event(_ ticker: String, _ markets: [String], exclusive: Bool) -> [String: Any] {
            var event = eventTemplate
            event["event_ticker"] = ticker
            event["title"] = "Event \(ticker)"
            event["mutually_exclusive"] = exclusive
            event["markets"] = markets.map { market($0, event: ticker) }
            return event
        }
        let exclusive = event("KXTEST-1", ["KXTEST-1-A", "KXTEST-1-B", "KXTEST-1-C"], exclusive: true)
        let loose = event("KXLOOSE-1", ["KXLOOSE-1-A", "KXLOOSE-1-B"], exclusive: false)
        let yesBids = ["KXTEST-1-A": "0.50", "KXTEST-1-B": "0.35", "KXTEST-1-C": "0.25", "KXLOOSE-1-A": "0.20", "KXLOOSE-1-B": "0.20"]
        let noBids = ["KXTEST-1-A": "0.45", "KXTEST-1-B": "0.60", "KXTEST-1-C": "0.70", "KXLOOSE-1-A": "0.70", "KXLOOSE-1-B": "0.70"]
        let series = try SharedFixtures.jsonData(rest["GET /series/{series_ticker}"] as Any)
        var marketBodies: [String: Data] = [:]
        for ticker in yesBids.keys {
            marketBodies[ticker] = try SharedFixtures.jsonData(["market": market(ticker, event: ticker.hasPrefix("KXTEST") ? "KXTEST-1" : "KXLOOSE-1")])
        }
        let exclusiveBody = try SharedFixtures.jsonData(["event": exclusive])
        let looseBody = try SharedFixtures.jsonData(["event": loose])
        let immutableBodies = marketBodies
        return [
            .get("\(kalshiPrefix)/events", .json(try SharedFixtures.jsonData(["events": [exclusive, loose], "cursor": ""]))),
            .get("\(kalshiPrefix)/markets/{ticker}/orderbook") { request in
                let ticker = request.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
                let book: [String: Any] = ["orderbook_fp": [
                    "yes_dollars": [[yesBids[ticker] ?? "0.01", "100.00"]], "no_dollars": [[noBids[ticker] ?? "0.01", "100.00"]],
                ]]
                return .json((try? JSONSerialization.data(withJSONObject: book)) ?? Data())
            },
            .get("\(kalshiPrefix)/markets/{ticker}") { request in
                .json(immutableBodies[request.path.split(separator: "/").last.map(String.init) ?? ""] ?? Data())
            },
            .get("\(kalshiPrefix)/events/{event}") { request in
                .json(request.path.hasSuffix("KXTEST-1") ? exclusiveBody : looseBody)
            },
            .get("\(kalshiPrefix)/series/{series}", .json(series)),
        ]
    }

    static func run(_ arguments: String...) async throws -> (records: [[String: Any]], result: EdgewiseProcess.Result, server: LoopbackServer) {
        let server = try await LoopbackServer.start(routes: try polymarketRoutes() + kalshiRoutes())
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_KALSHI_API_URL"] = server.baseURL.absoluteString + kalshiPrefix
        let result = try await cli.run(["scan", "--once"] + arguments)
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return (records, result, server)
    }

    @Test("finds the Polymarket and Kalshi Dutch books, net of each market's fees, and nothing else")
    func onceJSON() async throws {
        let (records, result, server) = try await Self.run("--json")
        defer { Task { await server.stop() } }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records.count == 2, "\(result.stdout)")

        let polymarket = try #require(records.first { ($0["group"] as? String)?.hasPrefix("event:polymarket") == true })
        #expect(polymarket["kind"] as? String == "dutch_book")
        #expect(polymarket["group"] as? String == "event:polymarket:101")
        let legs = try #require(polymarket["legs"] as? [[String: Any]])
        #expect(Set(legs.compactMap { $0["instrument"] as? String }) == ["alpha-yes", "beta-yes", "gamma-yes"])
        // alpha's 0.30 level holds 40 shares; beyond it alpha costs 0.45 and the basket 1.09.
        #expect(polymarket["size"] as? String == "40")
        #expect(legs.allSatisfy { $0["size"] as? String == "40" && $0["side"] as? String == "buy" })
        // Fees: 40 × 0.25 × (p(1−p))², rounded up: 0.441 + 0.441 + 0.503554 (p = 0.3, 0.3, 0.34).
        #expect(polymarket["fees"] as? String == "1.385554")
        #expect(polymarket["cost"] as? String == "38.985554")
        #expect(polymarket["profit"] as? String == "1.014446")
        #expect((polymarket["evidence"] as? [[String: Any]])?.isEmpty == false)

        let kalshi = try #require(records.first { ($0["group"] as? String)?.hasPrefix("event:kalshi") == true })
        let kalshiLegs = try #require(kalshi["legs"] as? [[String: Any]])
        #expect(kalshiLegs.allSatisfy { $0["outcome"] as? String == "no" })
        #expect(Set(kalshiLegs.compactMap { $0["instrument"] as? String }) == ["KXTEST-1-A/NO", "KXTEST-1-B/NO", "KXTEST-1-C/NO"])
        #expect(kalshi["payoutPerBasket"] as? String == "2")
        // NO at 0.50, 0.65, 0.75 for 100 contracts; 0.07·C·P(1−P) rounded up to the cent:
        // 1.75 + 1.60 + 1.32.
        #expect(kalshi["fees"] as? String == "4.67")
        #expect(kalshi["profit"] as? String == "5.33")

        // The catalogs were read, fees were fetched only for the candidates' markets.
        #expect(server.requests(path: "/clob-markets/0xcondalpha").count == 1)
        #expect(server.requests(path: "/clob-markets/0xconddelta").isEmpty)
    }

    @Test("the table, --kind, --min-profit and --venue filter what is shown")
    func filters() async throws {
        let table = try await Self.run()
        let tableServer = table.server
        defer { Task { await tableServer.stop() } }
        #expect(table.result.status == 0, "\(table.result.stderr)")
        #expect(table.result.stdout.contains("dutch_book") && table.result.stdout.contains("Who wins 101?"))
        #expect(!table.result.stdout.contains("Who wins 102?"))

        let onlyKalshi = try await Self.run("--json", "--venue", "kalshi")
        let onlyKalshiServer = onlyKalshi.server
        defer { Task { await onlyKalshiServer.stop() } }
        #expect(onlyKalshi.records.count == 1 && (onlyKalshi.records[0]["group"] as? String) == "event:kalshi:KXTEST-1")
        #expect(onlyKalshi.server.requests(path: "/events").isEmpty)

        let rich = try await Self.run("--json", "--min-profit", "2")
        let richServer = rich.server
        defer { Task { await richServer.stop() } }
        #expect(rich.records.map { $0["group"] as? String } == ["event:kalshi:KXTEST-1"])

        let bundles = try await Self.run("--json", "--kind", "bundle")
        let bundlesServer = bundles.server
        defer { Task { await bundlesServer.stop() } }
        #expect(bundles.records.isEmpty)
        #expect(bundles.result.status == 0)
    }

    @Test("bad flags are refused before anything is read, each with the reason")
    func badFlags() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let cases: [([String], String)] = [
            (["--min-profit", "lots"], "--min-profit"),
            (["--min-profit", "0.0000001"], "--min-profit"),
            (["--limit", "0"], "--limit"),
            (["--interval", "0.5"], "--interval"),
            (["--max-book-age", "0"], "--max-book-age"),
            (["--venue", "manifold"], "manifold"),
            (["--venue", "nasdaq"], "nasdaq"),
            (["--kind", "hunch"], "hunch"),
        ]
        for (arguments, mentioned) in cases {
            let result = try await cli.run(["scan", "--once"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(mentioned), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }
}

/// `edgewise scan` without --once: the books follow the market channel, and a change there
/// closes the Dutch book it removes without waiting for a REST pass.
@Suite("edgewise scan, live", .requiresSharedFixtures, .timeLimit(.minutes(2)))
struct LiveScanCommandTests {
    static func book(_ token: String, asks: [(String, String)]) -> String {
        let levels = asks.reversed().map { #"{"price":"\#($0.0)","size":"\#($0.1)"}"# }.joined(separator: ",")
        return """
            {"event_type":"book","asset_id":"\(token)","market":"0xcond\(token.replacingOccurrences(of: "-yes", with: ""))","bids":[{"price":"0.01","size":"10"}],"asks":[\(levels)],"timestamp":"1790000000100","hash":""}
            """
    }

    /// Runs a continuous Polymarket scan until it prints a closing, then stops it with Ctrl-C,
    /// which must end it cleanly.
    static func scanUntilAClosing(_ server: LoopbackServer) async throws -> EdgewiseProcess.Result {
        let cli = try EdgewiseProcess(server: server)
        let started = try cli.start(["scan", "--json", "--venue", "polymarket", "--interval", "60"])
        let (process, out, _) = started
        try await eventually("the closing is printed", timeout: .seconds(30)) {
            ((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("\"closed\"")
        }
        process.interrupt()
        let result = try await EdgewiseProcess.wait(started, timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    @Test("a market-channel change closes the Dutch book it removes, and Ctrl-C stops cleanly")
    func followsTheStream() async throws {
        let subscribed = ScriptLog()
        let server = try await LoopbackServer.start(routes: try ScanCommandTests.polymarketRoutes(), webSockets: ["/ws/market": { socket in
            guard let subscription = try await socket.nextText(ignoring: "PING") else { return }
            subscribed.add(subscription)
            try await socket.send("[" + [
                Self.book("alpha-yes", asks: [("0.30", "40"), ("0.45", "100")]), Self.book("beta-yes", asks: [("0.30", "100")]),
                Self.book("gamma-yes", asks: [("0.34", "100")]),
            ].joined(separator: ",") + "]")
            try await Task.sleep(for: .milliseconds(300))
            // alpha's 0.30 level is taken: the basket now costs 0.45 + 0.30 + 0.34 = 1.09.
            try await socket.send("""
                {"market":"0xcondalpha","price_changes":[{"asset_id":"alpha-yes","price":"0.30","size":"0","side":"SELL","best_bid":"0.01","best_ask":"0.45"}],"timestamp":"1790000000500","event_type":"price_change"}
                """)
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
        defer { Task { await server.stop() } }
        let result = try await Self.scanUntilAClosing(server)

        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let opened = try #require(records.first)
        #expect(opened["status"] as? String == "opened" && opened["group"] as? String == "event:polymarket:101", "\(result.stdout)")
        let closed = try #require(records.last)
        #expect(closed["status"] as? String == "closed" && closed["id"] as? String == opened["id"] as? String, "\(result.stdout)")
        // Subscribed to the YES books the radar reads; the REST catalog and books were read once.
        #expect(subscribed.all.count == 1 && ["alpha-yes", "beta-yes", "gamma-yes"].allSatisfy { subscribed.all[0].contains($0) })
        #expect(server.requests(path: "/events").count == 1)
        #expect(server.requests(path: "/books").count == 1)
    }

    @Test("a dropped market channel closes what was built on its books until fresh snapshots come")
    func droppedStreamClosesItsOpportunities() async throws {
        let connections = ScriptLog()
        // The scan's first read of the books succeeds; every later one (the stream's resync after
        // it reconnects) fails, so the books cannot be rebuilt and the closing must show. Were
        // the resync to succeed, the basket could close and reopen within one publishing window.
        let bookReads = Atomic<Int>(0)
        let routes = try ScanCommandTests.polymarketRoutes().map { route -> LoopbackRoute in
            guard route.method == "POST", route.pattern == "/books" else { return route }
            return .post("/books") { request in
                bookReads.add(1, ordering: .relaxed).newValue == 1
                    ? await route.handler(request) : .status(503, body: #"{"error":"unavailable"}"#)
            }
        }
        let server = try await LoopbackServer.start(routes: routes, webSockets: ["/ws/market": { socket in
            guard try await socket.nextText(ignoring: "PING") != nil else { return }
            connections.add("connection \(socket.connection)")
            if socket.connection == 1 {
                try await socket.send(Self.book("alpha-yes", asks: [("0.30", "40"), ("0.45", "100")]))
                try await Task.sleep(for: .milliseconds(300))
                return  // the venue drops the link
            }
            // Reconnected, but no snapshot comes (and REST fails): the books stay untrusted.
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
        defer { Task { await server.stop() } }
        let result = try await Self.scanUntilAClosing(server)
        let statuses = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["status"] as? String
        }
        #expect(statuses.first == "opened" && statuses.last == "closed", "\(result.stdout)")
        #expect(result.stderr.contains("market channel dropped"), "\(result.stderr)")
    }
}
