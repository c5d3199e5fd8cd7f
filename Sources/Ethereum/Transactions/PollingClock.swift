/// The time source of receipt polling, injectable so that tests of a two-minute timeout take
/// milliseconds.
public struct PollingClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    public var now: @Sendable () -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// Real time: `ContinuousClock` and `Task.sleep`.
    public static var continuous: PollingClock {
        let origin = ContinuousClock.now
        return PollingClock(now: { ContinuousClock.now - origin }, sleep: { try await Task.sleep(for: $0) })
    }
}
