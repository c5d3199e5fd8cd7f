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
        for command in [[], ["markets"], ["book"], ["record"]] {
            let result = try await cli.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE: edgewise"), "\(command)")
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
