import EdgewiseCore
import EdgewiseInformation
import EdgewiseTestSupport
import Foundation
import Testing

/// `--venue manifold` end to end: the built binary against a loopback Manifold API.
@Suite("edgewise --venue manifold")
struct ManifoldCommandTests {
    static let contract = "M1xyz"
    static let apiKey = "mf-test-key-0123456789"
    static let market = """
        {"id":"\(contract)","question":"Will the test pass?","slug":"will-the-test-pass","url":"https://manifold.markets/u/will-the-test-pass",
         "outcomeType":"BINARY","mechanism":"cpmm-1","probability":0.5,"p":0.5,"pool":{"YES":100,"NO":100},
         "createdTime":1700000000000,"closeTime":4102444800000,"isResolved":false,"volume":10,"totalLiquidity":100}
        """
    static let openOrders = """
        [{"id":"b-yes","userId":"u2","contractId":"\(contract)","outcome":"YES","amount":0,"shares":0,"limitProb":0.4,"orderAmount":40,
          "isFilled":false,"isCancelled":false,"createdTime":1700000001000,"fills":[]},
         {"id":"b-no","userId":"u3","contractId":"\(contract)","outcome":"NO","amount":0,"shares":0,"limitProb":0.6,"orderAmount":20,
          "isFilled":false,"isCancelled":false,"createdTime":1700000002000,"fills":[]}]
        """

    static func venue(webSocket: LoopbackWebSocketScript? = nil) async throws -> LoopbackServer {
        try await LoopbackServer.start(routes: [
            .get("/v0/market/\(contract)", .json(market)),
            .get("/v0/market/{id}", .json(#"{"message":"Contract not found"}"#, status: 404)),
            .get("/v0/slug/{slug}", .json(#"{"message":"Contract not found"}"#, status: 404)),
            .get("/v0/search-markets", .json("[\(market)]")),
            .get("/v0/bets", .json(openOrders)),
            .get("/v0/me", .json(#"{"id":"u1","username":"trader","balance":1000}"#)),
            .post("/v0/bet") { request in
                guard request.headers.contains(where: { $0.name.lowercased() == "authorization" && $0.value == "Key \(apiKey)" }) else {
                    return .json(#"{"message":"unauthorized"}"#, status: 401)
                }
                return .json("""
                    {"betId":"new-bet-1","contractId":"\(contract)","outcome":"YES","amount":10,"shares":20,"probBefore":0.5,
                     "probAfter":0.52,"limitProb":0.45,"orderAmount":10,"isFilled":true,"isCancelled":false,"fills":[]}
                    """)
            },
        ], webSockets: webSocket.map { ["/ws": $0] } ?? [:])
    }

    static func cli(_ server: LoopbackServer, key: Bool = false) throws -> EdgewiseProcess {
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_MANIFOLD_API_URL"] = server.baseURL.absoluteString + "/v0"
        cli.environment["EDGEWISE_MANIFOLD_WS_URL"] = server.webSocketURL("/ws").absoluteString
        if key { cli.environment["EDGEWISE_MANIFOLD_API_KEY"] = apiKey }
        return cli
    }

    @Test("markets --search lists the contract with its YES/NO tokens and the AMM price")
    func markets() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run("markets", "--venue", "manifold", "--search", "test", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let outcomes = try #require(listed.first?["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["tokenId"] as? String } == ["\(Self.contract)/YES", "\(Self.contract)/NO"])
        #expect(outcomes.map { $0["price"] as? String } == ["0.5", "0.5"])
        #expect(server.requests(path: "/v0/search-markets").first?.queryValue("term") == "test")
    }

    @Test("book shows the limit orders as a two-sided book: a NO limit at p is a YES ask at p")
    func book() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run("book", "--venue", "manifold", Self.contract, "--outcome", "yes", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let books = try #require(report["books"] as? [[String: Any]])
        #expect(books.count == 1)
        #expect(books.first?["bestBid"] as? String == "0.4")
        #expect(books.first?["bestAsk"] as? String == "0.6")
        let bids = try #require(books.first?["bids"] as? [[String: Any]])
        #expect(bids.first?["size"] as? String == "100")  // 40 mana at 0.40 buys 100 YES shares
        let asks = try #require(books.first?["asks"] as? [[String: Any]])
        #expect(asks.first?["size"] as? String == "50")  // 20 mana of NO at 0.40 a share is 50 shares
        #expect(report["poolPrice"] as? String == "0.5")
    }

    @Test("a dry run prints the exact bet with the key redacted and sends nothing")
    func dryRun() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: true).run(
            "order", "place", "--venue", "manifold", "--market", Self.contract, "--outcome", "no", "--side", "buy",
            "--amount", "10", "--price", "0.30", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        let request = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(request["method"] as? String == "POST")
        #expect((request["url"] as? String)?.hasSuffix("/v0/bet") == true)
        let body = try #require(try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any])
        #expect(body["outcome"] as? String == "NO")
        // A NO price of 0.30 is a market probability of 0.70 on the wire.
        #expect((body["limitProb"] as? NSNumber)?.doubleValue == 0.7)
        #expect(server.requests(path: "/v0/bet").isEmpty)
        #expect(!result.stdout.contains(Self.apiKey) && !result.stderr.contains(Self.apiKey))
    }

    @Test("a live bet is sent with the key, journaled, and reported")
    func live() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: true).run(
            "order", "place", "--venue", "manifold", "--market", "\(Self.contract)/YES", "--side", "buy", "--amount", "10",
            "--price", "0.45", "--live", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.requests(path: "/v0/bet").count == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["betId"] as? String == "new-bet-1")
        #expect((report["clientOrderId"] as? String)?.isEmpty == false)
        #expect(!result.stdout.contains(Self.apiKey) && !result.stderr.contains(Self.apiKey))
    }

    @Test("without --live nothing is sent")
    func notLive() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: true).run(
            "order", "place", "--venue", "manifold", "--market", Self.contract, "--outcome", "yes", "--side", "buy",
            "--amount", "10", "--price", "0.45")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--live"))
        #expect(server.requests(path: "/v0/bet").isEmpty)
    }

    @Test("options Manifold lacks are refused with the reason, before any request", arguments: [
        (["--type", "fok", "--price", "0.4", "--amount", "5", "--side", "buy"], "does not support --type fok"),
        (["--post-only", "--price", "0.4", "--amount", "5", "--side", "buy"], "no post-only"),
        (["--size", "5", "--price", "0.4", "--side", "buy"], "use --amount"),
        (["--size", "5", "--price", "0.4", "--side", "sell"], "go through the AMM"),
        (["--amount", "5", "--side", "buy"], "needs --price"),
    ])
    func refusals(arguments: [String], reason: String) async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: true).run(
            ["order", "place", "--venue", "manifold", "--market", Self.contract, "--outcome", "yes", "--live"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(server.requests.isEmpty)
    }

    @Test("an unknown contract is one clear line with a hint")
    func unknownContract() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run("book", "--venue", "manifold", "nope")
        #expect(result.status != 0)
        #expect(result.stderr.contains("no Manifold market with id or slug 'nope'"), "\(result.stderr)")
        #expect(result.stderr.contains("hint:"))
    }

    @Test("record writes the books of resting orders, then each new bet as a trade")
    func record() async throws {
        let server = try await Self.venue { socket in
            let subscribe = try await socket.nextText(timeout: .seconds(20)) ?? ""
            let txid = (try? JSONSerialization.jsonObject(with: Data(subscribe.utf8)) as? [String: Any])?["txid"] as? Int ?? 0
            try await socket.send(#"{"type":"ack","txid":\#(txid),"success":true}"#)
            try await socket.send(#"""
                {"type":"broadcast","topic":"contract/\#(Self.contract)/new-bet","data":{"bets":[{"id":"t1","contractId":"\#(Self.contract)",
                 "outcome":"YES","amount":10,"shares":20,"probBefore":0.5,"probAfter":0.52,"isFilled":true,"isCancelled":false,
                 "createdTime":1700000003000,"fills":[]}]}}
                """#)
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }
        defer { Task { await server.stop() } }
        let cli = try Self.cli(server)
        let output = cli.home.appendingPathComponent("rec")
        let result = try await cli.run(
            "record", "--venue", "manifold", "--market", Self.contract, "--max-events", "3", "--output", output.path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(summary["files"] as? [String])
        let events = files.flatMap { (try? RecordingReader(contentsOf: URL(fileURLWithPath: $0)).readAll()) ?? [] }
        #expect(events.count == 3)
        guard events.count == 3, case .bookSnapshot(let yes) = events[0].event, case .trade(let trade) = events[2].event else {
            Issue.record("unexpected events \(events.map(\.event))")
            return
        }
        #expect(yes.instrument.token.rawValue == "\(Self.contract)/YES")
        #expect(trade.instrument.token.rawValue == "\(Self.contract)/YES")
        #expect(trade.price == Price("0.5"))  // 10 mana for 20 shares
        #expect(trade.size == Size("20"))
        #expect(trade.aggressor == .buy)
    }
}
