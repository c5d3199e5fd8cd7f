import EdgewiseVenueKit

/// Why a call to Manifold failed, in terms of what the caller may do next.
///
/// The split that matters for trading is between failures where the venue certainly did
/// nothing (refused locally, rejected, rate limited) and ``betMayExist(endpoint:cause:)``, where a
/// bet or a sale may have gone through and must be looked up (`GET /bets`) before anything is
/// sent again. Messages quote the venue's own text, never the API key.
public enum ManifoldError: Error, Sendable, CustomStringConvertible {
    /// An authenticated call without a key; nothing was sent.
    case missingAPIKey(variable: String)
    /// Refused here, before anything was sent: the request breaks a rule the venue enforces.
    case invalidRequest(detail: String)
    /// HTTP 401/403: the key is wrong, revoked, or not allowed to do this.
    case unauthorized(endpoint: String, status: Int, message: String)
    /// Any other 4xx: the venue refused the request (unknown market, insufficient balance, closed
    /// market…); nothing changed.
    case rejected(endpoint: String, status: Int, message: String)
    /// HTTP 429 beyond the retry budget; the request was not processed.
    case rateLimited(endpoint: String, retryAfter: Duration?)
    /// HTTP 5xx on a read or a cancel, after retries.
    case venueUnavailable(endpoint: String, status: Int, message: String)
    /// A bet or sale was (or may have been) delivered but no usable answer came back.
    case betMayExist(endpoint: String, cause: String)
    /// The answer arrived but could not become a domain value.
    case mapping(endpoint: String, ManifoldMappingError)
    /// A transport failure that did not change venue state (unreachable before sending, a
    /// malformed reply to a read, a timeout of a read).
    case transport(VenueError)

    public var endpoint: String? {
        switch self {
        case .missingAPIKey, .invalidRequest: nil
        case .unauthorized(let endpoint, _, _), .rejected(let endpoint, _, _), .rateLimited(let endpoint, _),
            .venueUnavailable(let endpoint, _, _), .betMayExist(let endpoint, _), .mapping(let endpoint, _):
            endpoint
        case .transport(let error): error.endpoint
        }
    }

    /// The venue's own explanation, when it gave one.
    public var venueMessage: String? {
        switch self {
        case .unauthorized(_, _, let message), .rejected(_, _, let message), .venueUnavailable(_, _, let message):
            message.isEmpty ? nil : message
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .missingAPIKey(let variable):
            return "\(variable) is not set; Manifold trading needs an API key — copy it from your Manifold profile's settings into \(variable)"
        case .invalidRequest(let detail):
            return "not sent to Manifold: \(detail)"
        case .unauthorized(let endpoint, let status, let message):
            return "\(endpoint): Manifold refused the API key (HTTP \(status))\(Self.quote(message)); "
                + "check \(ManifoldAPIKey.environmentVariable) (a key refreshed on the profile page invalidates the old one)"
        case .rejected(let endpoint, let status, let message):
            return "\(endpoint): refused by Manifold (HTTP \(status))\(Self.quote(message)); nothing changed — fix the request before retrying"
        case .rateLimited(let endpoint, let retryAfter):
            let wait = retryAfter.map { " (venue asked to wait \($0))" } ?? ""
            return "\(endpoint): rate limited by Manifold\(wait); the request was not processed — slow down (limit 500 requests/min/IP) and retry later"
        case .venueUnavailable(let endpoint, let status, let message):
            return "\(endpoint): Manifold server error HTTP \(status)\(Self.quote(message)); retry later"
        case .betMayExist(let endpoint, let cause):
            return "\(endpoint): no usable answer (\(cause)); the bet may have been placed — list your bets (GET /bets?userId=…) before sending it again"
        case .mapping(let endpoint, let error):
            return "\(endpoint): \(error.description); the venue's data may have changed — report it with this message"
        case .transport(let error):
            return error.description
        }
    }

    static func quote(_ message: String) -> String { message.isEmpty ? "" : ": \(message)" }
}
