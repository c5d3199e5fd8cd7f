import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Live bets (and market changes) from Manifold's WebSocket: subscribes to topics, pings on an
/// interval, reconnects with backoff and subscribes again after every reconnect, and reports
/// what it could not read instead of stopping.
///
/// ```swift
/// let stream = ManifoldStream(topics: [.contractNewBet(id), .contract(id)])
/// for await update in await stream.updates() {
///     if let bets = update.broadcast?.bets { … }
/// }
/// ```
public actor ManifoldStream {
    public struct Configuration: Sendable {
        /// How often `{"type":"ping"}` is sent; the server drops a client silent for 60 s.
        public var pingInterval: Duration
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration
        /// A connection that delivers nothing (acks of pings included) for this long is replaced;
        /// nil: three ping intervals.
        public var silenceTimeout: Duration?

        public init(
            pingInterval: Duration = .seconds(30), initialReconnectDelay: Duration = .milliseconds(500),
            maxReconnectDelay: Duration = .seconds(30), silenceTimeout: Duration? = nil
        ) {
            self.pingInterval = pingInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
            self.silenceTimeout = silenceTimeout
        }
    }

    /// What a `txid` was sent for, to interpret its ack.
    enum Sent {
        case subscribe([ManifoldTopic])
        case unsubscribe([ManifoldTopic])
        case ping
    }

    public let endpoints: ManifoldEndpoints
    public let configuration: Configuration
    let logger: Logger
    nonisolated let control = WebSocketStreamControl()

    private var topicOrder: [ManifoldTopic]
    /// The topics of this connection's initial subscription, to catch up with (un)subscriptions
    /// made while the connection was being established (the socket does not accept sends yet).
    private var initiallySubscribed: [ManifoldTopic] = []
    private var nextTxid = 1
    private var awaitingAck: [Int: Sent] = [:]
    private var output: AsyncStream<ManifoldStreamUpdate>.Continuation?
    private var pinger: Task<Void, Never>?
    public private(set) var statistics = ManifoldStreamStatistics()

    public init(
        endpoints: ManifoldEndpoints = .production, topics: [ManifoldTopic], configuration: Configuration = .init(),
        logger: Logger = Logger(label: "edgewise.manifold.stream")
    ) {
        self.endpoints = endpoints
        self.configuration = configuration
        self.logger = logger
        var seen = Set<ManifoldTopic>()
        self.topicOrder = topics.filter { seen.insert($0).inserted }
    }

    // MARK: Consumer API

    /// Connects and returns the updates. Call once; stopping the iteration stops the stream.
    public func updates() -> AsyncStream<ManifoldStreamUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: ManifoldStreamUpdate.self, bufferingPolicy: .unbounded)
        guard control.claimStart() else {
            continuation.finish()
            return stream
        }
        output = continuation
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: endpoints.webSocket.absoluteString, keepAliveText: nil,
                initialReconnectDelay: configuration.initialReconnectDelay, maxReconnectDelay: configuration.maxReconnectDelay,
                overrideHint: ManifoldEndpoints.EnvironmentKey.webSocket,
                silenceTimeout: configuration.silenceTimeout ?? configuration.pingInterval * 3),
            logger: logger
        ) { [weak self] in
            await self?.initialSubscription() ?? []
        }
        let events = socket.events()
        let pump = Task { [weak self] in
            for await event in events {
                guard let self else { break }
                await self.process(event)
            }
            await self?.finishOutput()
        }
        control.attach(socket: socket, pump: pump)
        // Manifold's ping carries a fresh txid each time, so it is sent from here rather than as
        // the socket's fixed keep-alive text.
        let interval = configuration.pingInterval
        pinger = Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                guard let self else { break }
                await self.ping()
            }
        }
        continuation.onTermination = { [weak self] _ in self?.terminate() }
        return stream
    }

    /// Closes the connection; ``updates()`` then delivers `.connection(.stopped)` and ends.
    public nonisolated func stop() {
        control.stop()
    }

    nonisolated func terminate() {
        control.terminate()
    }

    public var topics: [ManifoldTopic] { topicOrder }

    /// Adds topics; on a live connection they are subscribed at once, otherwise on connect.
    public func subscribe(_ topics: [ManifoldTopic]) async {
        let added = topics.filter { !topicOrder.contains($0) }
        guard !added.isEmpty else { return }
        topicOrder += added
        if await send(.subscribe(added), { .subscribe(txid: $0, topics: added) }) {
            initiallySubscribed += added.filter { !initiallySubscribed.contains($0) }
        }
    }

    public func unsubscribe(_ topics: [ManifoldTopic]) async {
        let removed = topics.filter { topicOrder.contains($0) }
        guard !removed.isEmpty else { return }
        topicOrder.removeAll { removed.contains($0) }
        if await send(.unsubscribe(removed), { .unsubscribe(txid: $0, topics: removed) }) {
            initiallySubscribed.removeAll { removed.contains($0) }
        }
    }

    // MARK: Sending

    func takeTxid() -> Int {
        defer { nextTxid += 1 }
        return nextTxid
    }

    /// The subscription of a fresh connection: every current topic in one message.
    func initialSubscription() -> [String] {
        initiallySubscribed = topicOrder
        guard !topicOrder.isEmpty else { return [] }
        let txid = takeTxid()
        awaitingAck[txid] = .subscribe(topicOrder)
        return [ManifoldSocketCommand.subscribe(txid: txid, topics: topicOrder).text]
    }

    /// Sends on the live connection; false when there is none (what must be sent is then sent
    /// after the next connect).
    @discardableResult
    func send(_ purpose: Sent, _ command: (Int) -> ManifoldSocketCommand) async -> Bool {
        guard let socket = control.socket, socket.isConnected else { return false }
        let txid = takeTxid()
        awaitingAck[txid] = purpose
        guard await socket.send(command(txid).text) else {
            awaitingAck[txid] = nil
            return false
        }
        if case .ping = purpose { statistics.pingsSent += 1 }
        return true
    }

    /// Sends what changed between this connection's initial subscription and now.
    func reconcileSubscription() async {
        let added = topicOrder.filter { !initiallySubscribed.contains($0) }
        let removed = initiallySubscribed.filter { !topicOrder.contains($0) }
        initiallySubscribed = topicOrder
        if !added.isEmpty { await send(.subscribe(added)) { .subscribe(txid: $0, topics: added) } }
        if !removed.isEmpty { await send(.unsubscribe(removed)) { .unsubscribe(txid: $0, topics: removed) } }
    }

    func ping() async {
        await send(.ping) { .ping(txid: $0) }
    }

    // MARK: Receiving

    func finishOutput() {
        pinger?.cancel()
        pinger = nil
        output?.finish()
        output = nil
    }

    func emit(_ update: ManifoldStreamUpdate) {
        output?.yield(update)
    }

    func process(_ event: WebSocketEvent) async {
        switch event {
        case .state(let state):
            if case .connected(let connection) = state, connection > 1 { statistics.reconnects += 1 }
            // Acks of messages sent on a connection that is gone will never come.
            if case .disconnected = state { awaitingAck.removeAll() }
            emit(.connection(state))
            if case .connected = state { await reconcileSubscription() }
        case .text(let text, let receivedAt):
            statistics.frames += 1
            let message: ManifoldSocketMessage
            do {
                message = try ManifoldSocketMessage.decode(text)
            } catch {
                statistics.malformedFrames += 1
                logger.warning("skipping malformed Manifold WebSocket frame", metadata: ["error": "\(error.detail)"])
                emit(.problem(.malformedFrame(error)))
                return
            }
            handle(message, receivedAt: receivedAt)
        }
    }

    func handle(_ message: ManifoldSocketMessage, receivedAt: Timestamp) {
        switch message {
        case .ack(let txid, let success, let error):
            statistics.acks += 1
            let sent = awaitingAck.removeValue(forKey: txid)
            guard !success else { return }
            statistics.rejectedAcks += 1
            logger.warning("Manifold refused a WebSocket message", metadata: ["txid": "\(txid)", "error": "\(error ?? "")"])
            if case .subscribe(let topics)? = sent {
                emit(.problem(.subscriptionRejected(txid: txid, topics: topics, message: error)))
            } else {
                emit(.problem(.commandRejected(txid: txid, message: error)))
            }
        case .broadcast(let broadcast):
            statistics.broadcasts += 1
            statistics.bets += broadcast.bets.count
            emit(.broadcast(broadcast, receivedAt: receivedAt))
        case .unknown(let type):
            statistics.unknownMessages += 1
            logger.warning("unknown Manifold WebSocket message type", metadata: ["type": "\(type)"])
            emit(.problem(.unknownMessage(type: type)))
        }
    }
}
