import Synchronization

/// What a loopback server script saw, for the test to check after the fact.
public final class ScriptLog: Sendable {
    let entries = Mutex<[String]>([])
    public init() {}
    public func add(_ entry: String) { entries.withLock { $0.append(entry) } }
    public var all: [String] { entries.withLock { $0 } }
}
