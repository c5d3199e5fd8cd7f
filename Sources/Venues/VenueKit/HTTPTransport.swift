import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Timeouts and retries for one venue host.
public struct HTTPTransportConfiguration: Sendable {
    /// The budget for one attempt, connection included.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    /// The largest response body accepted.
    public var maxResponseBytes: Int
    public var userAgent: String

    public init(
        requestTimeout: Duration = .seconds(15), retry: RetryPolicy = RetryPolicy(),
        maxResponseBytes: Int = 32 << 20, userAgent: String = "edgewise"
    ) {
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}

/// A JSON-over-HTTP client for one venue host: builds URLs, applies timeouts, retries transient
/// failures of idempotent requests, honours `Retry-After`, and reports typed ``VenueError``s.
public struct HTTPTransport: Sendable {
    /// The process-wide HTTP client. Its connect timeout is short so that a wrong host or a
    /// closed port fails fast instead of hanging for the library default of 10 s.
    public static let sharedClient: HTTPClient = makeClient(connectTimeout: .seconds(3))

    /// A client with its own connect timeout, for callers that need a different one. The caller
    /// owns it and must `shutdown()` it; ``sharedClient`` lives for the whole process.
    public static func makeClient(connectTimeout: Duration, readTimeout: Duration = .seconds(30)) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .nanoseconds(connectTimeout.nanosecondCount), read: .nanoseconds(readTimeout.nanosecondCount)))
        configuration.httpVersion = .automatic
        // The library would keep retrying a refused connect until the connect timeout; our own
        // retry policy decides instead, so a closed port fails in milliseconds.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    public let baseURL: URL
    public let configuration: HTTPTransportConfiguration
    /// The configuration key or environment variable that sets `baseURL`, named in
    /// "unreachable" errors (e.g. `EDGEWISE_POLYMARKET_CLOB_URL`).
    public let overrideHint: String
    let client: HTTPClient
    let logger: Logger

    public init(
        baseURL: URL, overrideHint: String = "EDGEWISE_*_URL", configuration: HTTPTransportConfiguration = .init(),
        client: HTTPClient = HTTPTransport.sharedClient, logger: Logger = Logger(label: "edgewise.http")
    ) {
        self.baseURL = baseURL
        self.overrideHint = overrideHint
        self.configuration = configuration
        self.client = client
        self.logger = logger
    }

    /// Sends `request` and decodes a 2xx body as `T`.
    public func json<T: Decodable & Sendable>(_ type: T.Type, _ request: VenueRequest) async throws(VenueError) -> T {
        let response = try await send(request)
        return try Self.decode(type, from: response.body, endpoint: request.endpointName)
    }

    /// Decodes `data` as `T`, naming the endpoint and the failing field on error.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(VenueError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            throw .decoding(endpoint: endpoint, field: field, detail: detail)
        }
    }

    /// Sends `request`, retrying transient failures of idempotent requests; returns a 2xx response.
    public func send(_ request: VenueRequest) async throws(VenueError) -> VenueResponse {
        try await send(request, returningClientErrors: false)
    }

    /// Like ``send(_:)``, but with `returningClientErrors` a 4xx reply other than 429 is returned
    /// whole instead of being thrown as ``VenueError/client(endpoint:status:body:)``: some venues
    /// put the reason a request was refused into the body, and their adapter must read all of it
    /// to tell the caller what to do (an excerpt can cut the reason off). Rate limits and server
    /// errors are still retried and thrown as usual.
    public func send(_ request: VenueRequest, returningClientErrors: Bool) async throws(VenueError) -> VenueResponse {
        let policy = request.isIdempotent ? configuration.retry : .none
        var attempt = 1
        while true {
            var failure: VenueError
            var requestedDelay: Duration?
            var giveUp = false
            do throws(VenueError) {
                let response = try await attemptOnce(request)
                switch response.status {
                case 200..<300:
                    return response
                case 429:
                    let retryAfter = response.header("Retry-After").flatMap(Self.parseRetryAfter)
                    failure = .rateLimited(endpoint: request.endpointName, retryAfter: retryAfter)
                    if let retryAfter {
                        if retryAfter > configuration.retry.maxRetryAfter { giveUp = true } else { requestedDelay = retryAfter }
                    }
                case 500..<600:
                    failure = .server(endpoint: request.endpointName, status: response.status, body: Self.excerpt(response.body))
                default:
                    if returningClientErrors, (400..<500).contains(response.status) { return response }
                    throw VenueError.client(endpoint: request.endpointName, status: response.status, body: Self.excerpt(response.body))
                }
            } catch {
                guard error.isTransient else { throw error }
                failure = error
            }
            if giveUp { throw failure }
            // 429 is retried even for non-idempotent requests: the venue did not process them.
            let retryable = attempt < policy.maxAttempts || (requestedDelay != nil && attempt < configuration.retry.maxAttempts)
            guard retryable else { throw failure }
            let delay = requestedDelay ?? policy.backoff(beforeRetry: attempt)
            logger.debug("retrying after transient failure", metadata: [
                "endpoint": "\(request.endpointName)", "attempt": "\(attempt)", "error": "\(failure)",
            ])
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled(endpoint: request.endpointName)
            }
            attempt += 1
        }
    }

    /// One attempt. Throws only transport-level failures (already classified as ``VenueError``).
    func attemptOnce(_ request: VenueRequest) async throws(VenueError) -> VenueResponse {
        let url = try makeURL(request)
        var outgoing = HTTPClientRequest(url: url)
        switch request.method {
        case .get: outgoing.method = .GET
        case .post: outgoing.method = .POST
        case .delete: outgoing.method = .DELETE
        }
        outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        outgoing.headers.add(name: "Accept", value: "application/json")
        for header in request.headers { outgoing.headers.replaceOrAdd(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let client = client
        let prepared = outgoing
        let timeout = configuration.requestTimeout
        let maxBytes = configuration.maxResponseBytes
        do {
            // The client's own deadline ends when the headers arrive; the body must fit in the
            // same budget, or a trickling server could hold a request open indefinitely.
            return try await withThrowingTaskGroup(of: VenueResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(prepared, timeout: .nanoseconds(timeout.nanosecondCount), logger: nil)
                    let body = try await response.body.collect(upTo: maxBytes)
                    return VenueResponse(
                        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                        body: Data(body.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw VenueError.timeout(endpoint: request.endpointName, after: timeout)
                }
                return response
            }
        } catch {
            throw classify(error, request: request)
        }
    }

    func makeURL(_ request: VenueRequest) throws(VenueError) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw .invalidRequest(endpoint: request.endpointName, detail: "base URL '\(base)' is not http(s); check \(overrideHint)")
        }
        let query = request.encodedQuery
        return base + request.path + (query.isEmpty ? "" : "?" + query)
    }

    /// The `unreachable` details that mean no byte of the request reached the venue.
    static let failuresBeforeSending: Set<String> = [connectTimedOut, connectionRefused]
    static let connectTimedOut = "connect timed out"
    static let connectionRefused = "connection refused"

    func classify(_ error: any Error, request: VenueRequest) -> VenueError {
        if let error = error as? VenueError { return error }
        if error is CancellationError || Task.isCancelled { return .cancelled(endpoint: request.endpointName) }
        let host = baseURL.host ?? baseURL.absoluteString
        let hint = "check network / the \(overrideHint) override"
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(endpoint: request.endpointName, after: configuration.requestTimeout)
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .unreachable(endpoint: request.endpointName, host: host, detail: Self.connectTimedOut, hint: hint)
            case .cancelled:
                return .cancelled(endpoint: request.endpointName)
            case .remoteConnectionClosed:
                return .unreachable(endpoint: request.endpointName, host: host, detail: "connection closed by the server", hint: hint)
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return .decoding(endpoint: request.endpointName, field: "<body>", detail: "response larger than \(configuration.maxResponseBytes) bytes")
        }
        if let error = error as? NIOCore.IOError, error.errnoCode == ECONNREFUSED {
            return .unreachable(endpoint: request.endpointName, host: host, detail: Self.connectionRefused, hint: hint)
        }
        let text = String(describing: error)
        let detail = text.localizedCaseInsensitiveContains("refused") ? Self.connectionRefused : text
        return .unreachable(endpoint: request.endpointName, host: host, detail: detail, hint: hint)
    }

    /// `Retry-After` as delta seconds; HTTP dates are not used by the venues we talk to.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        // The header comes from the network: absurd values are capped rather than trusted, so
        // they can neither overflow nor stall us (anything past the policy cap fails at once).
        let day: Int64 = 86_400
        if let seconds = Int64(trimmed), seconds >= 0 { return .seconds(min(seconds, day)) }
        if let seconds = Double(trimmed), seconds >= 0, !seconds.isNaN {
            return seconds >= Double(day) ? .seconds(day) : .milliseconds(Int64(seconds * 1000))
        }
        return nil
    }

    /// At most 200 characters of a body, on one line, for error messages.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(400), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

extension Duration {
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
