import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Live market data for a set of tokens: one market-channel WebSocket, one L2 ``OrderBook`` per
/// token, and automatic repair. A book is rebuilt from `GET /book` whenever it cannot be trusted:
/// a delta before any snapshot, a delta the book rejects (the venue's best bid/ask disagree, or
/// the book crossed), a `book` message whose hash is not the hash of its own content, and for
/// every token after a reconnect (messages may have been missed).
///
/// `price_change` frames, most of the traffic, are applied to the books straight from the frame's
/// bytes by ``PriceChangeFastPath``, which allocates nothing. What still allocates per frame is
/// outside the books: the transport's `String` for the frame, and, while
/// ``Configuration/bookDeltaEvents`` is on, the `BookDelta` events (token strings, change arrays)
/// and their slot in the `AsyncStream` buffer, because consumers such as the recorder keep them.
/// Consumers that only read ``book(for:)`` can turn the events off.
///
/// Book hashes: a `book` message's `hash` is checked against our recomputation of that same
/// message (``BookHashVerdict``). A mismatch makes the message suspect: it is reported as received
/// but not applied, and the book is rebuilt from REST. The recipe is not formally specified, so if
/// the REST answers for a token do not confirm it either (their own hash does not match)
/// ``Configuration/hashMismatchResyncLimit`` times in a row, the venue hashes differently from
/// us: the stream stops resyncing that token on hash mismatches, counts it
/// (``MarketStreamStatistics/hashChecksDisabled``) and logs it once, so a recipe change at the
/// venue cannot turn every book message into a REST request.
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
        /// Whether `price_change` frames are delivered as `.bookDelta` events. Off, the books
        /// still follow every frame, and the stream allocates nothing per frame of its own.
        public var bookDeltaEvents: Bool
        /// Hash-triggered resyncs of a token whose REST answer does not confirm our hash recipe,
        /// in a row, after which hash mismatches of that token no longer trigger resyncs.
        public var hashMismatchResyncLimit: Int

        public init(
            keepAliveInterval: Duration = .seconds(10), initialReconnectDelay: Duration = .milliseconds(500),
            maxReconnectDelay: Duration = .seconds(30), resyncCooldown: Duration = .seconds(1), initialDump: Bool = true,
            bookDeltaEvents: Bool = true, hashMismatchResyncLimit: Int = 2
        ) {
            self.keepAliveInterval = keepAliveInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
            self.resyncCooldown = resyncCooldown
            self.initialDump = initialDump
            self.bookDeltaEvents = bookDeltaEvents
            self.hashMismatchResyncLimit = hashMismatchResyncLimit
        }
    }

    public let endpoints: PolymarketEndpoints
    public let configuration: Configuration
    let clob: ClobClient
    let logger: Logger
    nonisolated let control = WebSocketStreamControl()

    private var tokenOrder: [TokenID]
    /// One book per subscribed token, from the moment it is subscribed (unsynchronized until its
    /// first snapshot), so that the fast path can tell "no snapshot yet" from "not subscribed".
    private var books = PolymarketBookSet()
    /// Tokens whose book has had a snapshot since they were subscribed; ``book(for:)`` shows no
    /// book before that.
    private var snapshotted: Set<TokenID> = []
    private let fastPath = PriceChangeFastPath()
    private var lastFailedResync: [TokenID: ContinuousClock.Instant] = [:]
    /// Hash-triggered resyncs in a row whose REST answer did not confirm our hash recipe.
    private var unconfirmedHashResyncs: [TokenID: Int] = [:]
    /// Tokens whose book-message hashes no longer trigger resyncs (see the type's documentation).
    private var hashChecksOff: Set<TokenID> = []
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
        for token in tokenOrder { books.add(token) }
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
    public func book(for token: TokenID) -> OrderBook? {
        snapshotted.contains(token) ? books.book(for: token) : nil
    }

    /// Adds tokens; on a live connection they are subscribed at once, otherwise on connect.
    public func subscribe(_ tokens: [TokenID]) async {
        let added = tokens.filter { !tokenOrder.contains($0) }
        guard !added.isEmpty else { return }
        let nothingSentYet = tokenOrder.isEmpty
        tokenOrder += added
        for token in added { books.add(token) }
        if let socket = control.socket {
            await socket.send(nothingSentYet ? MarketChannelSubscription.initial(added, initialDump: configuration.initialDump) : MarketChannelSubscription.subscribe(added))
        }
    }

    public func unsubscribe(_ tokens: [TokenID]) async {
        let removed = tokens.filter { tokenOrder.contains($0) }
        guard !removed.isEmpty else { return }
        tokenOrder.removeAll { removed.contains($0) }
        for token in removed {
            books.remove(token)
            snapshotted.remove(token)
            lastFailedResync[token] = nil
            unconfirmedHashResyncs[token] = nil
            hashChecksOff.remove(token)
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
                invalidateAll()
                await resyncAll(tokenOrder, reason: "reconnected; messages may have been missed")
            case .disconnected:
                invalidateAll()
            default:
                break
            }
        case .text(let text, let receivedAt):
            statistics.frames += 1
            if await applyPriceChange(text, receivedAt: receivedAt) { return }
            let frame: MarketChannelDecoder.Frame
            do {
                frame = try MarketChannelDecoder.decodeFrame(text)
            } catch {
                statistics.malformedFrames += 1
                logger.warning("skipping malformed market-channel frame", metadata: ["error": "\(error)"])
                emit(.problem(.malformedFrame(error)))
                // The frame may have carried changes for our books, now lost: repair the books it
                // names, or every book when it names none we know.
                let named = tokenOrder.filter { text.contains($0.rawValue) }
                let affected = named.isEmpty ? tokenOrder : named
                for token in affected { invalidate(token) }
                await resyncAll(affected, reason: "a malformed frame was skipped")
                return
            }
            for (index, message) in frame.messages.enumerated() {
                await handle(message, receivedAt: receivedAt, bookHash: frame.bookHashes[index])
            }
        }
    }

    /// Applies a `price_change` frame to the books straight from its bytes. False for every other
    /// frame, and for one the fast path finds malformed (it has already invalidated the books it
    /// touched): the general decoder then words the error and the usual repair follows.
    func applyPriceChange(_ text: String, receivedAt: Timestamp) async -> Bool {
        var frame = text
        let applied = frame.withUTF8 { bytes in try? fastPath.apply(bytes, to: &books, receivedAt: receivedAt) }
        guard let outcome = applied, outcome.handled else { return false }
        statistics.staleDeltasSkipped += outcome.staleSlots.count
        // The steady state with events off ends here, having allocated nothing.
        guard configuration.bookDeltaEvents || !outcome.inconsistentSlots.isEmpty else { return true }
        // Events, and the deltas a repair re-applies, are built from the same bytes; this
        // allocates, which is why consumers that need no events can turn them off.
        let deltas = frame.withUTF8 { bytes in (try? PriceChangeFrameScanner.deltas(bytes)) ?? [] }
        // Repairs are decided before any await, while slot numbers still mean what the fast
        // path meant by them.
        var work: [(delta: BookDelta, repair: String?)] = []
        for delta in deltas {
            guard let slot = books.slot(for: delta.instrument.token) else { continue }
            var repair: String?
            if outcome.awaitingSnapshot.contains(slot) {
                repair = "price change before a snapshot"
            } else if outcome.inconsistentSlots.contains(slot) {
                repair = inconsistency(slot, delta)
            } else if outcome.inconsistentSlots.overflowed, !books.books[slot].isSynchronized {
                // More books failed than the outcome lists: every unsynchronized one in the frame.
                repair = snapshotted.contains(delta.instrument.token) ? inconsistency(slot, delta) : "price change before a snapshot"
            }
            work.append((delta, repair))
        }
        for (delta, repair) in work {
            if configuration.bookDeltaEvents { emit(.event(ReceivedEvent(receivedAt: receivedAt, event: .bookDelta(delta)))) }
            guard let repair else { continue }
            await resync(delta.instrument.token, reason: repair)
            applyIfNewerThanSnapshot(delta, receivedAt: receivedAt)
        }
        return true
    }

    /// Why the fast path found the book in `slot` inconsistent after `delta`, in the words of
    /// ``OrderBook/verify(reportedBestBid:reportedBestAsk:)``, which it ran.
    private func inconsistency(_ slot: Int, _ delta: BookDelta) -> String {
        var probe = books.books[slot]
        do {
            try probe.verify(reportedBestBid: delta.reportedBestBid, reportedBestAsk: delta.reportedBestAsk)
            return "the book disagreed with the venue's best prices within the frame"
        } catch {
            return error.description
        }
    }

    func handle(_ message: MarketChannelMessage, receivedAt: Timestamp, bookHash: BookHashVerdict? = nil) async {
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
            if case .mismatch(let reported, let computed)? = bookHash, !hashChecksOff.contains(token) {
                // Reported as received (recorders keep what the venue sent), never applied.
                statistics.bookHashMismatches += 1
                emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
                invalidate(token)
                await resyncAfterHashMismatch(token, reported: reported, computed: computed)
                return
            }
            try? books.apply(snapshot, receivedAt: receivedAt)
            snapshotted.insert(token)
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        case .priceChange(let delta):
            // Frames the fast path declines (arrays of events, the older `changes` layout).
            let token = delta.instrument.token
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
            guard let slot = books.slot(for: token), books.books[slot].isSynchronized else {
                await resync(token, reason: "price change before a snapshot")
                applyIfNewerThanSnapshot(delta, receivedAt: receivedAt)
                return
            }
            // Frames queued while a REST snapshot was fetched may predate it; re-applying such an
            // absolute level update would overwrite the newer size with an older one.
            if let deltaTime = delta.venueTimestamp, let gate = books.snapshotGate(slot: slot) {
                if deltaTime < gate {
                    statistics.staleDeltasSkipped += 1
                    return
                }
                books.passGate(slot: slot)
            }
            do {
                try books.books[slot].apply(delta, receivedAt: receivedAt)
            } catch {
                await resync(token, reason: error.description)
                applyIfNewerThanSnapshot(delta, receivedAt: receivedAt)
            }
        case .tickSizeChange(let change):
            if let slot = books.slot(for: change.instrument.token) { books.books[slot].tickSize = change.newTick }
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        default:
            emit(.event(ReceivedEvent(receivedAt: receivedAt, event: event)))
        }
    }

    /// After a resync, the delta that triggered it still belongs on the book when the REST
    /// snapshot predates it (REST lag); when it does not, the snapshot already contains it.
    func applyIfNewerThanSnapshot(_ delta: BookDelta, receivedAt: Timestamp) {
        let token = delta.instrument.token
        guard let slot = books.slot(for: token), books.books[slot].isSynchronized, let deltaTime = delta.venueTimestamp,
              let snapshotTime = books.snapshotGate(slot: slot), deltaTime > snapshotTime
        else { return }
        var candidate = books.books[slot]
        do {
            try candidate.apply(delta, receivedAt: receivedAt)
            books.books[slot] = candidate
            books.passGate(slot: slot)
        } catch {
            // The fresh snapshot is consistent in itself and the delta is not consistent with it:
            // keep the snapshot; a real change will show again in the venue's next report.
            logger.warning("delta inconsistent with a fresh snapshot; kept the snapshot", metadata: ["token": "\(token)", "error": "\(error)"])
        }
    }

    /// Rebuilds the book of `token` from `GET /book` and emits the snapshot; returns what REST
    /// sent, or nil when nothing was fetched.
    @discardableResult
    func resync(_ token: TokenID, reason: String, force: Bool = false) async -> PolymarketBook? {
        let clock = ContinuousClock()
        if !force, let last = lastFailedResync[token], clock.now - last < configuration.resyncCooldown { return nil }
        invalidate(token)
        do {
            let fetched = try await clob.book(token)
            install(fetched, receivedAt: Timestamp.now(), reason: reason)
            return fetched
        } catch {
            resyncFailed(token, error)
            return nil
        }
    }

    /// A `book` message did not hash to its own hash: rebuild from REST, and learn from the REST
    /// answer whether our recipe is still the venue's (see the type's documentation).
    func resyncAfterHashMismatch(_ token: TokenID, reported: String, computed: String) async {
        let reason = "book message hash \(reported) is not the hash of its content (\(computed))"
        guard let fetched = await resync(token, reason: reason) else { return }
        if fetched.hashMatches {
            // REST confirms the recipe: the message really was inconsistent.
            unconfirmedHashResyncs[token] = nil
            return
        }
        let unconfirmed = unconfirmedHashResyncs[token, default: 0] + 1
        unconfirmedHashResyncs[token] = unconfirmed
        guard unconfirmed >= configuration.hashMismatchResyncLimit, tokenOrder.contains(token) else { return }
        hashChecksOff.insert(token)
        statistics.hashChecksDisabled += 1
        logger.warning(
            "book hashes of this token disagree with our recipe on WebSocket and REST alike; no longer resyncing on hash mismatches",
            metadata: ["token": "\(token)", "resyncs": "\(unconfirmed)", "rest_hash": "\(fetched.reportedHash ?? "none")", "our_hash": "\(fetched.computedHash)"])
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
        try? books.apply(fetched.snapshot, receivedAt: receivedAt)
        if let tick = fetched.tickSize, let slot = books.slot(for: token) { books.books[slot].tickSize = tick }
        snapshotted.insert(token)
        lastFailedResync[token] = nil
        statistics.resyncs += 1
        if fetched.reportedHash != nil, !fetched.hashMatches { statistics.restHashMismatches += 1 }
        logger.info("book resynced from REST", metadata: ["token": "\(token)", "reason": "\(reason)"])
        emit(.resynced(token, reason: reason))
        emit(.event(ReceivedEvent(receivedAt: receivedAt, event: .bookSnapshot(fetched.snapshot))))
    }

    private func invalidate(_ token: TokenID) {
        if let slot = books.slot(for: token) { books.invalidate(slot: slot) }
    }

    private func invalidateAll() {
        for slot in books.books.indices { books.invalidate(slot: slot) }
    }

    private func resyncFailed(_ token: TokenID, _ error: VenueError) {
        statistics.resyncFailures += 1
        lastFailedResync[token] = ContinuousClock().now
        logger.warning("book resync failed", metadata: ["token": "\(token)", "error": "\(error)"])
        emit(.problem(.resyncFailed(token, error)))
    }
}
