/// Why a Kalshi private key could not be used.
///
/// The descriptions say what is wrong and how to fix it; none of them contains any part of the
/// key, because these errors end up in logs and terminals.
public enum KalshiKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a PEM document (`detail` says which part is wrong, in our own words).
    case malformedPEM(detail: String)
    /// A PEM document of some other kind: an EC/Ed25519/OpenSSH key, an encrypted key, a
    /// public key or a certificate. `kind` names it.
    case unsupportedKeyType(kind: String)
    /// An RSA key smaller than the minimum this signer accepts.
    case keyTooSmall(bits: Int, minimumBits: Int)
    /// The key id is empty.
    case emptyKeyID
    /// The cryptographic library refused to sign (should not happen with a key that loaded).
    case signingFailed

    public var description: String {
        switch self {
        case .malformedPEM(let detail):
            "the Kalshi private key is not a valid PEM RSA private key: \(detail); "
                + "use the key file downloaded from Kalshi as it is"
        case .unsupportedKeyType(let kind):
            "the Kalshi private key file holds \(kind), not an unencrypted RSA private key "
                + "(PEM 'BEGIN RSA PRIVATE KEY' or 'BEGIN PRIVATE KEY')"
        case .keyTooSmall(let bits, let minimumBits):
            "the Kalshi private key has \(bits) bits; at least \(minimumBits) are required"
        case .emptyKeyID:
            "the Kalshi key id is empty; it is the API key id shown next to the key on Kalshi"
        case .signingFailed:
            "signing a Kalshi request failed"
        }
    }
}
