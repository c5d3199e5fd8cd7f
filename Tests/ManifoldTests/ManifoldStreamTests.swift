import EdgewiseCore
import EdgewiseManifold
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Manifold stream against loopback", .timeLimit(.minutes(1)))
struct ManifoldStreamTests {
    static func message(_ text: String?) -> [String: Any] {
        (text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }) ?? [:]
    }

    static func ack(_ text: String?, success: Bool = true, error: String? = nil) -> String {
        let txid = message(text)["txid"] as? Int ?? -1
        return #"{"type":"ack","txid":\#(txid),"success":\#(success)\#(error.map { #","error":"\#($0)""# } ?? "")}"#
    }

    /// The next client message of `type`, acknowledging the pings met on the way (a real server
    /// acknowledges every message, and the stream's silence watchdog relies on it).
    static func next(_ type: String, on socket: LoopbackWebSocket, log: ScriptLog) async throws -> String? {
        while let text = try await socket.nextText() {
            let kind = message(text)["type"] as? String
            if kind == "ping" {
                log.add("ping \(socket.connection)")
                try await socket.send(ack(text))
            }
            if kind == type { return text }
        }
        return nil
    }

    func start(
        _ script: @escaping LoopbackWebSocketScript, topics: [ManifoldTopic] = [.globalNewBet, .contractNewBet("c1")],
        ping: Duration = .milliseconds(100)
    ) async throws -> (LoopbackServer, ManifoldStream, Collector<ManifoldStreamUpdate>) {
        let server = try await LoopbackServer.start(webSockets: ["/ws": script])
        let stream = ManifoldStream(
            endpoints: ManifoldEndpoints(api: server.baseURL, webSocket: server.webSocketURL("/ws")), topics: topics,
            configuration: .init(
                pingInterval: ping, initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50),
                silenceTimeout: .seconds(30)),
            logger: quietLogger)
        return (server, stream, Collector(await stream.updates()))
    }

    func stop(_ server: LoopbackServer, _ stream: ManifoldStream, _ updates: Collector<ManifoldStreamUpdate>) async throws {
        stream.stop()
        try await updates.wait(for: "stopped") { if case .connection(.stopped) = $0 { true } else { false } }
        await server.stop()
    }

    @Test func subscribeAckBroadcastMalformedPingReconnectResubscribe() async throws {
        let log = ScriptLog()
        let bet = betJSON(id: "b1", contractId: "c1", amount: 10)
        let (server, stream, updates) = try await start { socket in
            let subscription = try await Self.next("subscribe", on: socket, log: log)
            log.add("subscribe \(socket.connection): \(subscription ?? "nil")")
            if socket.connection == 1 {
                try await socket.send(Self.ack(subscription))
                try await socket.send(#"{"type":"broadcast","topic":"contract/c1/new-bet","data":{"bets":[\#(bet)]}}"#)
                try await socket.send("{not json")
                try await socket.send(#"{"type":"broadcast","topic":"global/new-bet","data":{"bets":[{"noId":true}]}}"#)
                try await socket.send(#"{"type":"mystery","txid":9}"#)
                try await socket.send(#"{"type":"broadcast","topic":"global/new-bet","data":{"bets":[\#(bet)]}}"#)
                _ = try await Self.next("ping", on: socket, log: log)
                return  // drop the connection
            }
            try await socket.send(Self.ack(subscription, success: false, error: "Invalid topic"))
            while try await Self.next("never", on: socket, log: log) != nil {}
        }

        let broadcasts = try await updates.wait(for: "two new-bet broadcasts", count: 2) { $0.broadcast != nil }
        #expect(broadcasts[0].broadcast?.topic == .contractNewBet("c1"))
        #expect(broadcasts[0].broadcast?.bets.map(\.id) == ["b1"])
        #expect(broadcasts[0].broadcast?.bets.first?.amount == 10)
        #expect(broadcasts[1].broadcast?.topic == .globalNewBet)

        let rejected = try await updates.wait(for: "rejected resubscription") {
            if case .problem(.subscriptionRejected) = $0 { true } else { false }
        }
        guard case .problem(.subscriptionRejected(_, let topics, let message)) = rejected[0] else { return }
        #expect(topics == [.globalNewBet, .contractNewBet("c1")])
        #expect(message == "Invalid topic")

        #expect(updates.all.contains { if case .connection(.connected(connection: 2)) = $0 { true } else { false } })
        let subscriptions = log.all.filter { $0.hasPrefix("subscribe") }
        #expect(subscriptions.count == 2)
        let first = Self.message(String(subscriptions[0].drop { $0 != "{" }))
        let second = Self.message(String(subscriptions[1].drop { $0 != "{" }))
        #expect(first["topics"] as? [String] == ["global/new-bet", "contract/c1/new-bet"])
        #expect(second["topics"] as? [String] == ["global/new-bet", "contract/c1/new-bet"])
        #expect(first["txid"] as? Int != second["txid"] as? Int)
        #expect(log.all.contains("ping 1"))

        let statistics = await stream.statistics
        #expect(statistics.malformedFrames == 2)  // invalid JSON, and a bet without an id
        #expect(statistics.unknownMessages == 1)
        #expect(statistics.broadcasts == 2)
        #expect(statistics.bets == 2)
        #expect(statistics.reconnects == 1)
        #expect(statistics.rejectedAcks == 1)
        #expect(statistics.pingsSent >= 1)
        #expect(updates.all.filter { if case .problem(.malformedFrame) = $0 { true } else { false } }.count == 2)
        #expect(updates.all.contains { if case .problem(.unknownMessage("mystery")) = $0 { true } else { false } })
        try await stop(server, stream, updates)
    }

    @Test func pingsCarryFreshTxids() async throws {
        let log = ScriptLog()
        let pings = ScriptLog()
        let (server, stream, updates) = try await start({ socket in
            try await socket.send(Self.ack(try await Self.next("subscribe", on: socket, log: log)))
            for _ in 0..<2 {
                let ping = try await Self.next("ping", on: socket, log: log)
                pings.add(ping ?? "nil")
            }
            while try await Self.next("never", on: socket, log: log) != nil {}
        }, ping: .milliseconds(50))
        try await eventually("two pings") { pings.all.count == 2 }
        let txids = pings.all.map { Self.message($0)["txid"] as? Int }
        #expect(txids[0] != nil && txids[0] != txids[1])
        #expect(pings.all.allSatisfy { Self.message($0)["type"] as? String == "ping" })
        #expect(updates.all.allSatisfy { if case .problem = $0 { false } else { true } })
        try await stop(server, stream, updates)
    }

    @Test func subscribeLaterOnALiveConnection() async throws {
        let log = ScriptLog()
        let (server, stream, updates) = try await start({ socket in
            try await socket.send(Self.ack(try await Self.next("subscribe", on: socket, log: log)))
            let later = try await Self.next("subscribe", on: socket, log: log)
            log.add(later ?? "nil")
            try await socket.send(Self.ack(later))
            while try await Self.next("never", on: socket, log: log) != nil {}
        }, topics: [.globalNewBet], ping: .seconds(30))
        try await updates.wait(for: "connected") { if case .connection(.connected) = $0 { true } else { false } }
        await stream.subscribe([.contract("c9"), .globalNewBet])
        try await eventually("second subscription") { log.all.count == 1 }
        #expect(Self.message(log.all[0])["topics"] as? [String] == ["contract/c9"])
        #expect(await stream.topics == [.globalNewBet, .contract("c9")])
        try await stop(server, stream, updates)
    }

    @Test func unreachableServerKeepsRetryingAndNamesTheOverride() async throws {
        let port = try await LoopbackServer.closedPort()
        let stream = ManifoldStream(
            endpoints: ManifoldEndpoints(api: URL(string: "http://127.0.0.1:\(port)")!, webSocket: URL(string: "ws://127.0.0.1:\(port)/ws")!),
            topics: [.globalNewBet], configuration: .init(initialReconnectDelay: .milliseconds(5), maxReconnectDelay: .milliseconds(20)),
            logger: quietLogger)
        let updates = Collector(await stream.updates())
        let failures = try await updates.wait(for: "two failed attempts", count: 2) {
            if case .connection(.disconnected) = $0 { true } else { false }
        }
        guard case .connection(.disconnected(let reason)) = failures[0] else { return }
        #expect(reason.contains("EDGEWISE_MANIFOLD_WS_URL"))
        stream.stop()
        try await updates.wait(for: "stopped") { if case .connection(.stopped) = $0 { true } else { false } }
    }
}
