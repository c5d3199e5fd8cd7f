import EdgewiseVenueKit

/// Why a trading request failed, in terms of what the caller may do next. The crucial split is
/// between failures where the venue certainly did nothing (refused locally, rejected, rate
/// limited, unreachable before sending) and ``orderMayExist(endpoint:orderHashes:cause:)``, where
/// an order may have been placed and must be looked up before anything is re-sent.
///
/// Messages quote the venue's own text, never the API secret or passphrase.
public enum PolymarketTradingError: Error, Sendable, CustomStringConvertible {
    /// Refused before anything was sent.
    case invalidSubmission(detail: String)
    /// More orders than `POST /orders` accepts; nothing was sent.
    case batchTooLarge(count: Int, limit: Int)
    /// The venue refused the request; no order was placed and nothing changed.
    case rejected(endpoint: String, status: Int, reason: PolymarketRejectReason, message: String)
    /// The venue runs a different exchange version than the order was signed for. Nothing was
    /// placed. Re-sign the order for `serverVersion` (nil when `/version` could not be read) and
    /// submit the new order; the old signed order must never be sent again.
    case orderVersionMismatch(endpoint: String, serverVersion: Int?, message: String)
    /// HTTP 429 beyond the retry budget: the request was not processed.
    case rateLimited(endpoint: String, retryAfter: Duration?)
    /// The venue failed (5xx) on a read or a cancel, after retries.
    case venueUnavailable(endpoint: String, status: Int, message: String)
    /// The order submission was (or may have been) delivered but no usable answer came back:
    /// the orders may exist. Do not re-send blindly: call
    /// ``PolymarketTradingClient/resolveUncertainSubmission(orderHash:tokenID:since:)`` for each
    /// hash and re-send only what is not found.
    case orderMayExist(endpoint: String, orderHashes: [String], cause: String)
    /// The venue refused a heartbeat id; `expectedID` is the id it wants next, when it said so.
    case heartbeatRejected(endpoint: String, expectedID: String?, message: String)
    /// A transport failure that did not change venue state (unreachable before sending, an
    /// unreadable reply to a read).
    case transport(VenueError)

    public var endpoint: String? {
        switch self {
        case .invalidSubmission, .batchTooLarge: nil
        case .rejected(let endpoint, _, _, _), .orderVersionMismatch(let endpoint, _, _), .rateLimited(let endpoint, _),
            .venueUnavailable(let endpoint, _, _), .orderMayExist(let endpoint, _, _), .heartbeatRejected(let endpoint, _, _):
            endpoint
        case .transport(let error): error.endpoint
        }
    }

    /// The rejection reason, when the venue refused the request.
    public var rejectReason: PolymarketRejectReason? {
        if case .rejected(_, _, let reason, _) = self { return reason }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidSubmission(let detail):
            return "order not sent: \(detail)"
        case .batchTooLarge(let count, let limit):
            return "order batch not sent: \(count) orders, the venue accepts at most \(limit) per POST /orders; split the batch"
        case .rejected(let endpoint, let status, let reason, let message):
            return "\(endpoint): refused by Polymarket (HTTP \(status)): \(message.isEmpty ? reason.rawValue : message); \(reason.nextStep)"
        case .orderVersionMismatch(let endpoint, let serverVersion, let message):
            let version = serverVersion.map { "version \($0)" } ?? "a version GET /version did not report"
            return "\(endpoint): order signed for the wrong exchange version (\(message)); the venue runs \(version): "
                + "re-sign the order for it and submit the new order — never re-send the old one"
        case .rateLimited(let endpoint, let retryAfter):
            let wait = retryAfter.map { " (venue asked to wait \($0))" } ?? ""
            return "\(endpoint): rate limited by Polymarket\(wait); the request was not processed — slow down and retry later"
        case .venueUnavailable(let endpoint, let status, let message):
            return "\(endpoint): Polymarket server error HTTP \(status)\(message.isEmpty ? "" : " — \(message)"); retry later"
        case .orderMayExist(let endpoint, let hashes, let cause):
            return "\(endpoint): no usable answer (\(cause)); the order(s) \(hashes.joined(separator: ", ")) may exist — "
                + "resolve them with resolveUncertainSubmission before re-sending anything"
        case .heartbeatRejected(let endpoint, let expectedID, let message):
            return "\(endpoint): heartbeat refused (\(message))\(expectedID == nil ? "" : "; continuing with the id the venue expects"); "
                + "if heartbeats lapsed the venue may have cancelled all open orders — reconcile"
        case .transport(let error):
            return error.description
        }
    }
}
