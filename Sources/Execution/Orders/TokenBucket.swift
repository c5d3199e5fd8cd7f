import EdgewiseCore

/// A per-venue request budget: `capacity` requests at once, refilled at `perSecond`. Pure
/// arithmetic on the times it is given, so the pacing is exact and testable; the order
/// manager sleeps for the wait it returns.
public struct TokenBucket: Hashable, Sendable {
    public let capacity: Int64
    public let perSecond: Int64
    /// Tokens in nanosecond-scaled units (1 token = 1e9), so refills need no fractions.
    private var level: Int64
    private var updatedAt: Timestamp?

    public init(capacity: Int, perSecond: Int) {
        precondition(capacity > 0 && perSecond > 0, "a rate limit needs a positive capacity and rate")
        self.capacity = Int64(capacity)
        self.perSecond = Int64(perSecond)
        self.level = Int64(capacity) * 1_000_000_000
    }

    /// Takes one token at `now` and returns how long to wait before the request may go (zero
    /// when a token was available). Waiting requests queue in the order they reserved.
    public mutating func reserve(at now: Timestamp) -> Duration {
        if let updatedAt, now > updatedAt {
            let refill = (now.nanoseconds - updatedAt.nanoseconds).multipliedReportingOverflow(by: perSecond)
            level = refill.overflow ? capacity * 1_000_000_000 : min(capacity * 1_000_000_000, level + refill.partialValue)
        }
        if updatedAt.map({ now > $0 }) ?? true { updatedAt = now }
        level -= 1_000_000_000
        guard level < 0 else { return .zero }
        return .nanoseconds((-level + perSecond - 1) / perSecond)
    }
}
