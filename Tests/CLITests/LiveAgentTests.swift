import EdgewiseCore
import EdgewiseStore
import EdgewiseTestSupport
import Foundation
import Testing

/// `edgewise run --live --venue kalshi` end to end: the built binary against a loopback Kalshi
/// that keeps its orders, fills and balance (``LiveKalshiVenue``), trading the KXTEST-1 Dutch
/// book with the default arbitrage strategy. Every test checks what the venue received (the
/// order POSTs by client_order_id, the DELETEs) and what the SQLite journal holds, not only what
/// the binary printed.
@Suite("edgewise run --live (Kalshi)", .requiresSharedFixtures, .timeLimit(.minutes(2)))
struct LiveAgentTests {
    /// Small, quick, and unrefused: the whole account may go into the basket, one second per leg.
    static let config = """
        [agent]
        venues = ["kalshi"]
        max_book_age_seconds = 120

        [risk]
        per_event = "100%"
        per_order = "100%"
        per_venue = "100%"
        per_category = "100%"
        max_book_age_milliseconds = 120000

        [strategies.arbitrage]
        type = "arbitrage"
        kinds = ["dutch_book"]
        cooldown_seconds = 600
        leg_time_budget_seconds = 1

        [network]
        request_timeout_seconds = 3
        max_retries = 0
        """

    /// The binary with Kalshi credentials, its REST API on `server`, its WebSocket on a port that
    /// refuses (the REST books read at start are what the agent trades on).
    static func cli(_ server: LoopbackServer) async throws -> EdgewiseProcess {
        var cli = try KalshiCommandTests.cli(server)
        cli.environment["EDGEWISE_KALSHI_WS_URL"] = "ws://127.0.0.1:\(try await LoopbackServer.closedPort())/trade-api/ws/v2"
        try Data(config.utf8).write(to: cli.home.appendingPathComponent("config.toml"))
        return cli
    }

    static func statuses(_ stdout: String) -> [[String: Any]] { RunCommandTests.statuses(stdout) }

    /// The size of each held instrument in a status, by instrument ("kalshi:KXTEST-1-A/NO").
    static func positions(_ status: [String: Any]) -> [String: String] {
        var sizes: [String: String] = [:]
        for holding in status["positions"] as? [[String: Any]] ?? [] {
            if let instrument = holding["instrument"] as? String, let size = holding["size"] as? String { sizes[instrument] = size }
        }
        return sizes
    }

    static func instrument(_ ticker: String) -> String { "kalshi:\(ticker)/NO" }

    static func read(_ file: URL) -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }

    // MARK: 1. Crash between send and acknowledgment

    @Test("SIGKILL after the first leg's POST reached the venue: the restart finds it by client_order_id, books its fill once, sends nothing twice")
    func killedBetweenSendAndAcknowledgment() async throws {
        let venue = try LiveKalshiVenue(books: LiveKalshiVenue.dutchBook(), rules: [0: .holdFirst])
        let server = try await venue.start()
        defer {
            venue.set { $0.released = true }
            Task { await server.stop() }
        }
        let cli = try await Self.cli(server)

        let started = try cli.start(["run", "--live", "--venue", "kalshi", "--json"])
        try await eventually("the venue holds the first order", timeout: .seconds(60)) { !venue.snapshot.held.isEmpty }
        kill(started.0.processIdentifier, SIGKILL)
        let killed = try await EdgewiseProcess.wait(started, timeout: .seconds(10))
        #expect(killed.status == SIGKILL, "\(killed.stderr)")

        let held = try #require(venue.snapshot.held.first)
        let booked = try #require(venue.snapshot.orders.first { $0.clientOrderID == held })
        #expect(booked.status == "executed" && booked.filled == 10)
        #expect(venue.posts().count == 1, "the process died with one order out")
        // The journal holds the order as sent, its outcome unknown.
        do {
            let store = try EdgewiseStore(path: cli.databasePath)
            let journaled = try #require(try store.order(ClientOrderID(held)))
            #expect(journaled.status == .submitted)
            #expect(try store.ordersThatMayBeLive().map(\.id) == [ClientOrderID(held)])
        }

        let restarted = try await cli.run("run", "--live", "--venue", "kalshi", "--duration", "3", "--json", timeout: .seconds(60))
        #expect(restarted.status == 0, "\(restarted.stderr)")

        // The venue: one POST ever carried that id, and no second order for the same leg.
        #expect(venue.posts(clientOrderID: held) == 1)
        let sameLeg = venue.posts().filter { $0["ticker"] as? String == booked.ticker && $0["action"] as? String == "buy" }
        #expect(sameLeg.count == 1, "\(venue.posts())")
        #expect(venue.posts().count == 1, "the opportunity is gone after the fill: no new basket")

        // The journal: filled, with the venue's fill once, nothing left that may be live.
        let store = try EdgewiseStore(path: cli.databasePath)
        let order = try #require(try store.order(ClientOrderID(held)))
        #expect(order.status == .filled)
        #expect(order.venueOrderID?.rawValue == booked.orderID)
        let fills = try store.fills(clientOrderID: ClientOrderID(held))
        #expect(fills.count == 1)
        #expect(fills.first?.size == Size(10))
        #expect(fills.first?.id.rawValue == booked.fills.first?.tradeID)
        #expect(try store.ordersThatMayBeLive().isEmpty)

        // The final status holds exactly the fill.
        let final = try #require(Self.statuses(restarted.stdout).last)
        #expect(final["final"] as? Bool == true)
        #expect(Self.positions(final)[Self.instrument(booked.ticker)] == "10", "\(final)")
        #expect((final["openOrders"] as? [Any])?.isEmpty == true)
        #expect(final["baskets"] as? Int == 0)
    }

    // MARK: 2. Partial fill, refusal: the basket shrinks by the stated rule

    /// Runs three seconds against `venue`; returns the final status and the journal.
    static func runBriefly(_ venue: LiveKalshiVenue, seconds: String = "4") async throws -> (final: [String: Any], store: EdgewiseStore, cli: EdgewiseProcess, result: EdgewiseProcess.Result) {
        let server = try #require(venue.server.withLock { $0 })
        let cli = try await Self.cli(server)
        let result = try await cli.run("run", "--live", "--venue", "kalshi", "--duration", seconds, "--json", timeout: .seconds(80))
        #expect(result.status == 0, "\(result.stderr)")
        let final = try #require(Self.statuses(result.stdout).last, "\(result.stderr)")
        #expect(final["final"] as? Bool == true)
        return (final, try EdgewiseStore(path: cli.databasePath), cli, result)
    }

    @Test("a leg the venue fills only partly: the basket shrinks to that size, the leg bought before sells its excess, the legs end equal")
    func partialFillShrinks() async throws {
        let venue = try LiveKalshiVenue(books: LiveKalshiVenue.dutchBook(), rules: [1: .fillAtMost(4)])
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let (final, store, _, _) = try await Self.runBriefly(venue)

        let state = venue.snapshot
        #expect(state.postedTickers.count == 3, "every leg was tried: \(state.postedTickers)")
        let (first, partial, last) = (state.postedTickers[0], state.postedTickers[1], state.postedTickers[2])
        // The partial leg was retried at the slipped limit before the basket shrank.
        #expect((state.postsByTicker[partial] ?? 0) >= 2)
        let buys = { (ticker: String) in venue.posts().filter { $0["ticker"] as? String == ticker && $0["action"] as? String == "buy" } }
        let sells = { (ticker: String) in venue.posts().filter { $0["ticker"] as? String == ticker && $0["action"] as? String == "sell" } }
        // The last leg bought only the shrunk size; the first sold back its excess of 6.
        #expect(buys(last).map { $0["count_fp"] as? String } == ["4.00"])
        #expect(sells(first).map { $0["count_fp"] as? String } == ["6.00"])
        #expect(sells(partial).isEmpty && sells(last).isEmpty)
        #expect(venue.posts().allSatisfy { $0["time_in_force"] as? String == "immediate_or_cancel" })

        // Positions: four of every leg, at the venue and in the final status.
        let positions = Self.positions(final)
        for ticker in LiveKalshiVenue.tickers {
            #expect(positions[Self.instrument(ticker)] == "4", "\(ticker): \(positions)")
        }
        let decisions = (final["decisions"] as? [String] ?? []).joined(separator: "\n")
        #expect(decisions.contains("shrunk to 4 baskets"), "\(decisions)")
        // Nothing is left resting, at the venue or in the journal.
        #expect(!state.orders.contains { $0.status == "resting" })
        #expect(try store.ordersThatMayBeLive().isEmpty)
        #expect((final["openOrders"] as? [Any])?.isEmpty == true)
        #expect(try store.allFills().count == state.orders.reduce(0) { $0 + $1.fills.count }, "every venue fill journaled once")
    }

    @Test("a partial fill and then a refused leg: the basket shrinks to zero and every leg bought is sold back — flat")
    func partialFillThenRefusalUnwindsToFlat() async throws {
        let venue = try LiveKalshiVenue(books: LiveKalshiVenue.dutchBook(), rules: [1: .fillAtMost(4), 2: .refuse])
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let (final, store, _, _) = try await Self.runBriefly(venue)

        let state = venue.snapshot
        #expect(state.postedTickers.count == 3, "\(state.postedTickers)")
        let (first, partial, refused) = (state.postedTickers[0], state.postedTickers[1], state.postedTickers[2])
        let sells = { (ticker: String) in venue.posts().filter { $0["ticker"] as? String == ticker && $0["action"] as? String == "sell" } }
        #expect(sells(first).map { $0["count_fp"] as? String } == ["10.00"])
        #expect(sells(partial).map { $0["count_fp"] as? String } == ["4.00"])
        #expect(sells(refused).isEmpty)
        #expect(!state.orders.contains { $0.ticker == refused }, "the refused leg was never booked")

        // Flat: what each leg bought it sold, at the venue and in the status.
        for ticker in [first, partial] {
            let net = state.orders.filter { $0.ticker == ticker }.reduce(0) { $0 + ($1.action == "buy" ? $1.filled : -$1.filled) }
            #expect(net == 0, "\(ticker) at the venue")
        }
        let positions = Self.positions(final)
        for ticker in LiveKalshiVenue.tickers {
            let size = positions[Self.instrument(ticker)]
            #expect(size == nil || size == "0", "\(ticker): \(positions)")
        }
        let decisions = (final["decisions"] as? [String] ?? []).joined(separator: "\n")
        #expect(decisions.contains("rejected"), "\(decisions)")
        // The basket's decision, as journaled: shrunk to nothing, both bought legs unwound.
        let notes = try store.recentDecisions().flatMap(\.notes).joined(separator: "\n")
        #expect(notes.contains("shrunk to 0 baskets") && notes.contains("2 unwind order(s)"), "\(notes)")
        #expect(!state.orders.contains { $0.status == "resting" })
        #expect(try store.ordersThatMayBeLive().isEmpty)
    }

    // MARK: 3. Unknown outcome in the middle of the basket

    @Test("the second leg's POST is booked but answered 503 and the venue cannot be asked: the executor stops, nothing is resent or unwound; a restart recovers the fill")
    func unknownOutcomeStopsTheBasket() async throws {
        let venue = try LiveKalshiVenue(books: LiveKalshiVenue.dutchBook(), rules: [1: .failFirstAfterBooking])
        venue.set { $0.lookupsDown = true }
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let (final, store, cli, first) = try await Self.runBriefly(venue, seconds: "6")

        let state = venue.snapshot
        #expect(state.postedTickers.count == 2, "no leg after the unknown one: \(state.postedTickers)")
        let posts = venue.posts()
        #expect(posts.count == 2, "no further leg, no resend, no unwind: \(posts)")
        let unknownTicker = try #require(state.postedTickers.last)
        let unknownID = try #require(posts.last?["client_order_id"] as? String)
        let booked = try #require(state.orders.first { $0.clientOrderID == unknownID })
        #expect(booked.status == "executed" && booked.filled == 10)
        // The order manager asked (and the venue could not say).
        let lookups = server.requests.filter { $0.method == "GET" && $0.path == "\(LiveKalshiVenue.prefix)/portfolio/orders" }
        #expect(lookups.count >= 2, "the client's own lookup and the order manager's")

        let decisions = (final["decisions"] as? [String] ?? []).joined(separator: "\n")
        #expect(decisions.contains("outcome of \(unknownID) unknown"), "\(decisions)")
        let journaled = try #require(try store.order(ClientOrderID(unknownID)))
        #expect(journaled.status.mayBeLive, "still unknown: \(journaled.status)")
        #expect(try store.fills(clientOrderID: ClientOrderID(unknownID)).isEmpty)
        let positions = Self.positions(final)
        #expect(positions[Self.instrument(state.postedTickers[0])] == "10", "\(positions)")
        #expect(positions[Self.instrument(unknownTicker)] == nil, "\(positions)")
        _ = first

        // The venue answers again; the next start settles the order from its lookup.
        venue.set { $0.lookupsDown = false }
        let restarted = try await cli.run("run", "--live", "--venue", "kalshi", "--duration", "3", "--json", timeout: .seconds(60))
        #expect(restarted.status == 0, "\(restarted.stderr)")
        #expect(venue.posts(clientOrderID: unknownID) == 1)
        #expect(venue.posts().count == 2, "nothing sent after the restart: \(venue.posts())")
        let recovered = try #require(try store.order(ClientOrderID(unknownID)))
        #expect(recovered.status == .filled)
        #expect(recovered.venueOrderID?.rawValue == booked.orderID)
        #expect(try store.fills(clientOrderID: ClientOrderID(unknownID)).count == 1)
        #expect(try store.ordersThatMayBeLive().isEmpty)
        let after = try #require(Self.statuses(restarted.stdout).last)
        #expect(Self.positions(after)[Self.instrument(unknownTicker)] == "10", "\(after)")
        #expect(Self.positions(after)[Self.instrument(state.postedTickers[0])] == "10", "\(after)")
    }

    // MARK: 4. The kill switch while running

    @Test("edgewise kill while the agent runs: the next status shows the switch tripped and the resting order is cancelled at the venue; kill --reset re-arms it")
    func killSwitchWhileRunning() async throws {
        let venue = try LiveKalshiVenue(books: LiveKalshiVenue.quietBook())
        let server = try await venue.start()
        defer { Task { await server.stop() } }
        let cli = try await Self.cli(server)

        // A resting order placed earlier by hand.
        let placed = try await cli.run(
            "order", "place", "--venue", "kalshi", "--market", "KXTEST-1-A", "--outcome", "yes", "--side", "buy", "--price", "0.20",
            "--size", "5", "--live", "--json")
        #expect(placed.status == 0, "\(placed.stderr)")
        let resting = try #require(venue.snapshot.orders.first)
        #expect(resting.status == "resting")

        let started = try cli.start(["run", "--live", "--venue", "kalshi", "--json", "--status-interval", "0.5"])
        let out = started.1
        defer { if started.0.isRunning { kill(started.0.processIdentifier, SIGKILL) } }
        try await eventually("a status showing the resting order", timeout: .seconds(60)) {
            Self.statuses(Self.read(out)).contains { ($0["openOrders"] as? [Any])?.count == 1 }
        }
        #expect(venue.deletes().isEmpty)
        #expect(Self.statuses(Self.read(out)).allSatisfy { $0["killSwitchTripped"] as? Bool == false })

        let killed = try await cli.run("kill", "--note", "test trip", "--json")
        #expect(killed.status == 0, "\(killed.stderr)")
        let seen = Self.statuses(Self.read(out)).count
        try await eventually("a status with the switch tripped", timeout: .seconds(20)) {
            Self.statuses(Self.read(out)).dropFirst(seen).contains { $0["killSwitchTripped"] as? Bool == true }
        }
        try await eventually("the venue cancelled the resting order", timeout: .seconds(20)) {
            venue.snapshot.orders.first?.status == "canceled"
        }
        // Cancelled while running — not by the shutdown.
        #expect(started.0.isRunning)
        #expect(venue.deletes().map(\.path) == ["\(LiveKalshiVenue.prefix)/portfolio/orders/\(resting.orderID)"])
        try await eventually("a status without open orders", timeout: .seconds(20)) {
            Self.statuses(Self.read(out)).last.map { ($0["openOrders"] as? [Any])?.isEmpty == true && $0["killSwitchTripped"] as? Bool == true } ?? false
        }
        let tripped = try #require(Self.statuses(Self.read(out)).last)
        #expect((tripped["killSwitchReason"] as? String)?.contains("test trip") == true, "\(tripped)")

        let reset = try await cli.run("kill", "--reset", "--json")
        #expect(reset.status == 0, "\(reset.stderr)")
        let seenBeforeReset = Self.statuses(Self.read(out)).count
        try await eventually("a status with the switch re-armed", timeout: .seconds(20)) {
            Self.statuses(Self.read(out)).dropFirst(seenBeforeReset).contains { $0["killSwitchTripped"] as? Bool == false }
        }

        kill(started.0.processIdentifier, SIGINT)
        let result = try await EdgewiseProcess.wait(started, timeout: .seconds(30))
        #expect(result.status == 0, "\(result.stderr)")
        let final = try #require(Self.statuses(result.stdout).last)
        #expect(final["final"] as? Bool == true)
        #expect(final["killSwitchTripped"] as? Bool == false)
        #expect(venue.deletes().count == 1, "one cancel, nothing else to cancel at shutdown")
        #expect(venue.posts().count == 1, "the agent sent nothing itself")
        let store = try EdgewiseStore(path: cli.databasePath)
        #expect(try store.ordersThatMayBeLive().isEmpty)
        #expect(try store.order(ClientOrderID(resting.clientOrderID))?.status == .cancelled)
    }
}
