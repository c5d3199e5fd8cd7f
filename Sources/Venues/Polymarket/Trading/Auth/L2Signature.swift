import Crypto
import Foundation

/// Computes `POLY_SIGNATURE` for Polymarket's L2 (API key) authentication:
/// `base64url(HMAC-SHA256(key: base64url-decode(secret), message: timestamp + method + requestPath + body))`.
///
/// The secret is decoded once, when the signer is made, so a bad secret is reported at start-up
/// rather than on the first order. The signer keeps only the derived key and never prints it.
public struct PolymarketL2Signer: Sendable, CustomStringConvertible {
    /// The raw key bytes: `SymmetricKey` is not `Sendable`, so it is rebuilt per signature.
    private let key: [UInt8]

    /// - Parameter apiKey: named in the error if `secret` is unusable (the secret never is).
    public init(secret: String, apiKey: String = "") throws(PolymarketAuthError) {
        guard let bytes = URLSafeBase64.decode(secret) else { throw .secretNotBase64(apiKey: apiKey) }
        key = Array(bytes)
    }

    /// The signature of one request.
    ///
    /// - Parameters:
    ///   - timestamp: unix seconds, exactly as sent in `POLY_TIMESTAMP`.
    ///   - method: the HTTP method as sent (`GET`, `POST`, `DELETE`); it is not case-folded here,
    ///     so the signed text is always the text on the wire.
    ///   - requestPath: the endpoint path without the query string (the venue verifies
    ///     `/data/orders`, not `/data/orders?next_cursor=…`).
    ///   - body: the exact bytes of the request body, or nil when there is none.
    public func signature(timestamp: String, method: String, requestPath: String, body: Data?) -> String {
        var message = Data((timestamp + method + requestPath).utf8)
        if let body { message.append(body) }
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return URLSafeBase64.encode(Data(mac))
    }

    public var description: String { "PolymarketL2Signer(<redacted>)" }
}
