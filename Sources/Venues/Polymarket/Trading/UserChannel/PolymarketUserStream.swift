import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Our orders and trades as they happen: one authenticated user-channel WebSocket that
/// reconnects by itself and authenticates again after every reconnect.
///
/// The stream decodes and attributes; it keeps no order state. After a reconnect it cannot know
/// what it missed — ``UserChannelReconciler`` repairs that from the REST trading endpoints.
///
/// ```swift
/// let stream = PolymarketUserStream(credentials: credentials, markets: [conditionID])
/// for await event in await stream.events() { … }
/// ```
public actor PolymarketUserStream {
    public struct Configuration: Sendable {
        public var keepAliveInterval: Duration
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration
        /// See ``ReconnectingWebSocket/Configuration/silenceTimeout``.
        public var silenceTimeout: Duration?

        public init(
            keepAliveInterval: Duration = .seconds(10), initialReconnectDelay: Duration = .milliseconds(500),
            maxReconnectDelay: Duration = .seconds(30), silenceTimeout: Duration? = nil
        ) {
            self.keepAliveInterval = keepAliveInterval
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
            self.silenceTimeout = silenceTimeout
        }
    }

    public static let productionURL = URL(string: "wss://ws-subscriptions-clob.polymarket.com/ws/user")!

    /// The user channel next to the configured market channel (`…/ws/market` → `…/ws/user`), so
    /// one WebSocket override points both at the same host.
    public static func url(for endpoints: PolymarketEndpoints) -> URL {
        url(besideMarketChannel: endpoints.webSocket)
    }

    /// `…/ws/market` → `…/ws/user`; a URL that does not end in `market` gets `/user` appended.
    public static func url(besideMarketChannel marketURL: URL) -> URL {
        if marketURL.lastPathComponent == "market" {
            return marketURL.deletingLastPathComponent().appendingPathComponent("user")
        }
        return marketURL.appendingPathComponent("user")
    }

    public let url: URL
    public let markets: [MarketID]
    public let configuration: Configuration
    /// Private: only ``UserChannelSubscription`` may see the secret.
    private let credentials: PolymarketAPICredentials
    let redact: CredentialRedactor
    let logger: Logger
    nonisolated let control = WebSocketStreamControl()

    /// Venue ids of orders known to be ours: every order the channel reported (it only reports
    /// ours) and those handed to ``track(_:)``.
    private var knownOrders: Set<VenueOrderID>
    private var output: AsyncStream<PolymarketUserStreamEvent>.Continuation?
    public private(set) var statistics = UserStreamStatistics()

    public init(
        url: URL = PolymarketUserStream.productionURL, credentials: PolymarketAPICredentials, markets: [MarketID],
        knownOrders: [VenueOrderID] = [], configuration: Configuration = .init(),
        logger: Logger = Logger(label: "edgewise.polymarket.user-stream")
    ) {
        self.url = url
        self.credentials = credentials
        self.redact = CredentialRedactor(credentials)
        self.markets = markets
        self.knownOrders = Set(knownOrders)
        self.configuration = configuration
        self.logger = logger
    }

    /// The key the channel reports for; it identifies our orders inside a trade.
    public var apiKey: String { credentials.apiKey }

    /// Marks orders as ours, so a trade that names them (as maker, say) is attributed even when
    /// the venue leaves out the owner.
    public func track(_ orders: [VenueOrderID]) {
        knownOrders.formUnion(orders)
    }

    // MARK: Consumer API

    /// Connects and returns the events. Call once; stopping the iteration stops the stream.
    public func events() -> AsyncStream<PolymarketUserStreamEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: PolymarketUserStreamEvent.self, bufferingPolicy: .unbounded)
        guard control.claimStart() else {
            continuation.finish()
            return stream
        }
        output = continuation
        // Built once here rather than on each connect: the closure must not capture the actor.
        let subscription = UserChannelSubscription.message(credentials: credentials, markets: markets)
        let socket = ReconnectingWebSocket(
            configuration: .init(
                url: url.absoluteString, keepAliveText: "PING", keepAliveInterval: configuration.keepAliveInterval,
                initialReconnectDelay: configuration.initialReconnectDelay, maxReconnectDelay: configuration.maxReconnectDelay,
                overrideHint: PolymarketEndpoints.EnvironmentKey.webSocket, silenceTimeout: configuration.silenceTimeout),
            logger: logger
        ) {
            // Every (re)connect authenticates again: the venue forgets a dropped connection.
            [subscription]
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

    /// Closes the connection; ``events()`` then delivers `.connection(.stopped)` and ends.
    public nonisolated func stop() {
        control.stop()
    }

    nonisolated func terminate() {
        control.terminate()
    }

    // MARK: Processing

    func finishOutput() {
        output?.finish()
        output = nil
    }

    func emit(_ event: PolymarketUserStreamEvent) {
        output?.yield(event)
    }

    func process(_ event: WebSocketEvent) {
        switch event {
        case .state(let state):
            if state.isReconnect { statistics.reconnects += 1 }
            emit(.connection(redacted(state)))
        case .text(let text, let receivedAt):
            statistics.frames += 1
            for message in UserChannelDecoder.decode(text) { handle(message, receivedAt: receivedAt) }
        }
    }

    func handle(_ message: UserChannelMessage, receivedAt: Timestamp) {
        switch message {
        case .pong:
            statistics.pongs += 1
        case .unknown(let type):
            statistics.unknownEvents += 1
            report(.unknownEvent(type: redact(type)))
        case .malformed(var error):
            statistics.malformedFrames += 1
            error.field = redact(error.field)
            error.detail = redact(error.detail)
            error.excerpt = redact(error.excerpt)
            report(.malformedFrame(error))
        case .order(let order):
            statistics.orderEvents += 1
            // The channel reports only our orders, so this id is ours from now on.
            knownOrders.insert(order.id)
            for (field, value) in order.unknownValues {
                report(.unknownValue(event: "order \(order.id)", field: field, value: redact(value)))
            }
            emit(.order(order, receivedAt: receivedAt))
        case .trade(let trade):
            statistics.tradeEvents += 1
            for (field, value) in trade.unknownValues {
                report(.unknownValue(event: "trade \(trade.id)", field: field, value: redact(value)))
            }
            let ours = trade.participations(apiKey: credentials.apiKey, fallbackTime: receivedAt) { knownOrders.contains($0) }
            emit(.trade(trade, ours: ours, receivedAt: receivedAt))
        }
    }

    func report(_ problem: PolymarketUserStreamProblem) {
        if case .unknownValue = problem { statistics.unknownValues += 1 }
        logger.warning("user channel problem", metadata: ["problem": "\(problem.description)"])
        emit(.problem(problem))
    }

    func redacted(_ state: WebSocketConnectionState) -> WebSocketConnectionState {
        if case .disconnected(let reason) = state { return .disconnected(reason: redact(reason)) }
        return state
    }
}
