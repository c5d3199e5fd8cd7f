import EdgewiseCore
import EdgewiseStore
import EdgewiseTestSupport
import Foundation
import Testing

/// `edgewise run --paper` end to end: the binary reads loopback Polymarket and Kalshi (the scan
/// tests' Dutch books), the default arbitrage strategy takes them, the risk engine checks every
/// leg, and the paper broker fills the baskets against those books — journaled in the paper
/// database, never the live one.
@Suite("edgewise run --paper", .requiresSharedFixtures, .timeLimit(.minutes(2)))
struct RunCommandTests {
    static func cli() async throws -> (EdgewiseProcess, LoopbackServer) {
        let server = try await LoopbackServer.start(routes: try ScanCommandTests.polymarketRoutes() + ScanCommandTests.kalshiRoutes())
        var cli = try EdgewiseProcess(server: server)
        cli.environment["EDGEWISE_KALSHI_API_URL"] = server.baseURL.absoluteString + ScanCommandTests.kalshiPrefix
        // A loaded test machine can take seconds between reading a book and trading on it; the
        // book-age limit is not what these tests are about.
        try Data("[risk]\nmax_book_age_milliseconds = 120000\n".utf8).write(to: cli.home.appendingPathComponent("config.toml"))
        return (cli, server)
    }

    static func statuses(_ stdout: String) -> [[String: Any]] {
        stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test("the default arbitrage strategy buys both venues' Dutch books on paper; the final status shows the positions")
    func paperBaskets() async throws {
        let (cli, server) = try await Self.cli()
        defer { Task { await server.stop() } }
        let result = try await cli.run("run", "--paper", "--duration", "3", "--status-interval", "1", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let statuses = Self.statuses(result.stdout)
        let final = try #require(statuses.last)
        #expect(final["final"] as? Bool == true)
        #expect(final["mode"] as? String == "paper")
        #expect(final["killSwitchTripped"] as? Bool == false)
        #expect((final["baskets"] as? Int ?? 0) >= 2, "\(final["decisions"] ?? "")")
        let positions = try #require(final["positions"] as? [[String: Any]])
        let instruments = Set(positions.compactMap { $0["instrument"] as? String })
        // Polymarket: every YES of the partition; Kalshi: every NO of the exclusive event.
        for token in ["alpha-yes", "beta-yes", "gamma-yes"] {
            #expect(instruments.contains("polymarket:\(token)"), "\(instruments)")
        }
        #expect(instruments.filter { $0.hasPrefix("kalshi:KXTEST-1") }.count == 3, "\(instruments)")
        #expect(!instruments.contains { $0.contains("delta") || $0.contains("KXLOOSE") }, "look-alikes are not traded")
        // Each Polymarket leg bought the same number of shares: a whole basket.
        let polymarketSizes = Set(positions.filter { ($0["instrument"] as? String)?.hasPrefix("polymarket:") == true }.compactMap { $0["size"] as? String })
        #expect(polymarketSizes.count == 1, "\(positions)")
        // The bids are a cent, yet complete Dutch books are worth their payout: the run is up by
        // the profits the radar priced, and the loss limits are nowhere near tripping.
        let pnl = try #require((final["pnl"] as? String).flatMap { Amount($0) })
        #expect(pnl > .zero, "\(final)")

        // The journal is the paper database's; the live one holds no order.
        let paper = try EdgewiseStore(path: cli.home.appendingPathComponent("edgewise-paper.sqlite").path)
        #expect(try paper.allFills().count >= 6)
        let live = try EdgewiseStore(path: cli.databasePath)
        #expect(try live.allFills().isEmpty)
        #expect(try live.ordersThatMayBeLive().isEmpty)
    }

    @Test("SIGINT stops cleanly: the final status is printed and the exit status is 0")
    func interrupt() async throws {
        let (cli, server) = try await Self.cli()
        defer { Task { await server.stop() } }
        let started = try cli.start(["run", "--status-interval", "0.5", "--json"])
        let (process, out, _) = started
        // Wait for the first periodic status: the agent is running.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if !Self.statuses(text).isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGINT)
        let result = try await EdgewiseProcess.wait(started, timeout: .seconds(30))
        #expect(result.status == 0, "\(result.stderr)")
        let final = try #require(Self.statuses(result.stdout).last)
        #expect(final["final"] as? Bool == true)
        #expect((final["openOrders"] as? [Any])?.isEmpty == true)
    }

    @Test("a --strategy that is not configured fails before anything is read, naming the configured ones")
    func unknownStrategy() async throws {
        let cli = try EdgewiseProcess(server: nil)
        let result = try await cli.run("run", "--strategy", "nope")
        #expect(result.status != 0)
        #expect(result.stderr.contains("arbitrage"), "\(result.stderr)")
    }

    @Test("contradictory or out-of-range flags are refused before anything runs", arguments: [
        (["--paper", "--live"], "choose --paper or --live"),
        (["--duration", "0"], "--duration must be positive"),
        (["--status-interval=-1"], "--status-interval must be positive"),
        (["--observations", "/nonexistent/feed.jsonl"], "no readable file"),
    ])
    func badFlags(flags: [String], message: String) async throws {
        let cli = try EdgewiseProcess(server: nil)
        let result = try await cli.run(["run"] + flags)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
