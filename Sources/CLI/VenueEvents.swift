import EdgewiseCore

/// The received events of one venue's stream, ending after `limit` of them. `produce` feeds
/// events through `yield`, which answers false once the consumer wants no more.
struct VenueEvents: AsyncSequence, Sendable {
    typealias Element = ReceivedEvent
    let stream: AsyncStream<ReceivedEvent>

    init(limit: Int?, onLimit: @escaping @Sendable () -> Void, produce: @escaping @Sendable (_ yield: (ReceivedEvent) -> Bool) async -> Void) {
        stream = AsyncStream { continuation in
            let task = Task {
                var delivered = 0
                await produce { event in
                    if let limit, delivered >= limit { return false }
                    continuation.yield(event)
                    delivered += 1
                    return limit.map { delivered < $0 } ?? true
                }
                if let limit, delivered >= limit { onLimit() }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func makeAsyncIterator() -> AsyncStream<ReceivedEvent>.AsyncIterator { stream.makeAsyncIterator() }
}
