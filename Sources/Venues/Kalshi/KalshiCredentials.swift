import EdgewiseVenueKit
import Foundation

/// Loads the Kalshi signer from `EDGEWISE_KALSHI_KEY_ID` and the private-key file named by
/// `EDGEWISE_KALSHI_PRIVATE_KEY_FILE`.
///
/// The file must be readable by its owner only (see ``ProtectedFile``): a key others can read
/// counts as leaked, so it is refused with a `chmod 600` hint. The key is parsed here, so a
/// wrong file stops the program at start-up instead of at the first signed request.
public enum KalshiCredentials {
    public static let keyIDVariable = "EDGEWISE_KALSHI_KEY_ID"
    public static let privateKeyFileVariable = "EDGEWISE_KALSHI_PRIVATE_KEY_FILE"

    /// PEM files of 4096-bit keys are about 3.3 kB; anything much larger is not a key file.
    public static let maxKeyFileBytes = 16 * 1024

    /// Whether either variable is set, i.e. whether the user asked for authenticated access
    /// (market data works without it).
    public static func isConfigured(in environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        [keyIDVariable, privateKeyFileVariable].contains { !(value(of: $0, in: environment) ?? "").isEmpty }
    }

    /// The signer described by the two variables; an error names each one that is missing.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KalshiCredentialsError) -> KalshiRequestSigner {
        let keyID = value(of: keyIDVariable, in: environment)
        let file = value(of: privateKeyFileVariable, in: environment)
        let missing = [(keyIDVariable, keyID), (privateKeyFileVariable, file)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let keyID, let file else { throw .missingVariables(missing) }
        return try load(keyID: keyID, privateKeyFile: file)
    }

    /// The signer for `keyID` with the key in `privateKeyFile`.
    public static func load(keyID: String, privateKeyFile path: String) throws(KalshiCredentialsError) -> KalshiRequestSigner {
        let data: Data
        do {
            data = try ProtectedFile.read(path, maxBytes: maxKeyFileBytes)
        } catch {
            throw .keyFile(error)
        }
        guard let pem = String(data: data, encoding: .utf8) else {
            throw .key(path: path, .malformedPEM(detail: "the file is not text"))
        }
        do {
            return try KalshiRequestSigner(keyID: keyID, privateKeyPEM: pem)
        } catch {
            throw .key(path: path, error)
        }
    }

    private static func value(of name: String, in environment: [String: String]) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
            return nil
        }
        return raw
    }
}

/// Why the Kalshi credentials could not be loaded. Descriptions name variables and files, never
/// their secret content.
public enum KalshiCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// These environment variables are unset or empty.
    case missingVariables([String])
    /// The key file could not be read or is accessible by others.
    case keyFile(ProtectedFileError)
    /// The key file was read but does not hold a usable key.
    case key(path: String, KalshiKeyError)

    public var description: String {
        switch self {
        case .missingVariables(let names):
            "Kalshi credentials are incomplete: set \(names.joined(separator: " and "))"
                + " (the API key id, and the path of its private-key PEM file)"
        case .keyFile(let error):
            "Kalshi private key: \(error)"
        case .key(let path, let error):
            "Kalshi private key file \(path): \(error)"
        }
    }
}
