import Foundation

/// The five headers that authenticate a request to Polymarket's trading endpoints.
///
/// `description` leaves out the passphrase and the signature, so the headers can be logged while
/// debugging without handing anyone a replayable request.
public struct PolymarketL2Headers: Sendable, CustomStringConvertible {
    public static let addressName = "POLY_ADDRESS"
    public static let signatureName = "POLY_SIGNATURE"
    public static let timestampName = "POLY_TIMESTAMP"
    public static let apiKeyName = "POLY_API_KEY"
    public static let passphraseName = "POLY_PASSPHRASE"

    /// The checksummed address of the wallet that owns the API key.
    public let address: String
    public let signature: String
    /// Unix seconds as sent.
    public let timestamp: String
    public let apiKey: String
    public let passphrase: String

    /// Signs one request.
    ///
    /// - Parameters:
    ///   - requestPath: the path without the query string.
    ///   - body: the exact bytes that will be sent, or nil for a request without a body.
    public init(
        signer: PolymarketL2Signer, credentials: PolymarketAPICredentials, address: String, timestamp: Int64,
        method: String, requestPath: String, body: Data?
    ) {
        self.address = address
        self.timestamp = String(timestamp)
        self.apiKey = credentials.apiKey
        self.passphrase = credentials.passphrase
        self.signature = signer.signature(timestamp: self.timestamp, method: method, requestPath: requestPath, body: body)
    }

    /// The headers in the order the official clients send them.
    public var fields: [(name: String, value: String)] {
        [
            (Self.addressName, address), (Self.signatureName, signature), (Self.timestampName, timestamp),
            (Self.apiKeyName, apiKey), (Self.passphraseName, passphrase),
        ]
    }

    public var description: String {
        "PolymarketL2Headers(address: \(address), apiKey: \(apiKey), timestamp: \(timestamp), signature: <redacted>, passphrase: <redacted>)"
    }
}
