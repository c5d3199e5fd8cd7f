/// How often and how patiently an idempotent request is retried. Defaults suit a live venue;
/// tests pass tiny delays so a full retry budget runs in milliseconds.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first one; 1 disables retries.
    public var maxAttempts: Int
    /// The delay before the first retry; each further retry multiplies it by `multiplier`.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var multiplier: Double
    /// The fraction (0…1) of each delay that is randomized, so that many clients that failed
    /// together do not retry together.
    public var jitter: Double
    /// The longest `Retry-After` we are willing to sleep; a longer one is reported as
    /// ``VenueError/rateLimited(endpoint:retryAfter:)`` at once.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(250), maxBackoff: Duration = .seconds(5),
        multiplier: Double = 2, jitter: Double = 0.2, maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before retry number `retry` (1-based), capped and jittered.
    public func backoff(beforeRetry retry: Int) -> Duration {
        Self.exponential(initial: initialBackoff, max: maxBackoff, multiplier: multiplier, jitter: jitter, step: retry)
    }

    /// Capped exponential backoff with jitter; shared with the WebSocket reconnection.
    static func exponential(initial: Duration, max cap: Duration, multiplier: Double, jitter: Double, step: Int) -> Duration {
        let base = initial.timeInterval * pow(multiplier, Double(Swift.max(0, step - 1)))
        let capped = Swift.min(base, cap.timeInterval)
        let spread = capped * jitter
        let seconds = Swift.max(0, capped - spread + Double.random(in: 0...1) * 2 * spread)
        return .nanoseconds(Int64(Swift.min(seconds, cap.timeInterval) * 1e9))
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}
