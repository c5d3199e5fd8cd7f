import EdgewiseCore
import EdgewiseInformation
import EdgewiseStore
import EdgewiseTestSupport
import Foundation
import Testing

/// The `edgewise` binary end to end: real processes against loopback venues.
@Suite("edgewise CLI", .requiresSharedFixtures, .serialized)
struct CLITests {
    @Test("--version and --help work everywhere")
    func help() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let version = try await cli.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == EdgewiseCore.version)
        for command in [[], ["markets"], ["book"], ["record"], ["order"], ["positions"], ["redeem"]] {
            let result = try await cli.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE: edgewise" + command.map { " " + $0 }.joined()), "\(command): \(result.stdout)")
        }
    }

    @Test("markets --json lists ids, outcomes, tokens and live best bid/ask, and caches them")
    func marketsJSON() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("markets", "--limit", "5", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        let market = try #require(listed.first)
        #expect(market["marketId"] as? String == VenueFixture.conditionID)
        #expect(market["slug"] as? String == VenueFixture.slug)
        #expect(market["question"] as? String == "Will it rain in Paris on 2026-06-01?")
        let outcomes = market["outcomes"] as! [[String: Any]]
        #expect(outcomes.map { $0["name"] as? String } == ["Yes", "No"])
        #expect(outcomes.map { $0["tokenId"] as? String } == [VenueFixture.yes, VenueFixture.no])
        #expect(outcomes[0]["bestBid"] as? String == "0.53")
        #expect(outcomes[0]["bestAsk"] as? String == "0.54")
        #expect(outcomes[1]["bestBid"] as? String == "0.46")
        #expect(server.requests(path: "/markets").first?.queryValue("limit") == "5")

        let store = try EdgewiseStore(path: cli.databasePath)
        let cached = try #require(try store.market(venue: .polymarket, slug: VenueFixture.slug))
        #expect(cached.outcomes.map(\.token.rawValue) == [VenueFixture.yes, VenueFixture.no])
    }

    @Test("a database that cannot be written costs the cache, not the answer")
    func unwritableDatabase() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        var cli = try EdgewiseProcess(server: server)
        let blocker = cli.home.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        cli.environment["EDGEWISE_DATABASE"] = blocker.appendingPathComponent("edgewise.sqlite").path
        let result = try await cli.run("markets", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(VenueFixture.conditionID))
        #expect(result.stderr.hasPrefix("warning: markets not saved to"), "\(result.stderr)")
    }

    @Test("markets --search prints a readable table")
    func marketsTable() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("markets", "--search", "paris rain")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("BID"))
        #expect(result.stdout.contains("Will it rain in Paris on 2026-06-01?"))
        let yesRow = result.stdout.split(separator: "\n").first { $0.hasPrefix("0.53 ") }
        #expect(yesRow?.split(separator: " ").prefix(3) == ["0.53", "0.54", "Yes"], "\(result.stdout)")
        #expect(server.requests(path: "/public-search").first?.queryValue("q") == "paris rain")
    }

    @Test("book <slug> --json shows both outcomes' books, best first")
    func bookBySlug() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("book", VenueFixture.slug, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let books = report["books"] as! [[String: Any]]
        #expect(books.map { $0["tokenId"] as? String } == [VenueFixture.yes, VenueFixture.no])
        #expect(books[0]["outcome"] as? String == "Yes")
        let bids = books[0]["bids"] as! [[String: String]]
        #expect(bids.map { $0["price"] } == ["0.53", "0.52"])
        let asks = books[0]["asks"] as! [[String: String]]
        #expect(asks.map { $0["price"] } == ["0.54", "0.55"])
        #expect(books[0]["spread"] as? String == "0.01")
        #expect(books[0]["tickSize"] as? String == "0.01")
    }

    @Test("book <condition-id> shows both outcomes' books")
    func bookByConditionID() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("book", VenueFixture.conditionID)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.requests(path: "/markets").first?.queryValue("condition_ids") == VenueFixture.conditionID)
        let yes = try #require(result.stdout.range(of: "Yes (\(VenueFixture.yes))"), "\(result.stdout)")
        let no = try #require(result.stdout.range(of: "No (\(VenueFixture.no))"), "\(result.stdout)")
        #expect(yes.lowerBound < no.lowerBound)
        // Each outcome's own levels, under its own heading.
        let yesPart = result.stdout[yes.upperBound..<no.lowerBound]
        let noPart = result.stdout[no.upperBound...]
        #expect(yesPart.contains("bid  0.53") && yesPart.contains("ask  0.54"), "\(yesPart)")
        #expect(noPart.contains("bid  0.46") && noPart.contains("ask  0.47"), "\(noPart)")
        #expect(server.requests(path: "/books").count == 1)
    }

    @Test("book <token> shows that token's book as a table")
    func bookByToken() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes())
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("book", VenueFixture.no)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("No (\(VenueFixture.no))"))
        #expect(result.stdout.contains("ask  0.47"))
        #expect(result.stdout.contains("bid  0.46"))
        #expect(!result.stdout.contains("0.54"))
    }

    @Test("book --watch follows the WebSocket and prints every update as JSON lines")
    func watch() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes(), webSockets: ["/ws/market": { socket in
            guard let subscription = try await socket.nextText(ignoring: "PING") else { return }
            guard subscription.contains(VenueFixture.yes), subscription.contains(VenueFixture.no) else { return }
            try await socket.send(try VenueFixture.wsBook(VenueFixture.yes))
            try await socket.send(try VenueFixture.wsBook(VenueFixture.no))
            try await socket.send("""
                {"market":"\(VenueFixture.conditionID)","price_changes":[{"asset_id":"\(VenueFixture.yes)","price":"0.535","size":"20","side":"BUY","best_bid":"0.535","best_ask":"0.54"}],"timestamp":"1780000000500","event_type":"price_change"}
                """)
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("book", VenueFixture.slug, "--watch", "--json", "--duration", "2")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count >= 3)
        let last = try #require(lines.last?["book"] as? [String: Any])
        #expect(last["tokenId"] as? String == VenueFixture.yes)
        #expect(last["bestBid"] as? String == "0.535")
        #expect(lines.allSatisfy { ($0["receivedAt"] as? String)?.isEmpty == false })
    }

    @Test("record writes books, trades and resolutions that replay as the same events, in order")
    func record() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes(), webSockets: ["/ws/market": { socket in
            guard try await socket.nextText(ignoring: "PING") != nil else { return }
            try await socket.send("[\(try VenueFixture.wsBook(VenueFixture.yes)),\(try VenueFixture.wsBook(VenueFixture.no))]")
            try await socket.send("""
                {"market":"\(VenueFixture.conditionID)","price_changes":[{"asset_id":"\(VenueFixture.yes)","price":"0.54","size":"0","side":"SELL","best_bid":"0.53","best_ask":"0.55"}],"timestamp":"1780000000500","event_type":"price_change"}
                """)
            try await socket.send("""
                {"asset_id":"\(VenueFixture.yes)","event_type":"last_trade_price","fee_rate_bps":"0","market":"\(VenueFixture.conditionID)","price":"0.54","side":"BUY","size":"75","timestamp":"1780000000600"}
                """)
            try await socket.send("""
                {"event_type":"market_resolved","id":"512345","market":"\(VenueFixture.conditionID)","assets_ids":["\(VenueFixture.yes)","\(VenueFixture.no)"],"outcomes":["Yes","No"],"winning_asset_id":"\(VenueFixture.yes)","winning_outcome":"Yes","timestamp":"1780000000700"}
                """)
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let output = cli.home.appendingPathComponent("rec")
        let result = try await cli.run("record", "--market", VenueFixture.slug, "--max-events", "5", "--output", output.path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(summary["events"] as? Int == 5)
        let files = try #require(summary["files"] as? [String])
        #expect(files.count == 1)
        let events = try RecordingReader(contentsOf: URL(fileURLWithPath: files[0])).readAll()
        #expect(events.count == 5)
        guard events.count == 5 else { return }
        guard case .bookSnapshot(let yesBook) = events[0].event, case .bookSnapshot(let noBook) = events[1].event,
              case .bookDelta(let delta) = events[2].event, case .trade(let trade) = events[3].event,
              case .market(let resolved) = events[4].event
        else {
            Issue.record("unexpected event kinds: \(events.map(\.event))")
            return
        }
        #expect(yesBook.instrument.token.rawValue == VenueFixture.yes)
        #expect(noBook.instrument.token.rawValue == VenueFixture.no)
        #expect(yesBook.bids.count == 2)
        #expect(delta.changes == [.set(.ask, try Price(parsing: "0.54"), .zero)])
        #expect(trade.price == (try Price(parsing: "0.54")))
        #expect(trade.size == (try Size(parsing: "75")))
        #expect(resolved.kind == .resolved)
        #expect(resolved.winningToken?.rawValue == VenueFixture.yes)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.receivedAt <= $1.receivedAt })
        #expect(events.allSatisfy { $0.receivedAt.nanoseconds > 0 })
    }

    @Test("record --event records every open market of the event")
    func recordEvent() async throws {
        let venue = try EventVenue()
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let output = cli.home.appendingPathComponent("rec")
        let result = try await cli.run("record", "--event", EventVenue.eventSlug, "--max-events", "4", "--output", output.path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        try venue.expectRecordedOpenMarkets(result, server: server)
        #expect(server.requests(path: "/events/slug/\(EventVenue.eventSlug)").count == 1)
    }

    @Test("record --tag records every open market of the tag's active events")
    func recordTag() async throws {
        let venue = try EventVenue()
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let output = cli.home.appendingPathComponent("rec")
        let result = try await cli.run("record", "--tag", "100", "--max-events", "4", "--output", output.path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        try venue.expectRecordedOpenMarkets(result, server: server)
        let query = try #require(server.requests(path: "/events").first)
        #expect(query.queryValue("tag_id") == "100")
        #expect(query.queryValue("active") == "true")
        #expect(query.queryValue("closed") == "false")
    }

    @Test("a recorder killed mid-stream leaves a file readable up to its last complete record")
    func killedRecorder() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes(), webSockets: ["/ws/market": { socket in
            guard try await socket.nextText(ignoring: "PING") != nil else { return }
            try await socket.send(try VenueFixture.wsBook(VenueFixture.yes))
            for index in 0..<100_000 {
                let size = 1 + index % 500
                try await socket.send("""
                    {"market":"\(VenueFixture.conditionID)","price_changes":[{"asset_id":"\(VenueFixture.yes)","price":"0.52","size":"\(size)","side":"BUY"}],"timestamp":"\(1_780_000_000_000 + index)","event_type":"price_change"}
                    """)
                try await Task.sleep(for: .milliseconds(1))
            }
        }])
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let output = cli.home.appendingPathComponent("rec")
        let started = try cli.start(["record", "--market", VenueFixture.slug, "--output", output.path])
        // Wait until records have reached the file, then kill without warning.
        let deadline = ContinuousClock.now + .seconds(30)
        var file: URL?
        while ContinuousClock.now < deadline {
            file = try? FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil).first { $0.pathExtension == "ewrec" }
            if let file, let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int, size > 4096 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(started.0.processIdentifier, SIGKILL)
        _ = try await EdgewiseProcess.wait(started)
        let recording = try #require(file)
        let events = try RecordingReader(contentsOf: recording).readAll()
        #expect(events.count > 10)
        guard case .bookSnapshot = events.first?.event else {
            Issue.record("the first record should be the book snapshot")
            return
        }
        #expect(events.dropFirst().allSatisfy {
            if case .bookDelta(let delta) = $0.event { return delta.instrument.token.rawValue == VenueFixture.yes && delta.changes.count == 1 }
            return false
        })
    }

    @Test("Ctrl-C stops a recording cleanly: summary printed, file closed and complete")
    func interruptedRecorder() async throws {
        let fixture = try VenueFixture()
        let server = try await LoopbackServer.start(routes: try fixture.routes(), webSockets: ["/ws/market": { socket in
            guard try await socket.nextText(ignoring: "PING") != nil else { return }
            try await socket.send(try VenueFixture.wsBook(VenueFixture.yes))
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let output = cli.home.appendingPathComponent("rec")
        let started = try cli.start(["record", "--market", VenueFixture.slug, "--output", output.path])
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            if files.contains(where: { $0.hasSuffix(".ewrec") }) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(started.0.processIdentifier, SIGINT)
        let result = try await EdgewiseProcess.wait(started)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("recorded 1 event(s) from 1 market(s) into 1 file(s)"), "\(result.stdout)")
        let file = try #require(try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil).first)
        let reader = try RecordingReader(contentsOf: file)
        #expect(reader.readAll().count == 1)
        #expect(reader.end == .complete)
    }

    @Test("errors are one line with a hint and a non-zero exit code")
    func errors() async throws {
        let fixture = try VenueFixture()
        let closed = try await LoopbackServer.closedPort()
        let offline = try EdgewiseProcess(server: nil, closedPort: closed)
        let unreachable = try await offline.run("markets")
        #expect(unreachable.status != 0)
        let lines = unreachable.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(unreachable.stderr)")
        #expect(lines.first?.hasPrefix("error: GET /markets: cannot reach 127.0.0.1") == true, "\(unreachable.stderr)")
        #expect(lines.last?.hasPrefix("hint: ") == true)

        let server = try await LoopbackServer.start(routes: try fixture.routes(gammaMarkets: { _ in .json("{not json") }))
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let unknown = try await cli.run("book", "no-such-market")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.hasPrefix("error: no Polymarket market with slug 'no-such-market'"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("hint: "))

        let malformed = try await cli.run("markets")
        #expect(malformed.status != 0)
        #expect(malformed.stderr.hasPrefix("error: GET /markets: unexpected response"), "\(malformed.stderr)")

        var badURL = cli
        badURL.environment["EDGEWISE_POLYMARKET_GAMMA_URL"] = "gamma.example"
        let misconfigured = try await badURL.run("markets")
        #expect(misconfigured.status == 2)
        #expect(misconfigured.stderr.contains("EDGEWISE_POLYMARKET_GAMMA_URL"), "\(misconfigured.stderr)")

        for (arguments, message) in [
            (["record"], "choose what to record"),
            (["markets", "--limit", "0"], "--limit must be between 1 and 500"),
            (["markets", "--search", "  "], "--search needs some text"),
            (["book", "x", "--depth", "0"], "--depth must be positive"),
            (["book", "x", "--duration", "5"], "--duration only applies with --watch"),
            (["book", "x", "--watch", "--duration", "nan"], "--duration must be a number of seconds"),
            (["record", "--market", "x", "--duration", "inf"], "--duration must be a number of seconds"),
            (["record", "--market", "x", "--max-events", "0"], "--max-events must be positive"),
            (["markets", "--venue", "nasdaq"], "nasdaq"),
        ] {
            let usage = try await cli.run(arguments)
            #expect(usage.status != 0, "\(arguments)")
            #expect(usage.stderr.contains(message), "\(arguments): \(usage.stderr)")
        }
        #expect(server.requests.count == 2, "usage errors must not reach the venue")
    }

    @Test("a rate-limited venue is retried after Retry-After")
    func rateLimited() async throws {
        let fixture = try VenueFixture()
        let list = try SharedFixtures.jsonData([fixture.market])
        let server = try await LoopbackServer.start(routes: try fixture.routes(gammaMarkets: LoopbackResponse.sequence([
            .status(429, body: "slow down", headers: [("Retry-After", "0")]), .status(503), .json(list),
        ])))
        defer { Task { await server.stop() } }
        let cli = try EdgewiseProcess(server: server)
        let result = try await cli.run("markets", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.requests(path: "/markets").count == 3)
    }
}

/// A loopback Polymarket whose event (found by slug, or under tag 100) holds two open markets and
/// a closed one, so that "every open market" is told apart from "the first" and from "all".
/// Its market WebSocket answers a subscription with a book for every token it names.
struct EventVenue {
    static let eventSlug = "paris-rain-june"
    static let secondYes = "10000000000000000000000000000000000000000000000000000000000000000000000000001"
    static let secondNo = "10000000000000000000000000000000000000000000000000000000000000000000000000002"
    static let closedTokens = [
        "20000000000000000000000000000000000000000000000000000000000000000000000000001",
        "20000000000000000000000000000000000000000000000000000000000000000000000000002",
    ]
    static let openTokens: Set<String> = [VenueFixture.yes, VenueFixture.no, secondYes, secondNo]

    let fixture: VenueFixture
    let event: [String: Any]

    init() throws {
        let base = try VenueFixture()
        func variant(_ index: Int, tokens: [String], closed: Bool) -> [String: Any] {
            var market = base.market
            market["id"] = "90000\(index)"
            market["conditionId"] = "0x" + String(repeating: String(index), count: 64)
            market["slug"] = "paris-rain-variant-\(index)"
            market["question"] = "Will it rain in Paris on 2026-06-0\(index + 1)?"
            market["clobTokenIds"] = "[\"\(tokens[0])\", \"\(tokens[1])\"]"
            if closed {
                market["closed"] = true
                market["active"] = false
                market["acceptingOrders"] = false
            }
            return market
        }
        var event = base.event
        event["markets"] = [
            base.market, variant(2, tokens: [Self.secondYes, Self.secondNo], closed: false),
            variant(3, tokens: Self.closedTokens, closed: true),
        ]
        self.fixture = base
        self.event = event
    }

    func start() async throws -> LoopbackServer {
        let eventData = try SharedFixtures.jsonData(event)
        let listData = try SharedFixtures.jsonData([event])
        let routes = try fixture.routes() + [
            .get("/events/slug/{slug}") { request in
                request.path.hasSuffix("/" + Self.eventSlug) ? .json(eventData) : .status(404, body: #"{"error":"not found"}"#)
            },
            .get("/events") { _ in .json(listData) },
        ]
        return try await LoopbackServer.start(routes: routes, webSockets: ["/ws/market": { socket in
            guard let subscription = try await socket.nextText(ignoring: "PING"),
                  let object = try? JSONSerialization.jsonObject(with: Data(subscription.utf8)) as? [String: Any],
                  let tokens = object["assets_ids"] as? [String]
            else { return }
            for token in tokens { try await socket.send(try VenueFixture.wsBook(token)) }
            while try await socket.nextText(timeout: .seconds(30)) != nil {}
        }])
    }

    /// The recording holds one book for each token of the two open markets, and the closed
    /// market's tokens were never subscribed.
    func expectRecordedOpenMarkets(_ result: EdgewiseProcess.Result, server: LoopbackServer) throws {
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(summary["markets"] as? Int == 2)
        #expect(summary["tokens"] as? Int == 4)
        #expect(summary["events"] as? Int == 4)
        let files = try #require(summary["files"] as? [String])
        let events = files.flatMap { (try? RecordingReader(contentsOf: URL(fileURLWithPath: $0)).readAll()) ?? [] }
        let recorded = events.compactMap { received -> String? in
            if case .bookSnapshot(let snapshot) = received.event { return snapshot.instrument.token.rawValue }
            return nil
        }
        #expect(Set(recorded) == Self.openTokens, "\(recorded)")
        let subscription = try #require(server.receivedTexts("/ws/market").first { $0.contains("assets_ids") })
        #expect(Self.openTokens.allSatisfy { subscription.contains($0) })
        #expect(Self.closedTokens.allSatisfy { !subscription.contains($0) })
    }
}
