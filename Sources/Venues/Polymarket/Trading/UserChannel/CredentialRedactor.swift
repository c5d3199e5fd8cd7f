import Foundation

/// Removes the API secret and passphrase from text before it leaves the user stream in an
/// error, a problem report or a connection reason. They should never be in such text; a server
/// echoing our subscription frame, or a library quoting what it sent, must not be what leaks them.
struct CredentialRedactor: Sendable {
    let secrets: [String]

    init(_ credentials: PolymarketAPICredentials) {
        // Longest first, so a secret that contains the passphrase is removed whole.
        secrets = [credentials.secret, credentials.passphrase].filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    func callAsFunction(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }
}
