import Foundation

/// Runs blocking work (reading a child process's pipe, waiting for it to exit) on a thread of its
/// own. Swift Testing runs tests on the cooperative pool, which has one thread per core: two tests
/// blocked in `availableData` or `waitUntilExit` on a 2-core machine stall every other test, and
/// the timing-sensitive ones (keep-alive watchdogs) then fail for reasons that are not theirs.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.name = "edgewise-test-blocking"
        thread.start()
    }
}
