import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing


/// Keeps a server-side connection open until the client goes away.
func holdOpen(_ socket: LoopbackWebSocket, log: ScriptLog? = nil) async throws {
    while try await socket.nextText(timeout: .seconds(60)) != nil {}
    log?.add("closed \(socket.connection)")
}

@Suite("Reconnecting WebSocket against loopback", .timeLimit(.minutes(1)))
struct ReconnectingWebSocketTests {
    @Test func keepAliveReconnectResubscribeAndCleanStop() async throws {
        let log = ScriptLog()
        let server = try await LoopbackServer.start(webSockets: ["/ws": { socket in
            log.add("sub \(socket.connection): \(try await socket.nextText() ?? "nil")")
            if socket.connection == 1 {
                // Two keep-alives, each answered so the link never looks silent however slow the
                // machine is, then the server drops the link.
                log.add("first \(try await socket.nextText() ?? "nil")")
                try await socket.send("PONG")
                log.add("second \(try await socket.nextText() ?? "nil")")
                try await socket.send("bye")
                return
            }
            try await socket.send("hello \(socket.connection)")
            try await holdOpen(socket, log: log)
        }])
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: server.webSocketURL("/ws").absoluteString, keepAliveText: "PING", keepAliveInterval: .milliseconds(100),
                initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50),
                // This test is about keep-alives and reconnecting, not the silence watchdog (tested
                // below): a wide limit keeps a stalled test machine from replacing link 1 early.
                silenceTimeout: .seconds(30)),
            subscriptionMessages: { ["SUBSCRIBE"] })
        let events = Collector(socket.events())
        try await events.wait(for: "text after reconnect", timeout: .seconds(20)) { event in
            if case .text("hello 2", _) = event { return true }
            return false
        }
        #expect(log.all.prefix(3) == ["sub 1: SUBSCRIBE", "first PING", "second PING"])
        #expect(log.all.contains("sub 2: SUBSCRIBE"))
        #expect(server.receivedTexts("/ws").filter { $0 == "SUBSCRIBE" }.count == 2)
        let states = events.all.compactMap { event -> WebSocketConnectionState? in
            if case .state(let state) = event { return state }
            return nil
        }
        #expect(states.first == .connected(connection: 1))
        #expect(states.contains { if case .disconnected = $0 { true } else { false } })
        #expect(states.contains { if case .reconnecting(1, _) = $0 { true } else { false } })
        #expect(states.contains(.connected(connection: 2)))
        #expect(events.all.contains { if case .text("bye", _) = $0 { true } else { false } })

        socket.stop()
        try await events.wait(for: "stopped") { if case .state(.stopped) = $0 { true } else { false } }
        // The server sees the connection close: nothing is left running on our side.
        try await eventually("server saw the close") { log.all.contains("closed 2") }
        #expect(!socket.isConnected)
        await server.stop()
    }

    @Test func aSilentConnectionIsPresumedDeadAndReplaced() async throws {
        // The server reads (so our keep-alives are "delivered") but never answers: a half-open link.
        let server = try await LoopbackServer.start(webSockets: ["/ws": { socket in
            if socket.connection == 1 {
                try await holdOpen(socket)
            } else {
                _ = try await socket.nextText()
                try await socket.send("alive \(socket.connection)")
                try await holdOpen(socket)
            }
        }])
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: server.webSocketURL("/ws").absoluteString, keepAliveText: "PING", keepAliveInterval: .milliseconds(40),
                initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50)),
            subscriptionMessages: { ["SUBSCRIBE"] })
        let events = Collector(socket.events())
        try await events.wait(for: "reconnected after silence") { event in
            if case .text("alive 2", _) = event { return true }
            return false
        }
        #expect(events.all.contains {
            if case .state(.disconnected(let reason)) = $0 { return reason.contains("connection presumed dead") }
            return false
        })
        socket.stop()
        try await events.wait(for: "stopped") { if case .state(.stopped) = $0 { true } else { false } }
        await server.stop()
    }

    @Test func aConnectionThatAnswersKeepAlivesIsKept() async throws {
        let server = try await LoopbackServer.start(webSockets: ["/ws": { socket in
            while let text = try await socket.nextText(timeout: .seconds(60)) {
                if text == "PING" { try await socket.send("PONG") }
            }
        }])
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: server.webSocketURL("/ws").absoluteString, keepAliveText: "PING", keepAliveInterval: .milliseconds(150),
                initialReconnectDelay: .milliseconds(10), maxReconnectDelay: .milliseconds(50),
                silenceTimeout: .seconds(1)))
        let events = Collector(socket.events())
        // Nine keep-alive rounds outlast the one-second silence limit, so only the answers keep the
        // link; the limit is wide enough that a loaded machine answering late is not a dead link.
        try await events.wait(for: "nine PONGs", count: 9, timeout: .seconds(20)) { if case .text("PONG", _) = $0 { true } else { false } }
        #expect(!events.all.contains { if case .state(.disconnected) = $0 { true } else { false } })
        socket.stop()
        try await events.wait(for: "stopped") { if case .state(.stopped) = $0 { true } else { false } }
        await server.stop()
    }

    @Test func unreachableServerKeepsRetryingWithBackoff() async throws {
        let port = try await LoopbackServer.closedPort()
        let socket = ReconnectingWebSocket(configuration: .init(
            url: "ws://127.0.0.1:\(port)/ws", initialReconnectDelay: .milliseconds(5), maxReconnectDelay: .milliseconds(20),
            overrideHint: "EDGEWISE_POLYMARKET_WS_URL"))
        let events = Collector(socket.events())
        let failures = try await events.wait(for: "three failed attempts", count: 3) { event in
            if case .state(.reconnecting) = event { return true }
            return false
        }
        #expect(failures.count >= 3)
        let reasons = events.all.compactMap { event -> String? in
            if case .state(.disconnected(let reason)) = event { return reason }
            return nil
        }
        #expect(reasons.first?.contains("EDGEWISE_POLYMARKET_WS_URL") == true)
        socket.stop()
        try await events.wait(for: "stopped") { if case .state(.stopped) = $0 { true } else { false } }
    }
}
