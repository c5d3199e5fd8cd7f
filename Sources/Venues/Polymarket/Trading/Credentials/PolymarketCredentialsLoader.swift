import EdgewiseVenueKit
import Foundation

/// Loads the CLOB L2 API credentials from the environment or from an owner-only JSON file.
///
/// The loaded secret is checked to be usable (valid base64) before it is returned, so a wrong
/// value stops the program at start-up instead of at the first order. Nothing here logs or prints.
public enum PolymarketCredentialsLoader {
    public static let apiKeyVariable = "EDGEWISE_POLYMARKET_API_KEY"
    public static let secretVariable = "EDGEWISE_POLYMARKET_API_SECRET"
    public static let passphraseVariable = "EDGEWISE_POLYMARKET_API_PASSPHRASE"

    /// Credentials from `file` when one is given, else from the environment.
    ///
    /// An explicit file wins because it was named on purpose; the variables are the fallback.
    public static func load(
        file: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PolymarketCredentialsError) -> PolymarketAPICredentials {
        if let file, !file.isEmpty { return try fromFile(file) }
        guard let credentials = try fromEnvironment(environment) else { throw .notConfigured }
        return credentials
    }

    /// Credentials from the three `EDGEWISE_POLYMARKET_API_*` variables; nil when none is set,
    /// an error when only some are.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PolymarketCredentialsError) -> PolymarketAPICredentials? {
        let names = [apiKeyVariable, secretVariable, passphraseVariable]
        let values = names.map { environment[$0]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        if values.allSatisfy(\.isEmpty) { return nil }
        let missing = zip(names, values).filter { $0.1.isEmpty }.map(\.0)
        guard missing.isEmpty else { throw .incompleteEnvironment(missing: missing) }
        return try validated(PolymarketAPICredentials(apiKey: values[0], secret: values[1], passphrase: values[2]))
    }

    /// Credentials from a JSON file `{"apiKey","secret","passphrase"}` that only its owner can
    /// read (see ``ProtectedFile``).
    public static func fromFile(_ path: String) throws(PolymarketCredentialsError) -> PolymarketAPICredentials {
        let data: Data
        do {
            data = try ProtectedFile.read(path)
        } catch {
            throw .file(error)
        }
        // The parser's own messages can quote characters of the input, which here is a secret:
        // only our own wording reaches the error.
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw .malformedFile(path: path, detail: "is not a JSON object")
        }
        func field(_ name: String) throws(PolymarketCredentialsError) -> String {
            guard let value = fields[name] as? String else {
                throw .malformedFile(path: path, detail: "has no string field '\(name)'")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .malformedFile(path: path, detail: "has an empty '\(name)'") }
            return trimmed
        }
        return try validated(
            PolymarketAPICredentials(apiKey: try field("apiKey"), secret: try field("secret"), passphrase: try field("passphrase")))
    }

    static func validated(_ credentials: PolymarketAPICredentials) throws(PolymarketCredentialsError) -> PolymarketAPICredentials {
        do {
            _ = try PolymarketL2Signer(secret: credentials.secret, apiKey: credentials.apiKey)
        } catch {
            throw .unusable(error)
        }
        return credentials
    }
}
