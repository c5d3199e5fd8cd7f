import EdgewiseTestSupport
import Foundation
import Testing

/// `--venue kalshi` end to end: the built binary against a loopback Kalshi API replaying the
/// recorded REST samples, with a throwaway RSA key from the signing vectors.
@Suite("edgewise --venue kalshi", .requiresSharedFixtures)
struct KalshiCommandTests {
    static let ticker = "KXHIGHNY-26JUN01-B80.5"
    static let prefix = "/trade-api/v2"

    static func venue() async throws -> LoopbackServer {
        let rest = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        let list = try SharedFixtures.jsonData(rest["GET /markets?limit=&cursor=&event_ticker=&series_ticker=&status=open&tickers=A,B&mve_filter=exclude"] as Any)
        let single = try SharedFixtures.jsonData(rest["GET /markets/{ticker}"] as Any)
        let book = try SharedFixtures.jsonData(try SharedFixtures.venueJSON("kalshi-orderbook-sample.json")["current"] as Any)
        let created = try SharedFixtures.jsonData(rest["POST /portfolio/orders 201 response"] as Any)
        return try await LoopbackServer.start(routes: [
            .get("\(prefix)/markets", .json(list)),
            .get("\(prefix)/markets/\(ticker)", .json(single)),
            .get("\(prefix)/markets/\(ticker)/orderbook", .json(book)),
            .post("\(prefix)/portfolio/orders") { request in
                guard request.headers.contains(where: { $0.name.uppercased() == "KALSHI-ACCESS-SIGNATURE" }) else {
                    return .json(#"{"error":{"code":"unauthorized","message":"missing signature"}}"#, status: 401)
                }
                let sent = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
                let template = (try? JSONSerialization.jsonObject(with: created) as? [String: Any]) ?? [:]
                var order = template["order"] as? [String: Any] ?? [:]
                order["client_order_id"] = sent["client_order_id"]
                let body = (try? JSONSerialization.data(withJSONObject: ["order": order])) ?? Data()
                return .json(body, status: 201)
            },
        ])
    }

    static func cli(_ server: LoopbackServer, key: Bool = true) throws -> EdgewiseProcess {
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_KALSHI_API_URL"] = server.baseURL.absoluteString + prefix
        cli.environment["EDGEWISE_KALSHI_WS_URL"] = server.webSocketURL("/trade-api/ws/v2").absoluteString
        if key {
            let vectors = try SharedFixtures.venueJSON("kalshi-signing-vectors.json")
            let pem = try #require(vectors["privateKeyPemPkcs8"] as? String)
            let file = cli.home.appendingPathComponent("kalshi.pem")
            try Data(pem.utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            cli.environment["EDGEWISE_KALSHI_KEY_ID"] = "test-key-id"
            cli.environment["EDGEWISE_KALSHI_PRIVATE_KEY_FILE"] = file.path
        }
        return cli
    }

    @Test("markets lists tickers as YES/NO tokens with the venue's own bid and ask")
    func markets() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: false).run("markets", "--venue", "kalshi", "--limit", "5", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let outcomes = try #require(listed.first?["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["tokenId"] as? String } == ["\(Self.ticker)/YES", "\(Self.ticker)/NO"])
        #expect(outcomes.first?["bestBid"] as? String == "0.31")
        #expect(outcomes.first?["bestAsk"] as? String == "0.33")
        #expect(server.requests(path: "\(Self.prefix)/markets").first?.queryValue("status") == "open")
    }

    @Test("book derives each side's asks from the other side's bids")
    func book() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: false).run("book", "--venue", "kalshi", Self.ticker, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let books = try #require(report["books"] as? [[String: Any]])
        #expect(books.map { $0["tokenId"] as? String } == ["\(Self.ticker)/YES", "\(Self.ticker)/NO"])
        #expect(books.map { $0["bestBid"] as? String } == ["0.22", "0.56"])
        #expect(books.map { $0["bestAsk"] as? String } == ["0.44", "0.78"])
    }

    @Test("a price off the market's grid is refused before any order is sent, naming the nearest valid prices")
    func offGrid() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run(
            "order", "place", "--venue", "kalshi", "--market", Self.ticker, "--outcome", "yes", "--side", "buy",
            "--price", "0.305", "--size", "10", "--live")
        #expect(result.status != 0)
        #expect(result.stderr.contains("0.3") && result.stderr.contains("0.31"), "\(result.stderr)")
        #expect(server.requests(path: "\(Self.prefix)/portfolio/orders").isEmpty)
    }

    @Test("a dry run prints the signed request with the signature redacted and sends nothing")
    func dryRun() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run(
            "order", "place", "--venue", "kalshi", "--market", "\(Self.ticker)/NO", "--side", "buy", "--price", "0.69", "--size", "10",
            "--type", "fak", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        let request = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(request["method"] as? String == "POST")
        #expect(request["signedPath"] as? String == "\(Self.prefix)/portfolio/orders")
        let headers = try #require(request["headers"] as? [String: String])
        #expect(headers["KALSHI-ACCESS-SIGNATURE"] == "<redacted>")
        #expect(headers["KALSHI-ACCESS-KEY"] == "test-key-id")
        let body = try #require(try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any])
        #expect(body["no_price_dollars"] as? String == "0.6900")
        #expect(body["count_fp"] as? String == "10.00")
        #expect(body["time_in_force"] as? String == "immediate_or_cancel")
        #expect((body["client_order_id"] as? String)?.isEmpty == false)
        #expect(server.requests(path: "\(Self.prefix)/portfolio/orders").isEmpty)
        #expect(!result.stdout.contains("PRIVATE KEY") && !result.stderr.contains("PRIVATE KEY"))
    }

    @Test("a live order is signed, sent once with its client_order_id, and reported")
    func live() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run(
            "order", "place", "--venue", "kalshi", "--market", Self.ticker, "--outcome", "yes", "--side", "buy", "--price", "0.31",
            "--size", "10", "--live", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let posts = server.requests(path: "\(Self.prefix)/portfolio/orders")
        #expect(posts.count == 1)
        let sent = try #require(try JSONSerialization.jsonObject(with: posts.first?.body ?? Data()) as? [String: Any])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["clientOrderId"] as? String == sent["client_order_id"] as? String)
        #expect(report["orderId"] as? String == "ee587a1c-8b87-4dcf-b721-9f6f790619fa")
        #expect(report["status"] as? String == "resting")
    }

    @Test("options Kalshi does not take are refused before any request", arguments: [
        (["--amount", "5", "--price", "0.3"], "use --size"),
        (["--size", "5"], "--price is required"),
        (["--size", "5", "--price", "0.3", "--defer-exec"], "Polymarket option"),
    ])
    func refusals(arguments: [String], reason: String) async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server).run(
            ["order", "place", "--venue", "kalshi", "--market", Self.ticker, "--outcome", "yes", "--side", "buy", "--live"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        #expect(server.requests.isEmpty)
    }

    @Test("trading without a key names the variables to set")
    func missingKey() async throws {
        let server = try await Self.venue()
        defer { Task { await server.stop() } }
        let result = try await Self.cli(server, key: false).run("positions", "--venue", "kalshi")
        #expect(result.status != 0)
        #expect(result.stderr.contains("EDGEWISE_KALSHI_KEY_ID"), "\(result.stderr)")
        #expect(server.requests.isEmpty)
    }
}
