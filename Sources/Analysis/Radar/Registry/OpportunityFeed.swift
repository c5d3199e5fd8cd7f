import EdgewiseCore
import Synchronization

/// The radar's in-process publication: every subscriber gets every change, in order, from the
/// moment it subscribed. Strategies, the store writer and the server's WebSocket each hold one
/// subscription.
///
/// Each subscriber has an unbounded buffer: dropping a change would leave a subscriber believing
/// a closed opportunity is still open, which is worse than memory growth from a stalled reader.
public final class OpportunityFeed: Sendable {
    private let state = Mutex(State())

    struct State {
        var next = 0
        var continuations: [Int: AsyncStream<OpportunityChange>.Continuation] = [:]
        var finished = false
    }

    public init() {}

    /// A stream of every change published after this call.
    public func subscribe() -> AsyncStream<OpportunityChange> {
        let (stream, continuation) = AsyncStream<OpportunityChange>.makeStream(bufferingPolicy: .unbounded)
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            defer { state.next += 1 }
            state.continuations[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ changes: [OpportunityChange]) {
        guard !changes.isEmpty else { return }
        // Yielding under the lock keeps every subscriber's order identical even if two tasks
        // publish at once; an unbounded yield never blocks.
        state.withLock { state in
            for continuation in state.continuations.values {
                for change in changes { continuation.yield(change) }
            }
        }
    }

    /// Ends every subscription (at shutdown).
    public func finish() {
        let targets = state.withLock { state in
            state.finished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in targets { continuation.finish() }
    }

    public var subscriberCount: Int { state.withLock { $0.continuations.count } }
}
