import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Synchronization
import Testing

/// A loopback CLOB that checks the L2 headers of every request on an authenticated route by
/// recomputing the HMAC over the path it received (without the query) and the exact body bytes.
/// A request that fails the check is answered 401 and recorded, so a test cannot pass with
/// wrong signing.
final class TradingLoopback: Sendable {
    final class FailureLog: Sendable {
        let entries = Mutex<[String]>([])
    }

    let server: LoopbackServer
    private let failures: FailureLog

    /// Authentication failures seen so far (empty when every request verified).
    var authFailures: [String] { failures.entries.withLock { $0 } }

    private init(server: LoopbackServer, failures: FailureLog) {
        self.server = server
        self.failures = failures
    }

    var baseURL: URL { server.baseURL }
    func requests(path: String) -> [LoopbackRequest] { server.requests(path: path) }

    /// Routes are `(method, path pattern, handler)`; `/version` and `/time` are public and not
    /// verified.
    static func start(
        credentials: PolymarketAPICredentials = TradingFixtures.credentials, address: String = TradingFixtures.address,
        routes: [(String, String, LoopbackHTTPHandler)]
    ) async throws -> TradingLoopback {
        let failures = FailureLog()
        let signer = try PolymarketL2Signer(secret: credentials.secret)
        let loopbackRoutes = routes.map { method, pattern, handler in
            LoopbackRoute(method, pattern) { request in
                if pattern != "/version" && pattern != "/time" {
                    if let problem = verify(request, signer: signer, credentials: credentials, address: address) {
                        failures.entries.withLock { $0.append("\(request.method) \(request.path): \(problem)") }
                        return .json(#"{"error":"Unauthorized/Invalid api key"}"#, status: 401)
                    }
                }
                return await handler(request)
            }
        }
        let server = try await LoopbackServer.start(routes: loopbackRoutes)
        return TradingLoopback(server: server, failures: failures)
    }

    static func verify(
        _ request: LoopbackRequest, signer: PolymarketL2Signer, credentials: PolymarketAPICredentials, address: String
    ) -> String? {
        func header(_ name: String) -> String? { request.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        guard header("POLY_ADDRESS") == address else { return "POLY_ADDRESS is \(header("POLY_ADDRESS") ?? "missing")" }
        guard header("POLY_API_KEY") == credentials.apiKey else { return "POLY_API_KEY wrong" }
        guard header("POLY_PASSPHRASE") == credentials.passphrase else { return "POLY_PASSPHRASE wrong" }
        guard let timestamp = header("POLY_TIMESTAMP"), Int64(timestamp) != nil else { return "POLY_TIMESTAMP missing" }
        guard let signature = header("POLY_SIGNATURE") else { return "POLY_SIGNATURE missing" }
        let expected = signer.signature(
            timestamp: timestamp, method: request.method, requestPath: request.path, body: request.body.isEmpty ? nil : request.body)
        guard signature == expected else { return "POLY_SIGNATURE does not match the received path and body" }
        return nil
    }

    func stop() async { await server.stop() }
}

/// Transport settings for trading tests: short timeouts, fast retries.
let tradingTransport = HTTPTransportConfiguration(
    requestTimeout: .seconds(5),
    retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(5)))

func tradingClient(
    _ loopback: TradingLoopback, configuration: HTTPTransportConfiguration = tradingTransport,
    credentials: PolymarketAPICredentials = TradingFixtures.credentials
) throws -> PolymarketTradingClient {
    try PolymarketTradingClient(
        baseURL: loopback.baseURL, credentials: credentials, signerAddress: TradingFixtures.address, configuration: configuration,
        logger: quietLogger, now: TradingFixtures.clock)
}
