import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing

@Suite("Polymarket heartbeat dead-man switch against loopback", .timeLimit(.minutes(1)))
struct DeadMansSwitchTests {
    /// A venue that hands out a new id per beat and insists on being sent the last one.
    static func chainingServer(failAfter: Int = .max) async throws -> TradingLoopback {
        let state = Mutex<(count: Int, expected: String)>((0, ""))
        return try await TradingLoopback.start(routes: [
            ("POST", "/v1/heartbeats", { request in
                let sent = (try? JSONSerialization.jsonObject(with: request.body) as? [String: String])?["heartbeat_id"]
                return state.withLock { state in
                    state.count += 1
                    if state.count > failAfter { return .json(#"{"error":"internal"}"#, status: 500) }
                    guard sent == state.expected else {
                        return .json(#"{"heartbeat_id":"\#(state.expected)","error":"Invalid Heartbeat ID"}"#, status: 400)
                    }
                    state.expected = "hb-\(state.count)"
                    return .json(#"{"heartbeat_id":"\#(state.expected)","error":null}"#)
                }
            })
        ])
    }

    @Test func sendHeartbeatChainsIDs() async throws {
        let loopback = try await Self.chainingServer()
        let client = try tradingClient(loopback)
        let first = try await client.sendHeartbeat(previousID: nil)
        #expect(first == "hb-1")
        #expect(try await client.sendHeartbeat(previousID: first) == "hb-2")
        do {
            _ = try await client.sendHeartbeat(previousID: "stale")
            Issue.record("expected a refusal")
        } catch {
            guard case .heartbeatRejected(_, let expected, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(expected == "hb-2" && message == "Invalid Heartbeat ID")
        }
        #expect(try #require(loopback.requests(path: "/v1/heartbeats").first).bodyText == #"{"heartbeat_id":""}"#)
        #expect(loopback.authFailures.isEmpty)
        await loopback.stop()
    }

    @Test func theSwitchBeatsOnScheduleAndStops() async throws {
        let loopback = try await Self.chainingServer()
        let deadMan = PolymarketDeadMansSwitch(client: try tradingClient(loopback), interval: .milliseconds(50))
        let events = Collector(deadMan.events)
        await deadMan.start()
        await deadMan.start()  // idempotent
        try await events.wait(for: "three beats", count: 3) { if case .beat = $0 { true } else { false } }
        #expect(await deadMan.isRunning)
        await deadMan.stop()
        #expect(await !deadMan.isRunning)
        // A stopped switch stays stopped: its events have finished.
        await deadMan.start()
        #expect(await !deadMan.isRunning)
        try await events.wait(for: "stopped") { if case .stopped = $0 { true } else { false } }
        let ids = events.all.compactMap { event -> String? in if case .beat(let id) = event { id } else { nil } }
        #expect(Array(ids.prefix(3)) == ["hb-1", "hb-2", "hb-3"])
        let bodies = loopback.requests(path: "/v1/heartbeats").map(\.bodyText)
        #expect(Array(bodies.prefix(3)) == [#"{"heartbeat_id":""}"#, #"{"heartbeat_id":"hb-1"}"#, #"{"heartbeat_id":"hb-2"}"#])
        #expect(loopback.authFailures.isEmpty)
        events.cancel()
        await loopback.stop()
    }

    @Test func failuresAreReportedAndAMissedDeadlineIsAnnounced() async throws {
        let loopback = try await Self.chainingServer(failAfter: 1)
        let deadMan = PolymarketDeadMansSwitch(
            client: try tradingClient(loopback), interval: .milliseconds(40), venueDeadline: .milliseconds(150))
        let events = Collector(deadMan.events)
        await deadMan.start()
        try await events.wait(for: "the first beat") { if case .beat = $0 { true } else { false } }
        try await events.wait(for: "failures", count: 2) { if case .failed = $0 { true } else { false } }
        try await events.wait(for: "the deadline") { if case .deadlineMissed = $0 { true } else { false } }
        await deadMan.stop()
        let failures = events.all.compactMap { event -> Int? in if case .failed(_, let count) = event { count } else { nil } }
        #expect(Array(failures.prefix(2)) == [1, 2])
        if case .failed(let error, _) = events.all.first(where: { if case .failed = $0 { true } else { false } }) {
            guard case .venueUnavailable(_, 500, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        // Announced once per outage, not once per failure.
        #expect(events.all.filter { if case .deadlineMissed = $0 { true } else { false } }.count == 1)
        events.cancel()
        await loopback.stop()
    }

    @Test func aRefusedIDIsReplacedByTheOneTheVenueExpects() async throws {
        let loopback = try await Self.chainingServer()
        let client = try tradingClient(loopback)
        // Another process advanced the chain: this switch's first id is stale.
        _ = try await client.sendHeartbeat(previousID: nil)
        let deadMan = PolymarketDeadMansSwitch(client: client, interval: .milliseconds(50))
        let events = Collector(deadMan.events)
        await deadMan.start()
        try await events.wait(for: "recovery beat") { if case .beat = $0 { true } else { false } }
        await deadMan.stop()
        let first = try #require(events.all.first)
        guard case .failed(.heartbeatRejected(_, "hb-1", _), 1) = first else {
            Issue.record("expected the refusal first, got \(first)")
            return
        }
        #expect(loopback.requests(path: "/v1/heartbeats").map(\.bodyText).prefix(3)
            == [#"{"heartbeat_id":""}"#, #"{"heartbeat_id":""}"#, #"{"heartbeat_id":"hb-1"}"#])
        events.cancel()
        await loopback.stop()
    }
}
