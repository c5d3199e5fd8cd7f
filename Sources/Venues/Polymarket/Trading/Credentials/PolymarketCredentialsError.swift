import EdgewiseVenueKit

/// Why the Polymarket API credentials could not be loaded. Every message says what to fix and
/// none contains a secret or a passphrase — not even a fragment of a malformed file.
public enum PolymarketCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither a credentials file nor the environment variables were given.
    case notConfigured
    /// Some of the three variables are set and others are not (or are empty).
    case incompleteEnvironment(missing: [String])
    /// The credentials file could not be read safely (missing, or readable by others).
    case file(ProtectedFileError)
    /// The file is not a JSON object with non-empty string fields `apiKey`, `secret`, `passphrase`.
    case malformedFile(path: String, detail: String)
    /// The values were found but cannot sign requests.
    case unusable(PolymarketAuthError)

    public var description: String {
        switch self {
        case .notConfigured:
            "no Polymarket API credentials: set \(PolymarketCredentialsLoader.apiKeyVariable), "
                + "\(PolymarketCredentialsLoader.secretVariable) and \(PolymarketCredentialsLoader.passphraseVariable), "
                + "or give a credentials file {\"apiKey\",\"secret\",\"passphrase\"} with mode 600"
        case .incompleteEnvironment(let missing):
            "Polymarket API credentials are only partly set: \(missing.joined(separator: ", ")) "
                + "\(missing.count == 1 ? "is" : "are") missing or empty; set all three variables or none"
        case .file(let error):
            "Polymarket API credentials: \(error)"
        case .malformedFile(let path, let detail):
            "Polymarket API credentials file \(path) \(detail); it must be a JSON object "
                + "{\"apiKey\": \"…\", \"secret\": \"…\", \"passphrase\": \"…\"}"
        case .unusable(let error):
            "Polymarket API credentials: \(error)"
        }
    }
}
