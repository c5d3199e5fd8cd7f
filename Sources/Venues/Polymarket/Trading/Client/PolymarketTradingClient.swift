import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Polymarket's authenticated CLOB API: placing and cancelling orders, listing the account's
/// orders and trades, balances, and the heartbeat dead-man switch.
///
/// Every request is signed with the L2 (API key) scheme over the exact bytes it sends. Reads and
/// cancels are retried on transient failures; order submissions never are, except after a 429
/// that the venue answered before processing anything. A submission whose fate is unknown is
/// reported as ``PolymarketTradingError/orderMayExist(endpoint:orderHashes:cause:)`` and resolved
/// with ``resolveUncertainSubmission(orderHash:tokenID:since:)`` before anything is sent again.
public struct PolymarketTradingClient: Sendable, CustomStringConvertible {
    public let transport: HTTPTransport
    /// The checksummed address of the wallet the API key belongs to (`POLY_ADDRESS`).
    public let signerAddress: String
    let credentials: PolymarketAPICredentials
    let signer: PolymarketL2Signer
    /// The clock behind `POLY_TIMESTAMP`; injectable so tests can pin signatures and callers can
    /// correct for a skewed system clock with the venue's `GET /time`.
    let now: @Sendable () -> Timestamp

    /// - Throws: ``PolymarketAuthError`` when the secret cannot be used (it is not base64).
    public init(
        baseURL: URL = PolymarketEndpoints.production.clob, credentials: PolymarketAPICredentials, signerAddress: String,
        configuration: HTTPTransportConfiguration = .init(), logger: Logger = Logger(label: "edgewise.polymarket.trading"),
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) throws(PolymarketAuthError) {
        try self.init(
            transport: HTTPTransport(
                baseURL: baseURL, overrideHint: PolymarketEndpoints.EnvironmentKey.clob, configuration: configuration, logger: logger),
            credentials: credentials, signerAddress: signerAddress, now: now)
    }

    public init(
        transport: HTTPTransport, credentials: PolymarketAPICredentials, signerAddress: String,
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) throws(PolymarketAuthError) {
        for (name, value) in [("apiKey", credentials.apiKey), ("secret", credentials.secret), ("passphrase", credentials.passphrase)]
        where value.isEmpty {
            throw .emptyField(name: name)
        }
        self.transport = transport
        self.credentials = credentials
        self.signerAddress = signerAddress
        self.signer = try PolymarketL2Signer(secret: credentials.secret, apiKey: credentials.apiKey)
        self.now = now
    }

    /// The API key (also the `owner` of every order this client submits).
    public var apiKey: String { credentials.apiKey }

    public var description: String {
        "PolymarketTradingClient(\(transport.baseURL.absoluteString), apiKey: \(credentials.apiKey), address: \(signerAddress))"
    }

    // MARK: Requests

    /// A request carrying the L2 headers, signed over `path` (never the query) and `body`.
    func signedRequest(
        _ method: VenueRequest.Method, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        idempotent: Bool, endpoint: String
    ) -> VenueRequest {
        let headers = PolymarketL2Headers(
            signer: signer, credentials: credentials, address: signerAddress, timestamp: now().nanoseconds / 1_000_000_000,
            method: method.rawValue, requestPath: path, body: body)
        var fields = headers.fields
        if body != nil { fields.append(("Content-Type", "application/json")) }
        return VenueRequest(method, path, query: query, body: body, headers: fields, isIdempotent: idempotent, endpointName: endpoint)
    }

    /// Sends a read or a cancel and returns its 2xx reply; refusals and failures become
    /// ``PolymarketTradingError``s.
    func perform(_ request: VenueRequest) async throws(PolymarketTradingError) -> VenueResponse {
        let response: VenueResponse
        do {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            throw mapFailure(error)
        }
        guard (200..<300).contains(response.status) else {
            throw refusal(status: response.status, body: response.body, endpoint: request.endpointName)
        }
        return response
    }

    /// Sends an order submission. Unlike ``perform(_:)``, every failure that may have reached the
    /// venue becomes ``PolymarketTradingError/orderMayExist(endpoint:orderHashes:cause:)``.
    func submit(_ request: VenueRequest, orderHashes: [String]) async throws(PolymarketTradingError) -> VenueResponse {
        precondition(!request.isIdempotent, "order submissions must never be retried automatically")
        let endpoint = request.endpointName
        let response: VenueResponse
        do {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            switch error {
            case .rateLimited(let endpoint, let retryAfter):
                throw .rateLimited(endpoint: endpoint, retryAfter: retryAfter)
            case .server(_, let status, let body):
                let message = redact(ClobErrorText.describe(Data(body.utf8)))
                let reason = PolymarketRejectReason.classify(status: status, message: message)
                // These two are the venue saying "not now" on purpose: nothing was placed.
                if reason == .tradingDisabled || reason == .cancelOnly {
                    throw .rejected(endpoint: endpoint, status: status, reason: reason, message: message)
                }
                throw .orderMayExist(
                    endpoint: endpoint, orderHashes: orderHashes, cause: "HTTP \(status)\(message.isEmpty ? "" : ": \(message)")")
            default:
                if error.mayHaveBeenProcessed {
                    throw .orderMayExist(endpoint: endpoint, orderHashes: orderHashes, cause: error.description)
                }
                throw .transport(error)
            }
        }
        guard (200..<300).contains(response.status) else {
            let message = redact(ClobErrorText.describe(response.body))
            if ClobErrorText.isVersionMismatch(message) {
                throw await versionMismatch(endpoint: endpoint, message: message)
            }
            throw refusal(status: response.status, body: response.body, endpoint: endpoint)
        }
        return response
    }

    func mapFailure(_ error: VenueError) -> PolymarketTradingError {
        switch error {
        case .rateLimited(let endpoint, let retryAfter):
            return .rateLimited(endpoint: endpoint, retryAfter: retryAfter)
        case .server(let endpoint, let status, let body):
            let message = redact(ClobErrorText.describe(Data(body.utf8)))
            let reason = PolymarketRejectReason.classify(status: status, message: message)
            if reason == .tradingDisabled || reason == .cancelOnly {
                return .rejected(endpoint: endpoint, status: status, reason: reason, message: message)
            }
            return .venueUnavailable(endpoint: endpoint, status: status, message: message)
        default:
            return .transport(error)
        }
    }

    func refusal(status: Int, body: Data, endpoint: String) -> PolymarketTradingError {
        let message = redact(ClobErrorText.describe(body))
        return .rejected(endpoint: endpoint, status: status, reason: PolymarketRejectReason.classify(status: status, message: message), message: message)
    }

    /// The version-mismatch error, with the version the venue runs now (re-read, because the
    /// cached one is what just proved wrong).
    func versionMismatch(endpoint: String, message: String) async -> PolymarketTradingError {
        let version = try? await version()
        return .orderVersionMismatch(endpoint: endpoint, serverVersion: version, message: message)
    }

    /// Venue text can echo what it was sent; make sure no credential secret survives into an error.
    /// Excerpts are cut at a fixed length, so a secret cut off at the end is redacted as well.
    func redact(_ text: String) -> String {
        var result = text
        for secret in [credentials.secret, credentials.passphrase] where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
            let ellipsis = result.hasSuffix("…")
            var body = ellipsis ? String(result.dropLast()) : result
            for length in stride(from: secret.count - 1, through: 4, by: -1) where body.hasSuffix(secret.prefix(length)) {
                body = String(body.dropLast(length)) + "<redacted>"
                break
            }
            result = ellipsis ? body + "…" : body
        }
        return result
    }

    /// A compact JSON object of string members in the given order (`{"market":"…","asset_id":"…"}`),
    /// built as text so that the signed bytes are predictable.
    static func jsonObject(_ members: [(String, String)]) -> Data {
        let body = members.map { "\(PolymarketOrderEnvelope.quoted($0.0)):\(PolymarketOrderEnvelope.quoted($0.1))" }
        return Data(("{" + body.joined(separator: ",") + "}").utf8)
    }

    /// A compact JSON array of strings.
    static func jsonArray(_ items: [String]) -> Data {
        Data(("[" + items.map(PolymarketOrderEnvelope.quoted).joined(separator: ",") + "]").utf8)
    }
}
