import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Live market data for a set of tokens: one market-channel WebSocket, one L2 ``OrderBook`` per
/// token, and automatic repair. A book is rebuilt from `GET /book` whenever it cannot be trusted:
/// a delta before any snapshot, a delta the book rejects (the venue's best bid/ask disagree, or
/// the book crossed), and for every token after a reconnect (messages may have been missed).
///
/// ```swift
/// let stream = PolymarketMarketStream(endpoints: endpoints, tokens: [yes, no])
/// for await update in await stream.updates() {
///     if case .event(let received) = update { … }
/// }
/// ```
public actor PolymarketMarketStream {
    public struct Configuration: Sendable {
        public var keepAliveInterval: Duration
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration
        /// After a failed REST resync of a token, further attempts wait this long.
        public var resyncCooldown: Duration
        public var initialDump: Bool

        public init(
            keepAliveInterval: Duration = .seconds(10), initialReconnectDelay: Duration = .milliseconds(500),
            maxReconnectDelay: Duration = .seconds(30), resyncCooldown: Duration = .seconds(1), initialDump: Bool = true
        ) {
            self.keepAliveInterval = keepAliveInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
            self.resyncCooldown = resyncCooldown
            self.initialDump = initialDump
        }
    }

    public let endpoints: PolymarketEndpoints
    public let configuration: Configuration
    let clob: ClobClient
    let logger: Logger
    nonisolated let control = WebSocketStreamControl()

    private var tokenOrder: [TokenID]
    private var books: [TokenID: OrderBook] = [:]
    private var lastFailedResync: [TokenID: ContinuousClock.Instant] = [:]
    /// The venue time of the snapshot each book was last rebuilt from.
    private var snapshotTimes: [TokenID: Timestamp] = [:]
    /// The tokens of the last initial subscription message, to catch up with (un)subscriptions
    /// made while a connection was being established.
    private var initiallySubscribed: [TokenID] = []
    private var output: AsyncStream<MarketStreamUpdate>.Continuation?
    public private(set) var statistics = MarketStreamStatistics()

    public init(
        endpoints: PolymarketEndpoints = .production, tokens: [TokenID], configuration: Configuration = .init(),
        clob: ClobClient? = nil, logger: Logger = Logger(label: "edgewise.polymarket.stream")
    ) {
        self.endpoints = endpoints
        self.configuration = configuration
        self.clob = clob ?? ClobClient(baseURL: endpoints.clob)
        self.logger = logger
        var seen = Set<TokenID>()
        self.tokenOrder = tokens.filter { seen.insert($0).inserted }
    }

    // MARK: Consumer API

    /// Connects and returns the updates. Call once; stopping the iteration stops the stream.
    public func updates() -> AsyncStream<MarketStreamUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: MarketStreamUpdate.self, bufferingPolicy: .unbounded)
        guard control.claimStart() else {
            continuation.finish()
            return stream
        }
        output = continuation
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: endpoints.webSocket.absoluteString, keepAliveText: "PING",
                keepAliveInterval: configuration.keepAliveInterval,
                initialReconnectDelay: configuration.initialReconnectDelay,
                maxReconnectDelay: configuration.maxReconnectDelay,
                overrideHint: PolymarketEndpoints.EnvironmentKey.webSocket),
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
        continuation.onTermination = { [weak self] _ in self?.terminate() }
        return stream
    }

    /// Closes the connection; ``updates()`` then delivers `.connection(.stopped)` and ends.
    public nonisolated func stop() {
        control.stop()
    }

    /// The consumer went away: nothing is left to deliver to, so stop at once.
    nonisolated func terminate() {
        control.terminate()
    }

    public var tokens: [TokenID] { tokenOrder }

    /// The current book of `token` (check ``OrderBook/isSynchronized`` before trusting it).
    public func book(for token: TokenID) -> OrderBook? { books[token] }

    /// Adds tokens; on a live connection they are subscribed at once, otherwise on connect.
    public func subscribe(_ tokens: [TokenID]) async {
        let added = tokens.filter { !tokenOrder.contains($0) }
        guard !added.isEmpty else { return }
        let nothingSentYet = tokenOrder.isEmpty
        tokenOrder += added
        if let socket = control.socket {
            await socket.send(nothingSentYet ? MarketChannelSubscription.initial(added, initialDump: configuration.initialDump) : MarketChannelSubscription.subscribe(added))
        }
    }

    public func unsubscribe(_ tokens: [TokenID]) async {
        let removed = tokens.filter { tokenOrder.contains($0) }
        guard !removed.isEmpty else { return }
        tokenOrder.removeAll { removed.contains($0) }
        for token in removed {
            books[token] = nil
            lastFailedResync[token] = nil
            snapshotTimes[token] = nil
        }
        if let socket = control.socket {
            await socket.send(MarketChannelSubscription.unsubscribe(removed))
        }
    }

    // MARK: Processing

    func initialSubscription() -> [String] {
        initiallySubscribed = tokenOrder
        return tokenOrder.isEmpty ? [] : [MarketChannelSubscription.initial(tokenOrder, initialDump: configuration.initialDump)]
    }

    /// Sends what changed between the initial subscription of this connection and now.
    func reconcileSubscription() async {
        guard let socket = control.socket else { return }
        let added = tokenOrder.filter { !initiallySubscribed.contains($0) }
        let removed = initiallySubscribed.filter { !tokenOrder.contains($0) }
        let nothingSentYet = initiallySubscribed.isEmpty
        initiallySubscribed = tokenOrder
        if nothingSentYet, !added.isEmpty {
            // The venue expects the `type: market` message first; an operation alone may be ignored.
            await socket.send(MarketChannelSubscription.initial(added, initialDump: configuration.initialDump))
        } else if !added.isEmpty {
            await socket.send(MarketChannelSubscription.subscribe(added))
        }
        if !removed.isEmpty { await socket.send(MarketChannelSubscription.unsubscribe(removed)) }
    }

    func finishOutput() {
        output?.finish()
        output = nil
    }

    func emit(_ update: MarketStreamUpdate) {
        if case .event = update { statistics.events += 1 }
        output?.yield(update)
    }

    func process(_ event: WebSocketEvent) async {
        switch event {
        case .state(let state):
            emit(.connection(state))
            if case .connected = state { await reconcileSubscription() }
            switch state {
            case .connected(let connection) where connection > 1:
                statistics.reconnects += 1
                for token in tokenOrder { books[token]?.invalidate() }
                await resyncAll(tokenOrder, reason: "reconnected; messages may have been missed")
            case .disconnected:
                for token in tokenOrder { books[token]?.invalidate() }
            default:
                break
            }
        case .text(let text, let receivedAt):
            statistics.frames += 1
            let messages: [MarketChannelMessage]
            do {
                messages = try MarketChannelDecoder.decode(text)
            } catch {
                statistics.malformedFrames += 1
                logger.warning("skipping malformed market-channel frame", metadata: ["error": "\(error)"])
                emit(.problem(.malformedFrame(error)))
                // The frame may have carried changes for our books, now lost: repair the books it
                // names, or every book when it names none we know.
                let named = tokenOrder.filter { text.contains($0.rawValue) }
                let affected = named.isEmpty ? tokenOrder : named
                for token in affected { books[token]?.invalidate() }
                await resyncAll(affected, reason: "a malformed frame was skipped")
                return
            }
            for message in messages { await handle(message, receivedAt: receivedAt) }
        }
    }

    func handle(_ message: MarketChannelMessage, receivedAt: Timestamp) async {
        switch message {
        case .pong:
            statistics.pongs += 1
            return
        case .unknown(let type):
            statistics.unknownEvents += 1
            logger.warning("unknown market-channel event type", metadata: ["event_type": "\(type)"])
            emit(.problem(.unknownEvent(type: type)))
            return
        default:
            break
        }
        guard let event = message.marketDataEvent else { return }
        if let token = event.instrument?.token, !tokenOrder.contains(token) { return }
        switch message {
        case .book(let snapshot):
            let token = snapshot.instrument.token
            var book = books.removeValue(forKey: token) ?? OrderBook(instrument: snapshot.instrument)
            try? book.apply(snapshot, receivedAt: receivedAt)
            books[token] = book
            snapshotTimes[token] = snapshot.venueTimestamp
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        case .priceChange(let delta):
            let token = delta.instrument.token
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
            guard books[token]?.isSynchronized == true else {
                await resync(token, reason: "price change before a snapshot")
                applyIfNewerThanSnapshot(delta, receivedAt: receivedAt)
                return
            }
            // Frames queued while a REST snapshot was fetched may predate it; re-applying such an
            // absolute level update would overwrite the newer size with an older one.
            if let deltaTime = delta.venueTimestamp, let snapshotTime = snapshotTimes[token], deltaTime < snapshotTime {
                statistics.staleDeltasSkipped += 1
                return
            }
            do {
                try books[token]?.apply(delta, receivedAt: receivedAt)
            } catch {
                await resync(token, reason: error.description)
                applyIfNewerThanSnapshot(delta, receivedAt: receivedAt)
            }
        case .tickSizeChange(let change):
            books[change.instrument.token]?.tickSize = change.newTick
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        default:
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        }
    }

    /// After a resync, the delta that triggered it still belongs on the book when the REST
    /// snapshot predates it (REST lag); when it does not, the snapshot already contains it.
    func applyIfNewerThanSnapshot(_ delta: BookDelta, receivedAt: Timestamp) {
        let token = delta.instrument.token
        guard var candidate = books[token], candidate.isSynchronized, let deltaTime = delta.venueTimestamp,
              let snapshotTime = snapshotTimes[token], deltaTime > snapshotTime
        else { return }
        do {
            try candidate.apply(delta, receivedAt: receivedAt)
            books[token] = candidate
        } catch {
            // The fresh snapshot is consistent in itself and the delta is not consistent with it:
            // keep the snapshot; a real change will show again in the venue's next report.
            logger.warning("delta inconsistent with a fresh snapshot; kept the snapshot", metadata: ["token": "\(token)", "error": "\(error)"])
        }
    }

    /// Rebuilds the book of `token` from `GET /book` and emits the snapshot.
    func resync(_ token: TokenID, reason: String, force: Bool = false) async {
        let clock = ContinuousClock()
        if !force, let last = lastFailedResync[token], clock.now - last < configuration.resyncCooldown { return }
        books[token]?.invalidate()
        do {
            install(try await clob.book(token), receivedAt: Timestamp.now(), reason: reason)
        } catch {
            resyncFailed(token, error)
        }
    }

    /// Rebuilds many books at once (after a reconnect), with `POST /books` in batches rather than
    /// one request per token, so a large subscription is repaired in a few round trips.
    func resyncAll(_ tokens: [TokenID], reason: String) async {
        var start = 0
        while start < tokens.count {
            let batch = Array(tokens[start..<min(start + Self.resyncBatchSize, tokens.count)])
            start += Self.resyncBatchSize
            do {
                let fetched = try await clob.books(batch)
                let receivedAt = Timestamp.now()
                var missing = Set(batch)
                for book in fetched where missing.remove(book.snapshot.instrument.token) != nil {
                    install(book, receivedAt: receivedAt, reason: reason)
                }
                // A token the batch answer left out still gets its own request.
                for token in batch where missing.contains(token) { await resync(token, reason: reason, force: true) }
            } catch {
                for token in batch { resyncFailed(token, error) }
            }
        }
    }

    static let resyncBatchSize = 100

    private func install(_ fetched: PolymarketBook, receivedAt: Timestamp, reason: String) {
        let token = fetched.snapshot.instrument.token
        guard tokenOrder.contains(token) else { return }
        var book = books.removeValue(forKey: token) ?? OrderBook(instrument: fetched.snapshot.instrument)
        try? book.apply(fetched.snapshot, receivedAt: receivedAt)
        if let tick = fetched.tickSize { book.tickSize = tick }
        books[token] = book
        snapshotTimes[token] = fetched.snapshot.venueTimestamp
        lastFailedResync[token] = nil
        statistics.resyncs += 1
        if fetched.reportedHash != nil, !fetched.hashMatches { statistics.restHashMismatches += 1 }
        logger.info("book resynced from REST", metadata: ["token": "\(token)", "reason": "\(reason)"])
        emit(.resynced(token, reason: reason))
        emit(.event(ReceivedEvent(receivedAt: receivedAt, event: .bookSnapshot(fetched.snapshot))))
    }

    private func resyncFailed(_ token: TokenID, _ error: VenueError) {
        statistics.resyncFailures += 1
        lastFailedResync[token] = ContinuousClock().now
        logger.warning("book resync failed", metadata: ["token": "\(token)", "error": "\(error)"])
        emit(.problem(.resyncFailed(token, error)))
    }
}
