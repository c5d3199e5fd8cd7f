import EdgewiseCore
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOPosix
import Synchronization
import WSClient

/// A WebSocket that stays connected: it reconnects with capped exponential backoff, re-sends the
/// subscription messages after every (re)connect, sends an application-level keep-alive text on
/// an interval, and delivers text frames and connection changes as one ordered stream.
///
/// Only one consumer may call ``events()``. When that consumer stops iterating, or ``stop()`` is
/// called, the connection closes and every task it started ends.
public final class ReconnectingWebSocket: Sendable {
    public struct Configuration: Sendable {
        public var url: String
        /// Sent as a text frame every `keepAliveInterval` (Polymarket: `PING`); nil disables.
        public var keepAliveText: String?
        public var keepAliveInterval: Duration
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration
        public var reconnectJitter: Double
        public var maxFrameSize: Int
        /// The override to name in "cannot connect" messages.
        public var overrideHint: String
        /// A connection that delivers nothing at all (not even the answer to a keep-alive) for
        /// this long is presumed dead and replaced. A half-open TCP link otherwise looks alive
        /// for many minutes while the data it should carry goes stale. Nil: three keep-alive
        /// intervals when a keep-alive is sent, otherwise never.
        public var silenceTimeout: Duration?
        /// Headers for the HTTP upgrade request, asked for again before every connection attempt
        /// because signed headers (Kalshi) carry a timestamp the venue checks for freshness. A
        /// throw fails that attempt like a refused connection (its description is the reason, so
        /// it must not contain secrets), and the next attempt follows the usual backoff.
        public var upgradeHeaders: (@Sendable () throws -> [(name: String, value: String)])?
        /// When set, a WebSocket Ping control frame is sent every interval and a Pong that has not
        /// come back by the next one closes the link, which is then replaced. This catches a dead
        /// link on venues whose own keep-alive is server Pings, which never reach the reader and
        /// so cannot feed the text-based `silenceTimeout`.
        public var pingInterval: Duration?

        public init(
            url: String, keepAliveText: String? = nil, keepAliveInterval: Duration = .seconds(10),
            initialReconnectDelay: Duration = .milliseconds(500), maxReconnectDelay: Duration = .seconds(30),
            reconnectJitter: Double = 0.2, maxFrameSize: Int = 16 << 20, overrideHint: String = "EDGEWISE_*_URL",
            silenceTimeout: Duration? = nil,
            upgradeHeaders: (@Sendable () throws -> [(name: String, value: String)])? = nil,
            pingInterval: Duration? = nil
        ) {
            self.upgradeHeaders = upgradeHeaders
            self.pingInterval = pingInterval
            self.silenceTimeout = silenceTimeout
            self.url = url
            self.keepAliveText = keepAliveText
            self.keepAliveInterval = keepAliveInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
            self.reconnectJitter = reconnectJitter
            self.maxFrameSize = maxFrameSize
            self.overrideHint = overrideHint
        }
    }

    struct State {
        var runTask: Task<Void, Never>?
        var writer: WebSocketOutboundWriter?
        var started = false
        var stopped = false
        var connections = 0
    }

    public let configuration: Configuration
    let subscriptionMessages: @Sendable () async -> [String]
    let logger: Logger
    let state = Mutex(State())

    /// - Parameter subscriptionMessages: called after every (re)connect; the returned texts are
    ///   sent in order before anything else, so the subscription always matches the owner's
    ///   current wishes.
    public init(
        configuration: Configuration, logger: Logger = Logger(label: "edgewise.websocket"),
        subscriptionMessages: @escaping @Sendable () async -> [String] = { [] }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.subscriptionMessages = subscriptionMessages
    }

    /// Starts the connection and returns its events. Call once.
    public func events() -> AsyncStream<WebSocketEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: WebSocketEvent.self, bufferingPolicy: .unbounded)
        let alreadyStarted = state.withLock { state -> Bool in
            if state.started || state.stopped { return true }
            state.started = true
            return false
        }
        if alreadyStarted {
            continuation.yield(.state(.stopped))
            continuation.finish()
            return stream
        }
        let task = Task { [self] in
            await run(continuation)
            continuation.yield(.state(.stopped))
            continuation.finish()
        }
        let stoppedMeanwhile = state.withLock { state -> Bool in
            state.runTask = task
            return state.stopped
        }
        if stoppedMeanwhile { task.cancel() }
        continuation.onTermination = { [weak self] _ in self?.stop() }
        return stream
    }

    /// Sends a text frame on the current connection. Returns false when not connected (the
    /// subscription callback covers what must be sent after the next connect).
    @discardableResult
    public func send(_ text: String) async -> Bool {
        guard let writer = state.withLock({ $0.writer }) else { return false }
        do {
            try await writer.write(.text(text))
            return true
        } catch {
            logger.debug("send failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Closes the connection and ends the event stream.
    public func stop() {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.stopped = true
            return state.runTask
        }
        task?.cancel()
    }

    public var isConnected: Bool { state.withLock { $0.writer != nil } }

    func run(_ continuation: AsyncStream<WebSocketEvent>.Continuation) async {
        var failures = 0
        while !Task.isCancelled {
            let before = state.withLock { $0.connections }
            var reason = "connection closed by the server"
            do {
                var headers = HTTPFields()
                for (name, value) in try configuration.upgradeHeaders?() ?? [] {
                    if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
                }
                let client = WebSocketClient(
                    url: configuration.url,
                    configuration: .init(
                        maxFrameSize: configuration.maxFrameSize, additionalHeaders: headers, closeTimeout: .seconds(2),
                        autoPing: configuration.pingInterval.map { AutoPingSetup.enabled(timePeriod: $0) } ?? .disabled),
                    logger: logger
                ) { [self] inbound, outbound, _ in
                    try await handle(inbound: inbound, outbound: outbound, continuation: continuation)
                }
                if let close = try await client.run(), let text = close.reason, !text.isEmpty {
                    reason = "closed by the server: \(text)"
                }
            } catch {
                reason = describeFailure(error)
            }
            let connectedThisTime = state.withLock { state -> Bool in
                state.writer = nil
                return state.connections > before
            }
            if Task.isCancelled { break }
            failures = connectedThisTime ? 1 : failures + 1
            continuation.yield(.state(.disconnected(reason: reason)))
            let delay = RetryPolicy.exponential(
                initial: configuration.initialReconnectDelay, max: configuration.maxReconnectDelay, multiplier: 2,
                jitter: configuration.reconnectJitter, step: failures)
            continuation.yield(.state(.reconnecting(attempt: failures, delay: delay)))
            do { try await Task.sleep(for: delay) } catch { break }
        }
    }

    func handle(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        continuation: AsyncStream<WebSocketEvent>.Continuation
    ) async throws {
        for message in await subscriptionMessages() {
            try await outbound.write(.text(message))
        }
        let number = state.withLock { state -> Int in
            state.connections += 1
            state.writer = outbound
            return state.connections
        }
        continuation.yield(.state(.connected(connection: number)))
        let keepAliveText = configuration.keepAliveText
        let interval = configuration.keepAliveInterval
        let maxFrameSize = configuration.maxFrameSize
        let silenceLimit = configuration.silenceTimeout ?? (keepAliveText == nil ? nil : interval * 3)
        let lastReceived = ActivityClock()
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let silenceLimit {
                group.addTask {
                    let limit = UInt64(silenceLimit.components.seconds) * 1_000_000_000
                        + UInt64(silenceLimit.components.attoseconds / 1_000_000_000)
                    while true {
                        try await Task.sleep(for: silenceLimit / 4)
                        let silent = DispatchTime.now().uptimeNanoseconds - lastReceived.last.load(ordering: .relaxed)
                        if silent > limit { throw SilentConnection(limit: silenceLimit) }
                    }
                }
            }
            if let keepAliveText {
                group.addTask {
                    while true {
                        try await Task.sleep(for: interval)
                        try await outbound.write(.text(keepAliveText))
                    }
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: maxFrameSize) {
                    lastReceived.last.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
                    let receivedAt = Timestamp.now()
                    switch message {
                    case .text(let text): continuation.yield(.text(text, receivedAt: receivedAt))
                    case .binary(let buffer): continuation.yield(.text(String(buffer: buffer), receivedAt: receivedAt))
                    }
                }
            }
            // The reader ends when the peer closes; a failed keep-alive write means the link is gone.
            try await group.next()
            group.cancelAll()
        }
    }

    func describeFailure(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") || text.localizedCaseInsensitiveContains("connect") {
            return "cannot connect to \(configuration.url) (\(text)); check network / the \(configuration.overrideHint) override"
        }
        return text
    }
}

/// The peer stopped sending anything, keep-alive answers included.
struct SilentConnection: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "nothing received for \(limit.formattedSeconds), keep-alives included; connection presumed dead" }
}

/// When the connection last delivered anything, shared by the reader and the silence watchdog.
final class ActivityClock: Sendable {
    let last = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
}
