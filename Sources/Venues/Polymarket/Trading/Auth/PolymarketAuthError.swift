/// Why L2 request signing cannot work with the configured credentials. The secret itself never
/// appears here: these messages end up in logs.
public enum PolymarketAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The API secret is not base64 (URL-safe or standard) — usually a truncated or mis-pasted value.
    case secretNotBase64(apiKey: String)
    /// One of the credential fields is empty.
    case emptyField(name: String)

    public var description: String {
        switch self {
        case .secretNotBase64(let apiKey):
            "the API secret for Polymarket key \(apiKey) is not valid base64; copy it again exactly as "
                + "POST /auth/api-key or GET /auth/derive-api-key returned it, or derive the credentials anew"
        case .emptyField(let name):
            "the Polymarket API credential field '\(name)' is empty; provide the key, secret and passphrase together"
        }
    }
}
