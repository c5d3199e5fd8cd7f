import EdgewiseVenueKit

/// Keeps Polymarket's dead-man switch armed: sends a heartbeat every `interval` so that the venue
/// cancels all open orders if this process dies, hangs or loses the network.
///
/// The venue cancels when no heartbeat arrives for about 10 seconds, so the default interval
/// leaves room for one slow or failed beat. Failures are reported on ``events``, and when the
/// deadline passes without an accepted beat the switch says so (``PolymarketHeartbeatEvent/deadlineMissed(sinceLastBeat:)``):
/// from then on the caller must assume its orders are gone.
public actor PolymarketDeadMansSwitch {
    public nonisolated let events: AsyncStream<PolymarketHeartbeatEvent>
    public let interval: Duration
    /// How long the venue waits for a heartbeat before cancelling everything.
    public let venueDeadline: Duration

    private let client: PolymarketTradingClient
    private let continuation: AsyncStream<PolymarketHeartbeatEvent>.Continuation
    private var task: Task<Void, Never>?
    private var heartbeatID: String?
    private var lastBeat: ContinuousClock.Instant?
    private var consecutiveFailures = 0
    private var reportedMiss = false
    private var stopped = false

    /// - Parameter client: give it a request timeout well below `interval` (a few seconds): a beat
    ///   that hangs for the transport's default 15 s would outlast the venue's deadline before
    ///   it is even reported as failed.
    public init(client: PolymarketTradingClient, interval: Duration = .seconds(5), venueDeadline: Duration = .seconds(10)) {
        self.client = client
        self.interval = interval
        self.venueDeadline = venueDeadline
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
    }

    /// Whether the heartbeat loop runs.
    public var isRunning: Bool { task != nil }

    /// The id the next heartbeat will carry (nil before the first accepted beat).
    public var currentHeartbeatID: String? { heartbeatID }

    /// Starts sending heartbeats, the first at once. Calling it again while running, or after
    /// ``stop()`` (whose ``events`` have finished), does nothing.
    public func start() {
        guard task == nil, !stopped else { return }
        task = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                let retryAtOnce = await self.beat()
                if retryAtOnce { continue }
                do {
                    try await Task.sleep(for: self.interval)
                } catch {
                    return
                }
            }
        }
    }

    /// Stops the heartbeats and finishes ``events``. The venue keeps the switch armed, so open
    /// orders are cancelled about 10 seconds later unless heartbeats resume from elsewhere.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        let running = task
        task = nil
        running?.cancel()
        _ = await running?.value
        continuation.yield(.stopped)
        continuation.finish()
    }

    /// One heartbeat. Returns true when the next one should go out at once: the venue refused
    /// the id and named the one it expects, and waiting would risk its deadline.
    private func beat() async -> Bool {
        do {
            let next = try await client.sendHeartbeat(previousID: heartbeatID)
            heartbeatID = next
            lastBeat = .now
            consecutiveFailures = 0
            reportedMiss = false
            continuation.yield(.beat(heartbeatID: next))
            return false
        } catch {
            guard !Task.isCancelled else { return false }
            consecutiveFailures += 1
            continuation.yield(.failed(error, consecutiveFailures: consecutiveFailures))
            if let lastBeat, !reportedMiss {
                let silence = ContinuousClock.now - lastBeat
                if silence > venueDeadline {
                    reportedMiss = true
                    continuation.yield(.deadlineMissed(sinceLastBeat: silence))
                }
            }
            if case .heartbeatRejected(_, let expected?, _) = error, expected != heartbeatID {
                heartbeatID = expected
                return consecutiveFailures < 3
            }
            return false
        }
    }
}
