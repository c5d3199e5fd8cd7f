import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Live Kalshi market data over one WebSocket: a signed connection, subscriptions for a set of
/// market tickers (changeable while running), one ``KalshiBook`` per ticker kept from
/// `orderbook_snapshot` + `orderbook_delta`, and automatic repair.
///
/// A book is trusted only between its snapshot and the first sign of trouble: a `seq` gap on
/// its subscription, a delta before its snapshot, a delta that would leave a negative level, a
/// book message that cannot be decoded, or a dropped connection. Then the affected books are
/// dropped, announced with ``KalshiStreamUpdate/unsynchronized(tickers:reason:)``, and the
/// subscription is replaced to get fresh snapshots.
///
/// ```swift
/// let stream = KalshiMarketStream(endpoints: endpoints, tickers: ["FED-23DEC-T3.00"], signer: signer)
/// for await update in await stream.updates() {
///     if case .book(let change) = update { print(change.book.bestBid(.yes) as Any) }
/// }
/// ```
public actor KalshiMarketStream {
    public struct Configuration: Sendable {
        /// Channels subscribed per market ticker.
        public var marketChannels: [KalshiChannel]
        /// Account-wide channels (`fill`, `user_orders`, …), subscribed without tickers; they
        /// need a signed connection.
        public var accountChannels: [KalshiChannel]
        /// We send a WebSocket Ping this often and replace the link when its Pong has not come
        /// back by the next one. The venue's own Pings (every ~10 s) are answered by the
        /// WebSocket library, but they never reach us, so they cannot tell us the link is alive.
        public var pingInterval: Duration?
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration

        public init(
            marketChannels: [KalshiChannel] = [.orderbookDelta, .ticker, .trade], accountChannels: [KalshiChannel] = [],
            pingInterval: Duration? = .seconds(10), initialReconnectDelay: Duration = .milliseconds(500),
            maxReconnectDelay: Duration = .seconds(30)
        ) {
            self.marketChannels = marketChannels
            self.accountChannels = accountChannels
            self.pingInterval = pingInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
        }
    }

    /// A subscription the venue confirmed, with the markets it covers as far as we have asked.
    struct LiveSubscription {
        var sid: Int
        var tickers: Set<String>
    }

    /// A subscribe command sent and not answered yet.
    struct PendingSubscription {
        var channel: KalshiChannel
        var tickers: Set<String>
    }

    public let endpoints: KalshiEndpoints
    public let configuration: Configuration
    let signer: KalshiRequestSigner?
    let logger: Logger
    nonisolated let control = WebSocketStreamControl()

    private var tickerOrder: [String]
    /// Synchronised books only; a ticker without an entry is waiting for its snapshot.
    private var books: [String: KalshiBook] = [:]
    private var live: [KalshiChannel: LiveSubscription] = [:]
    private var pending: [Int: PendingSubscription] = [:]
    /// The subscribe commands the connect callback sent for the connection being established.
    /// They take effect when that connection's `.connected` event is processed, so that frames
    /// of the previous connection still queued before it are judged by the previous state
    /// (sids restart at 1 on every connection and would otherwise be confused).
    private var pendingForNextConnection: [Int: PendingSubscription] = [:]
    /// Subscriptions replaced during a resync; their late messages are dropped.
    private var retiredSIDs: Set<Int> = []
    private var lastSeq: [Int: UInt64] = [:]
    private var isLive = false
    private var nextCommandID = 1
    private var output: AsyncStream<KalshiStreamUpdate>.Continuation?
    public private(set) var statistics = KalshiStreamStatistics()

    /// - Parameter signer: signs the upgrade request; nil connects unsigned, which the venue only
    ///   accepts (if at all) for public channels.
    public init(
        endpoints: KalshiEndpoints = .production, tickers: [String], signer: KalshiRequestSigner?,
        configuration: Configuration = .init(), logger: Logger = Logger(label: "edgewise.kalshi.stream")
    ) {
        self.endpoints = endpoints
        self.configuration = configuration
        self.signer = signer
        self.logger = logger
        var seen = Set<String>()
        self.tickerOrder = tickers.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    // MARK: Consumer API

    /// Connects and returns the updates. Call once; stopping the iteration stops the stream.
    public func updates() -> AsyncStream<KalshiStreamUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: KalshiStreamUpdate.self, bufferingPolicy: .unbounded)
        guard control.claimStart() else {
            continuation.finish()
            return stream
        }
        output = continuation
        var upgradeHeaders: (@Sendable () throws -> [(name: String, value: String)])?
        if let signer {
            // Signed again for every attempt: the venue rejects stale timestamps.
            upgradeHeaders = { try signer.webSocketHeaders().fields }
        }
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: endpoints.webSocket.absoluteString,
                initialReconnectDelay: configuration.initialReconnectDelay,
                maxReconnectDelay: configuration.maxReconnectDelay,
                overrideHint: KalshiEndpoints.EnvironmentKey.webSocket,
                upgradeHeaders: upgradeHeaders,
                pingInterval: configuration.pingInterval),
            logger: logger
        ) { [weak self] in
            await self?.subscriptionsForNewConnection() ?? []
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

    nonisolated func terminate() {
        control.terminate()
    }

    /// The market tickers the stream wants, in the order they were given.
    public var tickers: [String] { tickerOrder }

    /// The book of `ticker` while it is synchronised; nil while it waits for a snapshot.
    public func book(for ticker: String) -> KalshiBook? { books[ticker] }

    /// The current subscription id of `channel`, once the venue confirmed it.
    public func subscriptionID(of channel: KalshiChannel) -> Int? { live[channel]?.sid }

    /// Adds markets. On a live connection they are added to the existing subscriptions with
    /// `update_subscription` (one command per subscription: the venue takes exactly one sid);
    /// otherwise they are part of the next connection's subscribe commands.
    public func add(tickers new: [String]) async {
        let added = new.filter { !$0.isEmpty && !tickerOrder.contains($0) }
        guard !added.isEmpty else { return }
        var seen = Set<String>()
        tickerOrder += added.filter { seen.insert($0).inserted }
        await reconcile()
    }

    /// Removes markets: their books are dropped at once and the subscriptions shrink with
    /// `update_subscription` `delete_markets` (or are unsubscribed when nothing is left).
    public func remove(tickers gone: [String]) async {
        let removed = Set(gone).intersection(tickerOrder)
        guard !removed.isEmpty else { return }
        tickerOrder.removeAll { removed.contains($0) }
        for ticker in removed { books[ticker] = nil }
        await reconcile()
    }

    /// Asks the venue for its list of our subscriptions; the answer arrives as
    /// ``KalshiStreamUpdate/acknowledged(_:)`` with `subscriptions` set. Returns the command id,
    /// or nil when not connected.
    @discardableResult
    public func requestSubscriptionList() async -> Int? {
        guard isLive else { return nil }
        let id = commandID()
        return await send(KalshiStreamCommand(id: id, .listSubscriptions)) ? id : nil
    }

    // MARK: Subscriptions

    private func commandID() -> Int {
        defer { nextCommandID += 1 }
        return nextCommandID
    }

    /// One subscribe command per channel, so that each reply's sid maps to one channel and a
    /// resync can replace the book subscription without touching the others.
    func subscriptionsForNewConnection() -> [String] {
        pendingForNextConnection = [:]
        var commands: [KalshiStreamCommand] = []
        if !tickerOrder.isEmpty {
            for channel in configuration.marketChannels {
                let command = KalshiStreamCommand(id: commandID(), .subscribe(channels: [channel], markets: .tickers(tickerOrder)))
                pendingForNextConnection[command.id] = PendingSubscription(channel: channel, tickers: Set(tickerOrder))
                commands.append(command)
            }
        }
        for channel in configuration.accountChannels {
            let command = KalshiStreamCommand(id: commandID(), .subscribe(channels: [channel], markets: .unscoped))
            pendingForNextConnection[command.id] = PendingSubscription(channel: channel, tickers: [])
            commands.append(command)
        }
        return commands.map { $0.json() }
    }

    /// Brings the venue's subscriptions in line with ``tickers``. State is updated before each
    /// send, so a call that interleaves at a suspension point sees what is already on its way
    /// and does not send it twice.
    func reconcile() async {
        guard isLive else { return }
        let wanted = Set(tickerOrder)
        var commands: [KalshiStreamCommand] = []
        for channel in configuration.marketChannels {
            if var subscription = live[channel] {
                if wanted.isEmpty {
                    // Deleting the last market could leave a subscription to "all markets".
                    live[channel] = nil
                    retire(subscription.sid)
                    commands.append(KalshiStreamCommand(id: commandID(), .unsubscribe(sids: [subscription.sid])))
                    continue
                }
                let added = tickerOrder.filter { !subscription.tickers.contains($0) }
                let removed = subscription.tickers.subtracting(wanted).sorted()
                if !added.isEmpty {
                    commands.append(KalshiStreamCommand(
                        id: commandID(), .updateSubscription(sids: [subscription.sid], marketTickers: added, action: .addMarkets)))
                }
                if !removed.isEmpty {
                    commands.append(KalshiStreamCommand(
                        id: commandID(), .updateSubscription(sids: [subscription.sid], marketTickers: removed, action: .deleteMarkets)))
                }
                subscription.tickers = wanted
                live[channel] = subscription
            } else if !pending.values.contains(where: { $0.channel == channel }), !wanted.isEmpty {
                let command = KalshiStreamCommand(id: commandID(), .subscribe(channels: [channel], markets: .tickers(tickerOrder)))
                pending[command.id] = PendingSubscription(channel: channel, tickers: wanted)
                commands.append(command)
            }
        }
        for command in commands { await send(command) }
    }

    @discardableResult
    private func send(_ command: KalshiStreamCommand) async -> Bool {
        guard let socket = control.socket else { return false }
        return await socket.send(command.json())
    }

    private func retire(_ sid: Int) {
        retiredSIDs.insert(sid)
        lastSeq[sid] = nil
    }

    /// Drops every book of the order-book subscription and replaces the subscription.
    ///
    /// Replacing (unsubscribe + subscribe) rather than `update_subscription` delete/add: `seq`
    /// counts per subscription, not per market, so after a gap no book of the subscription is
    /// known to be whole, and the old subscription's numbering cannot be resumed either (we do
    /// not know where the venue is in it). A new subscription restarts `seq` and sends a
    /// snapshot for every market, which is exactly the state we need to rebuild from.
    func resynchronize(_ reason: KalshiResyncReason) async {
        guard let subscription = live[.orderbookDelta] else { return }
        live[.orderbookDelta] = nil
        retire(subscription.sid)
        let affected = tickerOrder.filter { subscription.tickers.contains($0) || books[$0] != nil }
        for ticker in affected { books[ticker] = nil }
        statistics.resyncs += 1
        logger.warning("Kalshi books resynchronising", metadata: ["reason": "\(reason)"])
        emit(.unsynchronized(tickers: affected, reason: reason))
        await send(KalshiStreamCommand(id: commandID(), .unsubscribe(sids: [subscription.sid])))
        await reconcile()
    }

    // MARK: Processing

    func finishOutput() {
        output?.finish()
        output = nil
    }

    func emit(_ update: KalshiStreamUpdate) {
        output?.yield(update)
    }

    func process(_ event: WebSocketEvent) async {
        switch event {
        case .state(let state):
            switch state {
            case .connected(let connection):
                if connection > 1 { statistics.reconnects += 1 }
                isLive = true
                live = [:]
                lastSeq = [:]
                retiredSIDs = []
                pending = pendingForNextConnection
                pendingForNextConnection = [:]
                emit(.connection(state))
                // Markets added while the subscribe commands were on their way.
                await reconcile()
            case .disconnected(let reason):
                isLive = false
                live = [:]
                pending = [:]
                let lost = tickerOrder.filter { books[$0] != nil }
                books = [:]
                emit(.connection(state))
                if !lost.isEmpty { emit(.unsynchronized(tickers: lost, reason: .disconnected(reason: reason))) }
            default:
                emit(.connection(state))
            }
        case .text(let text, let receivedAt):
            statistics.frames += 1
            let message: KalshiStreamMessage
            do {
                message = try KalshiStreamDecoder.decode(text)
            } catch {
                await handleMalformed(error)
                return
            }
            await handle(message, receivedAt: receivedAt)
        }
    }

    private func handleMalformed(_ error: KalshiStreamDecodingError) async {
        statistics.malformedFrames += 1
        logger.warning("skipping undecodable Kalshi frame", metadata: ["error": "\(error)"])
        emit(.problem(.malformedFrame(error)))
        guard error.isBookMessage, let subscription = live[.orderbookDelta] else { return }
        // A frame without a readable sid is presumed to be ours: guessing wrong costs one
        // resubscription, guessing the other way costs trading on a wrong book.
        if error.sid == nil || error.sid == subscription.sid {
            await resynchronize(.malformedBookMessage(error))
        }
    }

    func handle(_ message: KalshiStreamMessage, receivedAt: Timestamp) async {
        switch message {
        case .subscribed(let id, let info):
            if let id, let request = pending.removeValue(forKey: id) {
                live[request.channel] = LiveSubscription(sid: info.sid, tickers: request.tickers)
            } else if live[info.channel] == nil {
                live[info.channel] = LiveSubscription(sid: info.sid, tickers: Set(tickerOrder))
            }
            emit(.subscribed(info))
            await reconcile()
        case .unsubscribed(_, let sid):
            retire(sid)
        case .ok(let reply):
            emit(.acknowledged(reply))
        case .error(let reply):
            statistics.venueErrors += 1
            // A refused subscribe is not retried here (it would be refused again); the
            // consumer sees why, and the next reconnect tries afresh.
            if let id = reply.id { pending[id] = nil }
            logger.warning("Kalshi WebSocket command refused", metadata: ["error": "\(reply)"])
            emit(.venueError(reply))
        case .unknown(let type, let sid, let seq):
            statistics.unknownMessages += 1
            emit(.problem(.unknownMessage(type: type)))
            // Still numbered on a book subscription: the number must be counted, or the next
            // book message would look like a gap.
            if let sid, let seq, sid == live[.orderbookDelta]?.sid { _ = await acceptSequence(sid: sid, seq: seq) }
        case .data(let sid, let seq, .orderbookSnapshot(let snapshot)):
            guard let sid = await acceptBookMessage(sid: sid, seq: seq) else { return }
            guard tickerOrder.contains(snapshot.marketTicker) else { return }
            let book = snapshot.book(sequence: seq)
            books[snapshot.marketTicker] = book
            statistics.snapshots += 1
            emit(.book(KalshiBookUpdate(book: book, cause: .snapshot, sid: sid, seq: seq, receivedAt: receivedAt)))
        case .data(let sid, let seq, .orderbookDelta(let delta)):
            guard let sid = await acceptBookMessage(sid: sid, seq: seq) else { return }
            guard tickerOrder.contains(delta.marketTicker) else { return }
            guard var book = books[delta.marketTicker] else {
                await resynchronize(.deltaBeforeSnapshot(ticker: delta.marketTicker))
                return
            }
            do {
                try book.apply(side: delta.side, price: delta.price, delta: delta.delta, sequence: seq, venueTimestamp: delta.venueTimestamp)
            } catch {
                await resynchronize(.negativeLevel(error))
                return
            }
            books[delta.marketTicker] = book
            statistics.deltasApplied += 1
            emit(.book(KalshiBookUpdate(book: book, cause: .delta(delta), sid: sid, seq: seq, receivedAt: receivedAt)))
        case .data(_, _, let payload):
            // Market messages of markets removed a moment ago may still be on their way.
            if case .ticker(let ticker) = payload, !tickerOrder.contains(ticker.marketTicker) { return }
            if case .trade(let trade) = payload, !tickerOrder.contains(trade.marketTicker) { return }
            emit(.message(payload, receivedAt: receivedAt))
        }
    }

    /// The sid of a book message that belongs to the current book subscription and continues
    /// its sequence; nil for messages to drop (and after starting a resync on a gap).
    private func acceptBookMessage(sid: Int?, seq: UInt64?) async -> Int? {
        guard let sid, let subscription = live[.orderbookDelta], subscription.sid == sid, !retiredSIDs.contains(sid) else {
            statistics.bookMessagesDropped += 1
            return nil
        }
        guard let seq else { return sid }
        return await acceptSequence(sid: sid, seq: seq) ? sid : nil
    }

    /// Records `seq` for `sid`; on a gap starts a resync and returns false.
    private func acceptSequence(sid: Int, seq: UInt64) async -> Bool {
        if let last = lastSeq[sid], seq != last + 1 {
            await resynchronize(.sequenceGap(sid: sid, expected: last + 1, received: seq))
            return false
        }
        lastSeq[sid] = seq
        return true
    }
}
