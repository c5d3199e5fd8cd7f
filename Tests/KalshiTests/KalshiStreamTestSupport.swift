import EdgewiseCore
import EdgewiseKalshi
import EdgewiseVenueKit
import Foundation
import Logging
import Synchronization

struct KalshiStreamWaitTimeout: Error, CustomStringConvertible {
    let description: String
}

/// Polls `condition` until it holds; throws after `timeout` instead of hanging the test.
func kalshiEventually(
    _ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { throw KalshiStreamWaitTimeout(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Drains a stream in the background so a test can wait for particular elements.
final class KalshiStreamCollector<Element: Sendable>: Sendable {
    final class Storage: Sendable {
        let items = Mutex<[Element]>([])
    }

    let storage = Storage()

    init(_ stream: AsyncStream<Element>) {
        Task { [storage] in
            for await item in stream { storage.items.withLock { $0.append(item) } }
        }
    }

    var all: [Element] { storage.items.withLock { $0 } }

    /// Waits until `count` elements satisfy `predicate` and returns them.
    @discardableResult
    func wait(
        for what: String, count: Int = 1, timeout: Duration = .seconds(10), where predicate: @escaping @Sendable (Element) -> Bool
    ) async throws -> [Element] {
        try await kalshiEventually(what, timeout: timeout) { self.all.filter(predicate).count >= count }
        return all.filter(predicate)
    }
}

extension KalshiStreamUpdate {
    var bookUpdate: KalshiBookUpdate? {
        if case .book(let update) = self { return update }
        return nil
    }

    var unsynchronized: (tickers: [String], reason: KalshiResyncReason)? {
        if case .unsynchronized(let tickers, let reason) = self { return (tickers, reason) }
        return nil
    }

    var connectionState: WebSocketConnectionState? {
        if case .connection(let state) = self { return state }
        return nil
    }

    var venueError: KalshiStreamErrorReply? {
        if case .venueError(let reply) = self { return reply }
        return nil
    }

    var problem: KalshiStreamProblem? {
        if case .problem(let problem) = self { return problem }
        return nil
    }

    var isSnapshot: Bool { bookUpdate?.cause == .snapshot }
}

/// Keeps expected warnings (resyncs, malformed frames) out of the test output.
let kalshiQuietLogger: Logger = {
    var logger = Logger(label: "kalshi-stream-test")
    logger.logLevel = .critical
    return logger
}()

/// Frames a fake Kalshi venue sends, in the documented shapes.
enum KalshiVenueFrames {
    static func subscribed(id: Int, channel: String, sid: Int) -> String {
        #"{"id":\#(id),"type":"subscribed","msg":{"channel":"\#(channel)","sid":\#(sid)}}"#
    }

    static func error(id: Int, code: Int, message: String, ticker: String? = nil) -> String {
        let market = ticker.map { #","market_ticker":"\#($0)""# } ?? ""
        return #"{"id":\#(id),"type":"error","msg":{"code":\#(code),"msg":"\#(message)"\#(market)}}"#
    }

    /// `yes`/`no`: (price dollars, count) pairs in the current fixed-point form.
    static func snapshot(sid: Int, seq: Int, ticker: String, yes: [(String, String)], no: [(String, String)]) -> String {
        func levels(_ pairs: [(String, String)]) -> String {
            "[" + pairs.map { #"["\#($0.0)","\#($0.1)"]"# }.joined(separator: ",") + "]"
        }
        return #"{"type":"orderbook_snapshot","sid":\#(sid),"seq":\#(seq),"msg":{"market_ticker":"\#(ticker)","yes_dollars_fp":\#(levels(yes)),"no_dollars_fp":\#(levels(no))}}"#
    }

    static func delta(sid: Int, seq: Int, ticker: String, price: String, delta: String, side: String) -> String {
        #"{"type":"orderbook_delta","sid":\#(sid),"seq":\#(seq),"msg":{"market_ticker":"\#(ticker)","price_dollars":"\#(price)","delta_fp":"\#(delta)","side":"\#(side)"}}"#
    }
}

/// A command the stream sent, parsed loosely for assertions.
struct SentCommand: Sendable, CustomStringConvertible {
    let id: Int
    let cmd: String
    let channels: [String]
    let tickers: [String]
    let sids: [Int]
    let action: String?
    let text: String

    init(_ text: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = object["id"] as? Int, let cmd = object["cmd"] as? String
        else { throw KalshiStreamWaitTimeout(description: "not a command: \(text)") }
        let params = object["params"] as? [String: Any] ?? [:]
        self.id = id
        self.cmd = cmd
        self.channels = params["channels"] as? [String] ?? []
        self.tickers = params["market_tickers"] as? [String] ?? []
        self.sids = params["sids"] as? [Int] ?? []
        self.action = params["action"] as? String
        self.text = text
    }

    var description: String { text }
}

/// A check inside a server script: failing it drops the connection (and so fails the test by
/// what the client then misses) instead of crashing the test process as `precondition` would.
func check(_ condition: Bool, _ message: @autoclosure () -> String = "") throws {
    guard condition else { throw KalshiStreamWaitTimeout(description: "server-side check failed: \(message())") }
}
