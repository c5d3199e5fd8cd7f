import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// A real HTTP + WebSocket server on 127.0.0.1 (an ephemeral port) that stands in for a venue.
///
/// Usage:
/// ```swift
/// let server = try await LoopbackServer.start(
///     routes: [
///         .get("/book") { request in .json(bookData) },
///         .get("/markets/slug/{slug}", .json(marketData)),               // canned response
///         .get("/price", LoopbackResponse.sequence([.status(500), .json(#"{"price":"0.5"}"#)])),
///     ],
///     webSockets: ["/ws/market": { socket in                             // one call per connection
///         let subscription = try await socket.nextText()                 // what the client sent
///         try await socket.send(#"{"event_type":"book",…}"#)
///         // returning closes (drops) the connection; `socket.connection` counts connections
///     }])
/// defer { Task { await server.stop() } }  // or `await server.stop()` at the end
/// let url = server.baseURL                         // http://127.0.0.1:<port>
/// let ws = server.webSocketURL("/ws/market")        // ws://127.0.0.1:<port>/ws/market
/// ```
/// Path patterns match segment by segment; `{name}` matches any one segment. Unmatched requests
/// get a 404 whose body names the path. Every request is recorded in ``requests``.
public final class LoopbackServer: Sendable {
    public let port: Int
    let task: Task<Void, any Error>
    let recorder: Recorder

    final class Recorder: Sendable {
        let requests = Mutex<[LoopbackRequest]>([])
        let texts = Mutex<[String: [String]]>([:])
    }

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public func webSocketURL(_ path: String) -> URL { URL(string: "ws://127.0.0.1:\(port)\(path)")! }

    /// Every HTTP request received so far, in order.
    public var requests: [LoopbackRequest] { recorder.requests.withLock { $0 } }

    public func requests(path: String) -> [LoopbackRequest] { requests.filter { $0.path == path } }

    /// Every text frame clients sent to the WebSocket route `path`, across connections.
    public func receivedTexts(_ path: String) -> [String] { recorder.texts.withLock { $0[path] ?? [] } }

    init(port: Int, task: Task<Void, any Error>, recorder: Recorder) {
        self.port = port
        self.task = task
        self.recorder = recorder
    }

    /// A port on 127.0.0.1 that refuses connections (bound once, then released).
    public static func closedPort() async throws -> Int {
        let server = try await start()
        let port = server.port
        await server.stop()
        return port
    }

    public static func start(
        routes: [LoopbackRoute] = [], webSockets: [String: LoopbackWebSocketScript] = [:]
    ) async throws -> LoopbackServer {
        let recorder = Recorder()
        let router = Router(context: BasicWebSocketRequestContext.self)
        for (path, script) in webSockets {
            let connections = Atomic<Int>(0)
            router.ws(RouterPath(path)) { inbound, outbound, _ in
                let number = connections.add(1, ordering: .relaxed).newValue
                let socket = LoopbackWebSocket(connection: number, outbound: outbound)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer { socket.markClosed() }
                        for try await message in inbound.messages(maxSize: 1 << 22) {
                            if case .text(let text) = message {
                                recorder.texts.withLock { $0[path, default: []].append(text) }
                                socket.deliver(text)
                            }
                        }
                    }
                    try await script(socket)
                    group.cancelAll()
                }
            }
        }
        let handler: @Sendable (Request, BasicWebSocketRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 24)
            let recorded = LoopbackRequest(
                method: request.method.rawValue, path: request.uri.path,
                query: LoopbackRequest.parseQuery(request.uri.query ?? ""),
                headers: request.headers.map { ($0.name.rawName, $0.value) },
                body: Data(body.readableBytesView))
            recorder.requests.withLock { $0.append(recorded) }
            let route = routes.first { $0.matches(method: recorded.method, path: recorded.path) }
            let response = await route?.handler(recorded) ?? .text("no loopback route for \(recorded.method) \(recorded.path)", status: 404)
            if let delay = response.delay { try await Task.sleep(for: delay) }
            var headers = HTTPFields()
            for (name, value) in response.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            if let pause = response.pauseBetweenBytes {
                // A server that trickles its body: headers at once, then one byte per pause.
                let bytes = response.body
                return Response(
                    status: HTTPResponse.Status(code: response.status), headers: headers,
                    body: ResponseBody(contentLength: bytes.count) { writer in
                        for byte in bytes {
                            try await writer.write(ByteBuffer(bytes: [byte]))
                            try await Task.sleep(for: pause)
                        }
                        try await writer.finish(nil)
                    })
            }
            return Response(
                status: HTTPResponse.Status(code: response.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        for method in [HTTPRequest.Method.get, .post, .delete, .put] {
            router.on("**", method: method, use: handler)
        }
        var logger = Logger(label: "loopback")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw LoopbackError(description: "loopback server did not start")
        }
        return LoopbackServer(port: port, task: task, recorder: recorder)
    }

    /// Stops the server and waits until it has closed its port.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

public struct LoopbackError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A request as the loopback server received it.
public struct LoopbackRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: Data

    /// All values of a query parameter (a key may repeat).
    public func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }
    public func queryValue(_ name: String) -> String? { queryValues(name).first }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    static func parseQuery(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return (name, value)
        }
    }
}

/// A canned or computed HTTP response.
public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Wait this long before answering (to provoke client timeouts).
    public var delay: Duration?
    /// Send the body one byte at a time with this pause between bytes (a stalling server).
    public var pauseBetweenBytes: Duration?

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data(), delay: Duration? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    public static func json(_ body: Data, status: Int = 200, headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        json(Data(text.utf8), status: status, headers: headers)
    }

    public static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Data(text.utf8))
    }

    public static func status(_ status: Int, body: String = "", headers: [(name: String, value: String)] = []) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    /// A handler answering with `responses` in turn, repeating the last one forever.
    public static func sequence(_ responses: [LoopbackResponse]) -> LoopbackHTTPHandler {
        precondition(!responses.isEmpty)
        let counter = Atomic<Int>(0)
        return { _ in
            let index = counter.add(1, ordering: .relaxed).oldValue
            return responses[min(index, responses.count - 1)]
        }
    }
}

public typealias LoopbackHTTPHandler = @Sendable (LoopbackRequest) async -> LoopbackResponse

/// One HTTP route: a method and a path pattern (`/markets/slug/{slug}`).
public struct LoopbackRoute: Sendable {
    public var method: String
    public var pattern: String
    public var handler: LoopbackHTTPHandler

    public init(_ method: String, _ pattern: String, handler: @escaping LoopbackHTTPHandler) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
    }

    public static func get(_ pattern: String, handler: @escaping LoopbackHTTPHandler) -> LoopbackRoute {
        LoopbackRoute("GET", pattern, handler: handler)
    }

    public static func get(_ pattern: String, _ response: LoopbackResponse) -> LoopbackRoute {
        LoopbackRoute("GET", pattern) { _ in response }
    }

    public static func post(_ pattern: String, handler: @escaping LoopbackHTTPHandler) -> LoopbackRoute {
        LoopbackRoute("POST", pattern, handler: handler)
    }

    public static func post(_ pattern: String, _ response: LoopbackResponse) -> LoopbackRoute {
        LoopbackRoute("POST", pattern) { _ in response }
    }

    func matches(method: String, path: String) -> Bool {
        guard method == self.method else { return false }
        let wanted = pattern.split(separator: "/")
        let actual = path.split(separator: "/")
        guard wanted.count == actual.count else { return false }
        return zip(wanted, actual).allSatisfy { w, a in (w.hasPrefix("{") && w.hasSuffix("}")) || w == a }
    }
}

/// The server side of one WebSocket connection, driven by a test's script.
public final class LoopbackWebSocket: Sendable {
    /// 1 for the first connection to this route, 2 after one reconnect, …
    public let connection: Int
    let outbound: WebSocketOutboundWriter
    let inbox = Mutex<(texts: [String], closed: Bool)>(([], false))

    init(connection: Int, outbound: WebSocketOutboundWriter) {
        self.connection = connection
        self.outbound = outbound
    }

    func deliver(_ text: String) { inbox.withLock { $0.texts.append(text) } }
    func markClosed() { inbox.withLock { $0.closed = true } }

    public func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// The next text frame from the client, or nil once the client closed. Throws after
    /// `timeout` so that a missing message fails the test instead of hanging it.
    public func nextText(timeout: Duration = .seconds(5)) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (text, closed) = inbox.withLock { inbox -> (String?, Bool) in
                inbox.texts.isEmpty ? (nil, inbox.closed) : (inbox.texts.removeFirst(), false)
            }
            if let text { return text }
            if closed { return nil }
            guard ContinuousClock.now < deadline else {
                throw LoopbackError(description: "no WebSocket message from the client within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The next text frame that is not `ignoring` (e.g. the keep-alive `PING`).
    public func nextText(ignoring: String, timeout: Duration = .seconds(5)) async throws -> String? {
        while true {
            let text = try await nextText(timeout: timeout)
            if text != ignoring { return text }
        }
    }

    /// Closes the connection with a normal close frame.
    public func close() async throws {
        try await outbound.close(.normalClosure, reason: nil)
    }
}

/// What the server does with one WebSocket connection; returning closes the connection.
public typealias LoopbackWebSocketScript = @Sendable (LoopbackWebSocket) async throws -> Void
