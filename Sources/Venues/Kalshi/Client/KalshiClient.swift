import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Kalshi's Trade API v2 over REST: market data (series, events, markets, books, trades,
/// candlesticks), the portfolio (balance, positions, fills, settlements, orders) and trading.
///
/// Portfolio and trading requests are signed with ``KalshiRequestSigner``; market data is sent
/// unsigned unless the client has credentials, in which case it is signed too (harmless, and it
/// lets the venue apply the account's rate-limit tier). Reads and cancels are retried on
/// transient failures; order creation never is, except after a 429 that the venue answered
/// before processing anything, and an ambiguous failure is settled by looking the order up by
/// its client order id before anything is re-sent (see ``place(_:rules:)``).
public struct KalshiClient: Sendable, CustomStringConvertible {
    public let transport: HTTPTransport
    let signer: KalshiRequestSigner?
    /// The clock behind `KALSHI-ACCESS-TIMESTAMP`; injectable so tests can check the exact
    /// signed message.
    let now: @Sendable () -> Timestamp
    /// What is put in front of every route so that requests reach `/trade-api/v2/...`: empty
    /// when the base URL already ends in the prefix (the built-in endpoints), the prefix itself
    /// when an override names only a host.
    let routePrefix: String
    /// The path the venue sees before the route: the base URL's own path plus `routePrefix`.
    /// It is part of every signed message, so signing `/portfolio/balance` alone would be refused.
    let signedPrefix: String

    public init(
        endpoints: KalshiEndpoints = .production, signer: KalshiRequestSigner? = nil,
        configuration: HTTPTransportConfiguration = .init(), logger: Logger = Logger(label: "edgewise.kalshi"),
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.init(
            transport: HTTPTransport(
                baseURL: endpoints.rest, overrideHint: KalshiEndpoints.EnvironmentKey.rest, configuration: configuration,
                logger: logger),
            signer: signer, now: now)
    }

    public init(transport: HTTPTransport, signer: KalshiRequestSigner? = nil, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.transport = transport
        self.signer = signer
        self.now = now
        var basePath = URLComponents(url: transport.baseURL, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? transport.baseURL.path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        routePrefix = basePath.hasSuffix(Kalshi.restPathPrefix) ? "" : Kalshi.restPathPrefix
        signedPrefix = basePath + routePrefix
    }

    /// Whether portfolio and trading calls are possible.
    public var isAuthenticated: Bool { signer != nil }

    public var description: String {
        "KalshiClient(\(transport.baseURL.absoluteString)\(signer.map { ", keyID: \($0.keyID)" } ?? ", unauthenticated"))"
    }

    /// The path as sent and signed for `route` (`/portfolio/balance` → `/trade-api/v2/portfolio/balance`).
    public func signedPath(for route: String) -> String { signedPrefix + route }

    // MARK: Requests

    /// A request for `route` (below `/trade-api/v2`). With `authenticated` it must be signed and
    /// fails without credentials; otherwise it is signed only when credentials exist.
    func request(
        _ method: VenueRequest.Method, _ route: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        idempotent: Bool? = nil, authenticated: Bool
    ) throws(KalshiError) -> VenueRequest {
        let endpoint = "\(method.rawValue) \(route)"
        var headers: [(name: String, value: String)] = []
        if let signer {
            do throws(KalshiKeyError) {
                let auth = try signer.headers(method: method.rawValue, path: signedPath(for: route), timestampMilliseconds: now().milliseconds)
                headers = auth.fields
            } catch {
                throw .signing(error)
            }
        } else if authenticated {
            throw .notAuthenticated(endpoint: endpoint)
        }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return VenueRequest(
            method, routePrefix + route, query: query, body: body, headers: headers, isIdempotent: idempotent, endpointName: endpoint)
    }

    /// Sends a read (or an idempotent write) and returns its 2xx reply; everything else becomes
    /// a ``KalshiError``.
    func perform(_ request: VenueRequest) async throws(KalshiError) -> VenueResponse {
        let response: VenueResponse
        do throws(VenueError) {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            throw Self.mapFailure(error)
        }
        guard (200..<300).contains(response.status) else {
            throw Self.refusal(status: response.status, body: response.body, endpoint: request.endpointName)
        }
        return response
    }

    /// ``perform(_:)`` and decode.
    func get<T: Decodable>(_ type: T.Type, _ request: VenueRequest, listKey: String? = nil) async throws(KalshiError) -> T {
        let response = try await perform(request)
        return try Self.decode(type, from: response.body, endpoint: request.endpointName, listKey: listKey)
    }

    /// One page of a listing whose items sit under `key`.
    func page<Item: Decodable & Sendable>(
        _ item: Item.Type, key: String, _ request: VenueRequest
    ) async throws(KalshiError) -> KalshiPage<Item> {
        try await get(KalshiListResponse<Item>.self, request, listKey: key).page
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String, listKey: String? = nil) throws(KalshiError) -> T {
        let decoder = JSONDecoder()
        if let listKey { decoder.userInfo[KalshiListResponse<KalshiOrder>.keyInfo] = listKey }
        do {
            return try decoder.decode(type, from: data)
        } catch {
            let (field, detail) = DecodingErrorDescription.describe(error)
            throw .malformedResponse(endpoint: endpoint, field: field, detail: detail)
        }
    }

    static func mapFailure(_ error: VenueError) -> KalshiError {
        switch error {
        case .rateLimited(let endpoint, let retryAfter):
            return .rateLimited(endpoint: endpoint, retryAfter: retryAfter)
        case .server(let endpoint, let status, let body):
            return .venueUnavailable(endpoint: endpoint, status: status, message: message(Data(body.utf8), fallback: body))
        case .decoding(let endpoint, let field, let detail):
            return .malformedResponse(endpoint: endpoint, field: field, detail: detail)
        default:
            return .transport(error)
        }
    }

    static func refusal(status: Int, body: Data, endpoint: String) -> KalshiError {
        let parsed = KalshiErrorBody.parse(body)
        let text = message(body, fallback: "")
        switch status {
        case 401, 403: return .unauthorized(endpoint: endpoint, status: status, message: text)
        case 404: return .notFound(endpoint: endpoint, message: text)
        case 409: return .conflict(endpoint: endpoint, code: parsed?.code, message: text)
        default: return .rejected(endpoint: endpoint, status: status, code: parsed?.code, message: text)
        }
    }

    /// Kalshi's own words from an error body, or a short excerpt of whatever else came back.
    static func message(_ body: Data, fallback: String) -> String {
        if let parsed = KalshiErrorBody.parse(body) { return parsed.summary }
        if !fallback.isEmpty { return fallback }
        let text = String(decoding: body.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Percent-encodes one path segment (a ticker or an order id).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
