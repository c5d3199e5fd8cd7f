import Crypto
import EdgewiseCore
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import _CryptoExtras

@testable import EdgewiseKalshi

/// Transport settings that make a full retry budget take milliseconds.
let kalshiFastTransport = HTTPTransportConfiguration(
    requestTimeout: .seconds(5),
    retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20), maxRetryAfter: .seconds(5)))

/// The fixed clock every signing test uses: the signed timestamp is then known exactly.
let kalshiTestMilliseconds: Int64 = 1_703_123_456_789

enum KalshiFixtures {
    /// One section of `kalshi-rest-samples.json`, re-serialized as a server would send it.
    static func rest(_ key: String) throws -> Data {
        let json = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        guard let value = json[key] else { throw FixtureShape(key: key) }
        return try SharedFixtures.jsonData(value)
    }

    static func restObject(_ key: String) throws -> Any {
        let json = try SharedFixtures.venueJSON("kalshi-rest-samples.json")
        guard let value = json[key] else { throw FixtureShape(key: key) }
        return value
    }

    static let marketsKey = "GET /markets?limit=&cursor=&event_ticker=&series_ticker=&status=open&tickers=A,B&mve_filter=exclude"
    static let eventsKey = "GET /events?with_nested_markets=true&status=open&series_ticker=&limit=&cursor="
    static let tradesKey = "GET /markets/trades?ticker=&limit=&cursor=&min_ts=&max_ts="
    static let ticker = "KXHIGHNY-26JUN01-B80.5"

    static func market() throws -> KalshiMarket {
        struct Response: Decodable { var market: KalshiMarket }
        return try JSONDecoder().decode(Response.self, from: rest("GET /markets/{ticker}")).market
    }

    /// The market object of the fixture with some fields replaced (JSON values).
    static func marketJSON(_ changes: [String: Any] = [:], removing: [String] = []) throws -> Data {
        guard var object = (try restObject("GET /markets/{ticker}") as? [String: Any])?["market"] as? [String: Any] else {
            throw FixtureShape(key: "market")
        }
        for (key, value) in changes { object[key] = value }
        for key in removing { object.removeValue(forKey: key) }
        return try SharedFixtures.jsonData(object)
    }

    static func orderJSON(clientOrderID: String, status: String = "resting") throws -> [String: Any] {
        guard var order = (try restObject("POST /portfolio/orders 201 response") as? [String: Any])?["order"] as? [String: Any] else {
            throw FixtureShape(key: "order")
        }
        order["client_order_id"] = clientOrderID
        order["status"] = status
        return order
    }
}

extension Price {
    static func p(_ text: String) -> Price { Price(text)! }
}

extension Size {
    static func s(_ text: String) -> Size { Size(text)! }
}

extension Amount {
    static func a(_ text: String) -> Amount { Amount(text)! }
}

/// Verifies Kalshi request signatures with the public half of the signing-vector key.
struct KalshiSignatureVerifier {
    let vectors: SigningVectors
    let publicKey: _RSA.Signing.PublicKey

    init() throws {
        vectors = try SigningVectors.load()
        publicKey = try _RSA.Signing.PublicKey(pemRepresentation: vectors.publicKeyPEM)
    }

    func signer() throws -> KalshiRequestSigner {
        try KalshiRequestSigner(keyID: vectors.keyID, privateKeyPEM: vectors.privateKeyPKCS8)
    }

    func verifies(_ base64: String, _ message: String) -> Bool {
        guard let raw = Data(base64Encoded: base64) else { return false }
        return publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: raw), for: SHA256.hash(data: Data(message.utf8)), padding: .PSS)
    }

    /// Whether `request` carries valid Kalshi headers for exactly `method` and `path`.
    func verifies(_ request: LoopbackRequest, path: String) -> Bool {
        func header(_ name: String) -> String? { request.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        guard header(KalshiAuthHeaders.keyHeader) == vectors.keyID,
            let timestamp = header(KalshiAuthHeaders.timestampHeader),
            let signature = header(KalshiAuthHeaders.signatureHeader)
        else { return false }
        return verifies(signature, timestamp + request.method + path)
    }
}

/// A client against `server` at `/trade-api/v2`, signing with the vector key on a fixed clock.
func kalshiClient(
    _ server: LoopbackServer, signed: Bool = true, configuration: HTTPTransportConfiguration = kalshiFastTransport
) throws -> KalshiClient {
    let rest = server.baseURL.appendingPathComponent("trade-api/v2")
    let signer = signed ? try KalshiSignatureVerifier().signer() : nil
    return KalshiClient(
        endpoints: KalshiEndpoints(rest: rest, webSocket: server.webSocketURL("/trade-api/ws/v2")), signer: signer,
        configuration: configuration, now: { Timestamp(milliseconds: kalshiTestMilliseconds) })
}

extension LoopbackRoute {
    static func delete(_ pattern: String, handler: @escaping LoopbackHTTPHandler) -> LoopbackRoute {
        LoopbackRoute("DELETE", pattern, handler: handler)
    }
}

/// The JSON of `data` as a dictionary, for comparing bodies independently of key order.
func jsonObject(_ data: Data) throws -> NSDictionary {
    guard let dictionary = try JSONSerialization.jsonObject(with: data) as? NSDictionary else { throw FixtureShape(key: "<object>") }
    return dictionary
}
