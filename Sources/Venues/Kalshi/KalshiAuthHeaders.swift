/// The three headers that authenticate one Kalshi request (or the WebSocket handshake).
///
/// The signature is only valid for the method, path and timestamp it was made for, so a value
/// of this type belongs to exactly one request.
public struct KalshiAuthHeaders: Sendable, Hashable {
    public static let keyHeader = "KALSHI-ACCESS-KEY"
    public static let signatureHeader = "KALSHI-ACCESS-SIGNATURE"
    public static let timestampHeader = "KALSHI-ACCESS-TIMESTAMP"

    /// The API key id.
    public let keyID: String
    /// RSA-PSS signature, standard base64 with padding.
    public let signature: String
    /// Milliseconds since the Unix epoch, as signed.
    public let timestampMilliseconds: Int64

    public init(keyID: String, signature: String, timestampMilliseconds: Int64) {
        self.keyID = keyID
        self.signature = signature
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// Name/value pairs, in the order the venue documents them.
    public var fields: [(name: String, value: String)] {
        [
            (Self.keyHeader, keyID),
            (Self.signatureHeader, signature),
            (Self.timestampHeader, String(timestampMilliseconds)),
        ]
    }

    /// The same pairs keyed by header name.
    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
    }
}
