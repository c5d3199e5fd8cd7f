/// The CLOB's L2 API credentials: the key, the HMAC secret and the passphrase that `POST /auth/api-key`
/// (or `GET /auth/derive-api-key`) returned for a wallet.
///
/// Holding the secret and the passphrase, this type never prints them: `description` and
/// `debugDescription` show the key id only, so a credential that ends up in a log or an error message
/// gives nothing away.
public struct PolymarketAPICredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let apiKey: String
    public let secret: String
    public let passphrase: String

    public init(apiKey: String, secret: String, passphrase: String) {
        self.apiKey = apiKey
        self.secret = secret
        self.passphrase = passphrase
    }

    public var description: String { "PolymarketAPICredentials(apiKey: \(apiKey), secret: <redacted>, passphrase: <redacted>)" }
    public var debugDescription: String { description }
}
