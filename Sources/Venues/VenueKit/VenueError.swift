// EdgewiseVenueKit — the venue-neutral transport layer every venue adapter builds on.
//
// It knows HTTP and WebSocket, retries, timeouts, rate limits and reconnection, and turns every
// failure into a typed `VenueError` that tells the operator what to do next. It knows nothing
// about any venue's payloads: Polymarket, Kalshi and Manifold adapters decode their own JSON on
// top of it.

/// Why a request to a venue failed. Every description ends with what to do about it, because
/// these messages reach an operator who is deciding whether to keep trading.
public enum VenueError: Error, Sendable, CustomStringConvertible {
    /// HTTP 429, still rate limited after the retry budget (or `Retry-After` beyond the cap).
    case rateLimited(endpoint: String, retryAfter: Duration?)
    /// HTTP 5xx after the retry budget; `body` is a short excerpt of the response.
    case server(endpoint: String, status: Int, body: String)
    /// HTTP 4xx other than 429: the request itself is wrong; retrying will not help.
    case client(endpoint: String, status: Int, body: String)
    /// The response arrived but does not have the shape we expect.
    case decoding(endpoint: String, field: String, detail: String)
    /// No complete response within the allowed time.
    case timeout(endpoint: String, after: Duration)
    /// The host could not be reached at all (refused, DNS, TLS, reset).
    case unreachable(endpoint: String, host: String, detail: String, hint: String)
    /// The request could not be built (bad base URL or parameters).
    case invalidRequest(endpoint: String, detail: String)
    /// The calling task was cancelled.
    case cancelled(endpoint: String)

    public var endpoint: String {
        switch self {
        case .rateLimited(let e, _), .server(let e, _, _), .client(let e, _, _), .decoding(let e, _, _),
            .timeout(let e, _), .unreachable(let e, _, _, _), .invalidRequest(let e, _), .cancelled(let e):
            e
        }
    }

    /// Whether trying the same request later may succeed.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .server, .timeout, .unreachable: true
        case .client, .decoding, .invalidRequest, .cancelled: false
        }
    }

    /// Whether the venue may have received and acted on the request even though it failed. A
    /// request that is not idempotent (placing an order) must not simply be sent again when this
    /// holds: the caller first has to find out whether it took effect.
    ///
    /// Only failures that prove the request never got through, or was refused as a whole (a 4xx
    /// reply, a rate limit, a refused or timed-out connect), say `false`; everything else, including
    /// failures we cannot classify, says `true`, because guessing wrong the other way can double an
    /// order.
    public var mayHaveBeenProcessed: Bool {
        switch self {
        case .rateLimited, .client, .invalidRequest: false
        case .server, .decoding, .timeout, .cancelled: true
        case .unreachable(_, _, let detail, _):
            !HTTPTransport.failuresBeforeSending.contains(detail)
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let endpoint, let retryAfter):
            let wait = retryAfter.map { " (venue asked to wait \($0.formattedSeconds))" } ?? ""
            return "\(endpoint): rate limited by the venue\(wait); slow down or retry later"
        case .server(let endpoint, let status, let body):
            return "\(endpoint): venue server error HTTP \(status)\(body.isEmpty ? "" : " — \(body)"); the venue is having trouble, retry later"
        case .client(let endpoint, let status, let body):
            return "\(endpoint): request rejected with HTTP \(status)\(body.isEmpty ? "" : " — \(body)"); check the ids and parameters, retrying will not help"
        case .decoding(let endpoint, let field, let detail):
            return "\(endpoint): unexpected response at '\(field)': \(detail); the venue API may have changed — report it with this message"
        case .timeout(let endpoint, let after):
            return "\(endpoint): no response within \(after.formattedSeconds); check network connectivity or raise the timeout"
        case .unreachable(let endpoint, let host, let detail, let hint):
            return "\(endpoint): cannot reach \(host) (\(detail)); \(hint)"
        case .invalidRequest(let endpoint, let detail):
            return "\(endpoint): invalid request: \(detail)"
        case .cancelled(let endpoint):
            return "\(endpoint): cancelled"
        }
    }
}

extension Duration {
    var formattedSeconds: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(milliseconds) ms"
    }

    var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
