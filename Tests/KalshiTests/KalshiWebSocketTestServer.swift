import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// A loopback stand-in for Kalshi's WebSocket on 127.0.0.1 (ephemeral port), built on the same
/// Hummingbird stack as the shared LoopbackServer, with what the Kalshi tests need beyond it:
/// the upgrade request's headers, server-sent Ping frames, the server's own Ping/Pong check,
/// and connections that stop reading (so they answer no Pings: a dead link).
final class KalshiWebSocketTestServer: Sendable {
    static let path = "/trade-api/ws/v2"

    let port: Int
    let task: Task<Void, any Error>
    let recorded: Recorder

    final class Recorder: Sendable {
        let state = Mutex<(headers: [[(name: String, value: String)]], texts: [String])>(([], []))
        func withLock<T>(_ body: (inout (headers: [[(name: String, value: String)]], texts: [String])) -> T) -> T {
            state.withLock { body(&$0) }
        }
    }

    var url: URL { URL(string: "ws://127.0.0.1:\(port)\(Self.path)")! }

    /// The upgrade headers of every connection, in connection order.
    var upgradeHeaders: [[(name: String, value: String)]] { recorded.withLock { $0.headers } }

    /// Every text the clients sent, across connections.
    var receivedTexts: [String] { recorded.withLock { $0.texts } }

    var receivedCommands: [SentCommand] { receivedTexts.compactMap { try? SentCommand($0) } }

    private init(port: Int, task: Task<Void, any Error>, recorded: Recorder) {
        self.port = port
        self.task = task
        self.recorded = recorded
    }

    /// - Parameters:
    ///   - serverPing: when set, the server Pings every period and closes a connection whose
    ///     Pong is missing by the next one.
    ///   - silent: connection numbers whose frames the server never reads (no Pongs either).
    static func start(
        serverPing: Duration? = nil, silent: Set<Int> = [], script: @escaping @Sendable (KalshiTestSocket) async throws -> Void
    ) async throws -> KalshiWebSocketTestServer {
        let recorded = Recorder()
        let connections = Atomic<Int>(0)
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws(RouterPath(path)) { inbound, outbound, context in
            let number = connections.add(1, ordering: .relaxed).newValue
            let headers = context.request.headers.map { (name: $0.name.rawName, value: $0.value) }
            recorded.withLock { $0.headers.append(headers) }
            let socket = KalshiTestSocket(connection: number, outbound: outbound)
            if silent.contains(number) {
                // Never reading means never answering the client's Pings.
                while true { try await Task.sleep(for: .seconds(1)) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { socket.markClosed() }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message {
                            recorded.withLock { $0.texts.append(text) }
                            socket.deliver(text)
                        }
                    }
                }
                try await script(socket)
                group.cancelAll()
            }
        }
        var logger = Logger(label: "kalshi-loopback")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(autoPing: serverPing.map { .enabled(timePeriod: $0) } ?? .disabled)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw KalshiStreamWaitTimeout(description: "the Kalshi loopback server did not start")
        }
        return KalshiWebSocketTestServer(port: port, task: task, recorded: recorded)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The server side of one connection, driven by a test script; returning drops the connection.
final class KalshiTestSocket: Sendable {
    let connection: Int
    let outbound: WebSocketOutboundWriter
    let inbox = Mutex<(texts: [String], closed: Bool)>(([], false))

    init(connection: Int, outbound: WebSocketOutboundWriter) {
        self.connection = connection
        self.outbound = outbound
    }

    func deliver(_ text: String) { inbox.withLock { $0.texts.append(text) } }
    func markClosed() { inbox.withLock { $0.closed = true } }

    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// A Ping control frame with Kalshi's payload.
    func ping(_ payload: String = "heartbeat") async throws {
        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(string: payload))))
    }

    /// The next text from the client, or nil once it closed; throws after `timeout`.
    func nextText(timeout: Duration = .seconds(10)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (text, closed) = inbox.withLock { inbox -> (String?, Bool) in
                inbox.texts.isEmpty ? (nil, inbox.closed) : (inbox.texts.removeFirst(), false)
            }
            if let text { return text }
            if closed { return nil }
            guard ContinuousClock.now < deadline else {
                throw KalshiStreamWaitTimeout(description: "no message from the client within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The next command from the client, parsed.
    func nextCommand(timeout: Duration = .seconds(10)) async throws -> SentCommand {
        guard let text = try await nextText(timeout: timeout) else {
            throw KalshiStreamWaitTimeout(description: "the client closed instead of sending a command")
        }
        return try SentCommand(text)
    }

    /// Reads subscribe commands and confirms each with `sid` from `sids` (by channel).
    @discardableResult
    func confirmSubscriptions(_ sids: [String: Int], count: Int = 1) async throws -> [SentCommand] {
        var commands: [SentCommand] = []
        for _ in 0..<count {
            let command = try await nextCommand()
            let channel = command.channels.first ?? "?"
            try await send(KalshiVenueFrames.subscribed(id: command.id, channel: channel, sid: sids[channel] ?? 99))
            commands.append(command)
        }
        return commands
    }

    /// Keeps the connection open until the client goes away.
    func holdOpen() async throws {
        while try await nextText(timeout: .seconds(60)) != nil {}
    }
}
