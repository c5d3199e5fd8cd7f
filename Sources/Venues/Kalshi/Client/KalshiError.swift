import EdgewiseCore
import EdgewiseVenueKit

/// Why a Kalshi request failed, in terms of what the caller may do next.
///
/// The split that matters for trading is between failures where the venue certainly did nothing
/// (refused locally, rejected, rate limited, unreachable before sending) and
/// ``orderMayExist(endpoint:clientOrderIDs:cause:)`` / ``outcomeUnknown(endpoint:cause:)``, where
/// the request may have taken effect and must be looked up before anything is re-sent.
///
/// Messages quote Kalshi's own error text, never a header, a signature or key material.
public enum KalshiError: Error, Sendable, CustomStringConvertible {
    /// A portfolio endpoint was called on a client built without credentials.
    case notAuthenticated(endpoint: String)
    /// The request could not be signed.
    case signing(KalshiKeyError)
    /// The order was refused locally, before anything was sent.
    case invalidOrder(KalshiOrderValidationError)
    /// More items than one batched request accepts; nothing was sent.
    case batchTooLarge(count: Int, limit: Int)
    /// A query parameter is out of the venue's range; nothing was sent.
    case invalidQuery(endpoint: String, detail: String)
    /// HTTP 401/403: the key id, the key or the clock is wrong.
    case unauthorized(endpoint: String, status: Int, message: String)
    /// HTTP 404: no such market, event, series or order.
    case notFound(endpoint: String, message: String)
    /// HTTP 409: the request conflicts with existing state (for orders: the client order id is
    /// already in use).
    case conflict(endpoint: String, code: String?, message: String)
    /// Another HTTP 4xx: the venue refused the request and changed nothing.
    case rejected(endpoint: String, status: Int, code: String?, message: String)
    /// HTTP 429 beyond the retry budget (or a `Retry-After` beyond the cap); nothing was processed.
    case rateLimited(endpoint: String, retryAfter: Duration?)
    /// HTTP 5xx on a read or an idempotent request, after retries.
    case venueUnavailable(endpoint: String, status: Int, message: String)
    /// The reply arrived but does not have the expected shape (`field` names where).
    case malformedResponse(endpoint: String, field: String, detail: String)
    /// An order submission may have been processed, and looking it up by client order id did not
    /// settle the question. Do not send new orders for these ids: look them up with
    /// ``KalshiClient/findOrder(clientOrderID:ticker:)`` until they appear or are known absent.
    case orderMayExist(endpoint: String, clientOrderIDs: [String], cause: String)
    /// An amend, decrease or cancel got no usable answer; it may have been applied. Read the
    /// order (``KalshiClient/order(id:)``) before trying again.
    case outcomeUnknown(endpoint: String, cause: String)
    /// A listing returned a cursor it had already returned; the venue would page forever.
    case pagingLoop(endpoint: String, cursor: String)
    /// A transport failure that did not change venue state.
    case transport(VenueError)

    public var endpoint: String? {
        switch self {
        case .notAuthenticated(let e), .invalidQuery(let e, _), .unauthorized(let e, _, _), .notFound(let e, _),
            .conflict(let e, _, _), .rejected(let e, _, _, _), .rateLimited(let e, _), .venueUnavailable(let e, _, _),
            .malformedResponse(let e, _, _), .orderMayExist(let e, _, _), .outcomeUnknown(let e, _), .pagingLoop(let e, _):
            e
        case .transport(let error): error.endpoint
        case .signing, .invalidOrder, .batchTooLarge: nil
        }
    }

    public var description: String {
        switch self {
        case .notAuthenticated(let endpoint):
            return "\(endpoint): needs Kalshi credentials; set \(KalshiCredentials.keyIDVariable) and \(KalshiCredentials.privateKeyFileVariable)"
        case .signing(let error):
            return "could not sign the Kalshi request: \(error)"
        case .invalidOrder(let error):
            return "order not sent: \(error)"
        case .batchTooLarge(let count, let limit):
            return "batch not sent: \(count) items, Kalshi accepts at most \(limit) per batched request; split it"
        case .invalidQuery(let endpoint, let detail):
            return "\(endpoint): not sent: \(detail)"
        case .unauthorized(let endpoint, let status, let message):
            return "\(endpoint): Kalshi refused the credentials (HTTP \(status))\(Self.quote(message)); "
                + "check that the key id matches the private key, that the key is active, and that the system clock is right"
        case .notFound(let endpoint, let message):
            return "\(endpoint): not found on Kalshi\(Self.quote(message)); check the ticker or id"
        case .conflict(let endpoint, _, let message):
            return "\(endpoint): conflicts with existing state on Kalshi\(Self.quote(message)); read the current state before retrying"
        case .rejected(let endpoint, let status, _, let message):
            return "\(endpoint): refused by Kalshi (HTTP \(status))\(Self.quote(message)); nothing changed — fix the request, retrying as is will not help"
        case .rateLimited(let endpoint, let retryAfter):
            let wait = retryAfter.map { " (Kalshi asked to wait \($0))" } ?? ""
            return "\(endpoint): rate limited by Kalshi\(wait); the request was not processed — slow down and retry later"
        case .venueUnavailable(let endpoint, let status, let message):
            return "\(endpoint): Kalshi server error HTTP \(status)\(Self.quote(message)); retry later"
        case .malformedResponse(let endpoint, let field, let detail):
            return "\(endpoint): unexpected Kalshi response at '\(field)': \(detail); the API may have changed — report it with this message"
        case .orderMayExist(let endpoint, let ids, let cause):
            return "\(endpoint): no usable answer (\(cause)); the order(s) with client_order_id \(ids.joined(separator: ", ")) may exist — "
                + "look them up by client order id before sending anything again"
        case .outcomeUnknown(let endpoint, let cause):
            return "\(endpoint): no usable answer (\(cause)); the change may have been applied — read the order before retrying"
        case .pagingLoop(let endpoint, let cursor):
            return "\(endpoint): Kalshi returned the cursor '\(cursor)' twice; stopped paging to avoid a loop — report it"
        case .transport(let error):
            return error.description
        }
    }

    private static func quote(_ message: String) -> String { message.isEmpty ? "" : ": \(message)" }
}
