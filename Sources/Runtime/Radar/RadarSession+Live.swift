import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseKalshi
import EdgewisePolymarket
import EdgewiseVenueKit

extension RadarSession {
    /// Polymarket's market channel takes any number of tokens, but one connection per few
    /// hundred keeps a reconnect's resubscription (and its burst of snapshots) small.
    static let tokensPerPolymarketStream = 500

    public struct LiveOptions: Sendable {
        /// How often changes are gathered, folded and published: a book that ticks ten times
        /// in that window produces one update, not ten.
        public var flushInterval: Duration
        /// How often the venues without a stream are re-read over REST, the observations file
        /// is checked, and every detector re-runs so opportunities on books gone quiet for
        /// longer than the maximum book age close.
        public var refreshInterval: Duration

        public init(flushInterval: Duration = .milliseconds(500), refreshInterval: Duration = .seconds(15)) {
            self.flushInterval = flushInterval
            self.refreshInterval = refreshInterval
        }
    }

    /// The venues whose books follow a WebSocket: Polymarket's market channel is public;
    /// Kalshi's needs a signed connection, so without credentials its books are re-read over
    /// REST every refresh instead.
    public var streamedVenues: [VenueID] {
        scanner.options.venues.filter { $0 == .polymarket || ($0 == .kalshi && scanner.services.kalshiCredentialsConfigured) }
    }

    /// Keeps the radar current until `isStopped` says so: the watched books follow the venues'
    /// streams and every change re-evaluates only what reads that book; the venues without a
    /// stream are polled. Each flush hands `deliver` the changes since the previous one, folded,
    /// with real fees confirmed for anything new (so nothing priced on provisional fees is ever
    /// published). `observe` sees every market-data event as it arrives, before the radar
    /// applies it (the agent keeps its own books and feeds the paper broker from it).
    public mutating func runLive(
        options: LiveOptions = LiveOptions(), isStopped: @escaping @Sendable () -> Bool,
        now: @escaping @Sendable () -> Timestamp = Timestamp.now, observe: (ReceivedEvent) -> Void = { _ in },
        deliver: (RadarScanner.Pass) -> Void
    ) async {
        let (inputs, continuation) = AsyncStream.makeStream(of: LiveRadarInput.self, bufferingPolicy: .unbounded)
        var tasks: [Task<Void, Never>] = []
        var stops: [@Sendable () -> Void] = []
        startPolymarketStreams(into: continuation, tasks: &tasks, stops: &stops)
        startKalshiStream(into: continuation, tasks: &tasks, stops: &stops)
        tasks.append(Self.clock(options, into: continuation))
        let polled = scanner.options.venues.filter { !streamedVenues.contains($0) }

        var pending = RadarScanner.Pass()
        for await input in inputs {
            if isStopped() { break }
            switch input {
            case .event(let received):
                observe(received)
                pending.changes += radar.apply(received.event, receivedAt: received.receivedAt)
            case .untrusted(let venue, let instruments, let reason):
                let affected = instruments ?? radar.watchedMarketIndices.map { radar.universe.markets[$0].yes }.filter { $0.venue == venue }
                let time = now()
                for instrument in affected { pending.changes += radar.invalidateBook(of: instrument, now: time) }
                pending.warnings.append("\(venue): \(reason); \(affected.count) book(s) wait for fresh snapshots")
            case .warning(let text):
                pending.warnings.append(text)
            case .flush:
                guard !pending.changes.isEmpty || !pending.warnings.isEmpty else { continue }
                await scanner.confirmFees(in: &radar, pass: &pending, now: now)
                var published = RadarScanner.Pass()
                published.merge(pending)
                deliver(published)
                pending = RadarScanner.Pass()
            case .refresh:
                if !polled.isEmpty { pending.merge(await poll(venues: polled, now: now)) } else {
                    pending.merge(await observeNewLines(now: now))
                }
                pending.changes += radar.evaluateAll(now: now())
            }
        }
        for stop in stops { stop() }
        for task in tasks { task.cancel() }
        continuation.finish()
    }

    private static func clock(_ options: LiveOptions, into continuation: AsyncStream<LiveRadarInput>.Continuation) -> Task<Void, Never> {
        Task {
            let clock = ContinuousClock()
            var nextRefresh = clock.now + options.refreshInterval
            while !Task.isCancelled {
                do { try await Task.sleep(for: options.flushInterval) } catch { return }
                if clock.now >= nextRefresh {
                    continuation.yield(.refresh)
                    nextRefresh = clock.now + options.refreshInterval
                }
                continuation.yield(.flush)
            }
        }
    }

    private func startPolymarketStreams(
        into continuation: AsyncStream<LiveRadarInput>.Continuation, tasks: inout [Task<Void, Never>],
        stops: inout [@Sendable () -> Void]
    ) {
        guard streamedVenues.contains(.polymarket) else { return }
        let tokens = radar.watchedMarketIndices.sorted().map { radar.universe.markets[$0].yes }
            .filter { $0.venue == .polymarket }.map(\.token)
        guard !tokens.isEmpty else { return }
        let client = scanner.services.polymarket()
        var start = 0
        while start < tokens.count {
            let chunk = Array(tokens[start..<min(start + Self.tokensPerPolymarketStream, tokens.count)])
            start += Self.tokensPerPolymarketStream
            let stream = client.marketStream(tokens: chunk)
            let instruments = chunk.map { InstrumentID(venue: .polymarket, token: $0) }
            stops.append { stream.stop() }
            tasks.append(Task {
                for await update in await stream.updates() {
                    switch update {
                    case .event(let received): continuation.yield(.event(received))
                    case .connection(.disconnected(let reason)):
                        continuation.yield(.untrusted(.polymarket, instruments, reason: "market channel dropped: \(reason)"))
                    case .problem(let problem): continuation.yield(.warning("polymarket: \(problem)"))
                    case .connection, .resynced: break
                    }
                }
            })
        }
    }

    private func startKalshiStream(
        into continuation: AsyncStream<LiveRadarInput>.Continuation, tasks: inout [Task<Void, Never>],
        stops: inout [@Sendable () -> Void]
    ) {
        guard streamedVenues.contains(.kalshi) else { return }
        let tickers = radar.watchedMarketIndices.sorted().map { radar.universe.markets[$0] }
            .filter { $0.venue == .kalshi }.map(\.marketID.rawValue)
        guard !tickers.isEmpty else { return }
        let stream: KalshiMarketStream
        do {
            stream = try scanner.services.kalshiStream(tickers: tickers)
        } catch {
            continuation.yield(.warning("kalshi: no stream (\(error)); its books are re-read over REST"))
            return
        }
        stops.append { stream.stop() }
        tasks.append(Task {
            for await update in await stream.updates() {
                switch update {
                case .book:
                    for received in update.marketDataEvents { continuation.yield(.event(received)) }
                case .unsynchronized(let tickers, let reason):
                    let instruments = tickers.map { Kalshi.token(ticker: $0, side: .yes) }.map { InstrumentID(venue: .kalshi, token: $0) }
                    continuation.yield(.untrusted(.kalshi, instruments, reason: "\(reason)"))
                case .connection(.disconnected(let reason)):
                    continuation.yield(.untrusted(.kalshi, nil, reason: "stream dropped: \(reason)"))
                case .problem(let problem): continuation.yield(.warning("kalshi: \(problem)"))
                case .venueError(let reply): continuation.yield(.warning("kalshi: \(reply)"))
                default: break
                }
            }
        })
    }
}
