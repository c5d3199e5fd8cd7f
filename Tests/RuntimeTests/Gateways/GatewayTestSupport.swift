import EdgewiseCore
import EdgewiseExecution
import EdgewiseStore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Logging
import Synchronization

/// Short timeouts and quick retries: every venue here is a loopback server.
let gatewayTransport = HTTPTransportConfiguration(
    requestTimeout: .seconds(2),
    retry: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(1)))

/// For the tests where the venue never answers in time.
let impatientTransport = HTTPTransportConfiguration(
    requestTimeout: .milliseconds(300),
    retry: RetryPolicy(maxAttempts: 1, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(1)))

let quietGatewayLogger: Logger = {
    var logger = Logger(label: "gateway-tests")
    logger.logLevel = .critical
    return logger
}()

/// A fresh SQLite journal of its own: the real store, never a stand-in.
func gatewayStore() throws -> EdgewiseStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-gateways-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try EdgewiseStore(path: directory.appendingPathComponent(EdgewiseStore.defaultFileName).path)
}

/// An order manager with no settle delay to wait through, already reconciled when asked.
func orderManager(_ store: EdgewiseStore, _ gateway: any VenueGateway) -> OrderManager {
    OrderManager(
        store: store, gateways: [gateway], configuration: .init(settleDelay: .milliseconds(10)), logger: quietGatewayLogger)
}

/// Journals `order` as the previous run left it when it died between the send and the answer.
func journalAsSubmitted(_ order: Order, in store: EdgewiseStore) throws -> Order {
    try store.journal(order: order)
    var submitted = order
    let event = OrderEvent.submitted(at: order.createdAt)
    try submitted.apply(event)
    try store.update(order: submitted, after: event)
    return submitted
}

/// Test state a loopback venue's handlers read at request time (they are built before the test
/// knows, say, the order hash).
final class VenueScript<State: Sendable>: Sendable {
    let state: Mutex<State>
    init(_ state: State) { self.state = Mutex(state) }
    func callAsFunction<T: Sendable>(_ body: (inout State) -> T) -> T { state.withLock { body(&$0) } }
}

func requestCount(_ server: LoopbackServer, _ method: String, _ path: String) -> Int {
    server.requests.filter { $0.method == method && $0.path == path }.count
}

extension LoopbackRoute {
    static func delete(_ pattern: String, respond: @escaping LoopbackHTTPHandler) -> LoopbackRoute {
        LoopbackRoute("DELETE", pattern, handler: respond)
    }
}

/// JSON text of a fixture value (read in place from ../shared), with some fields replaced.
func fixtureJSON(_ file: String, _ key: String, path: [String] = [], replacing overrides: [String: Any] = [:]) throws -> [String: Any] {
    var value: Any? = try SharedFixtures.venueJSON(file)[key]
    for component in path { value = (value as? [String: Any])?[component] }
    guard var object = value as? [String: Any] else { throw FixtureShapeError(description: "\(file): no object at \(([key] + path).joined(separator: " → "))") }
    for (name, replacement) in overrides { object[name] = replacement }
    return object
}

struct FixtureShapeError: Error, CustomStringConvertible {
    let description: String
}

func jsonText(_ value: Any) -> String {
    (try? SharedFixtures.jsonData(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
}

extension Price {
    static func p(_ text: String) -> Price { Price(text)! }
}

extension Size {
    static func s(_ text: String) -> Size { Size(text)! }
}
