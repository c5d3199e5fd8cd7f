import Synchronization

/// A test waited for something that did not happen in time.
public struct WaitTimeout: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Polls `condition` until it holds; throws after `timeout` instead of hanging the test.
public func eventually(
    _ what: String, timeout: Duration = .seconds(5), _ condition: @Sendable () async -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Drains a stream in the background so a test can wait for particular updates.
public final class Collector<Element: Sendable>: Sendable {
    final class Storage: Sendable {
        let items = Mutex<[Element]>([])
    }

    let storage = Storage()
    let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    public init(_ stream: AsyncStream<Element>) {
        let task = Task { [storage] in
            for await item in stream { storage.items.withLock { $0.append(item) } }
        }
        self.task.withLock { $0 = task }
    }

    public var all: [Element] { storage.items.withLock { $0 } }

    /// Stops draining (the stream's producer then sees its consumer gone).
    public func cancel() { task.withLock { $0?.cancel() } }

    /// Waits until `count` elements satisfy `predicate` and returns them.
    @discardableResult
    public func wait(
        for what: String, count: Int = 1, timeout: Duration = .seconds(5), where predicate: @escaping @Sendable (Element) -> Bool
    ) async throws -> [Element] {
        try await eventually(what, timeout: timeout) { self.all.filter(predicate).count >= count }
        return all.filter(predicate)
    }
}
