import EdgewiseEthereum
import Synchronization

/// A polling clock whose sleeps advance virtual time at once, so receipt timeouts take no time.
final class VirtualClock: Sendable {
    let elapsed = Mutex<Duration>(.zero)

    var clock: PollingClock {
        PollingClock(now: { self.elapsed.withLock { $0 } }, sleep: { duration in
            self.elapsed.withLock { $0 += duration }
            await Task.yield()
        })
    }
}
