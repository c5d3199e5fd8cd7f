import Foundation

/// A Manifold API key (one per account, from the profile's settings), sent as
/// `Authorization: Key <apiKey>`.
///
/// It authorises spending the account's balance, so it never prints: `description`,
/// `debugDescription` and the mirror (what `dump` and the debugger show) all say `<redacted>`.
public struct ManifoldAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself; read it only to build the header.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let environmentVariable = "EDGEWISE_MANIFOLD_API_KEY"

    /// Why no key could be read.
    public enum Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        case missing(variable: String)
        case malformed(variable: String)

        public var description: String {
            switch self {
            case .missing(let variable): "\(variable) is not set; Manifold trading needs an API key"
            case .malformed(let variable): "\(variable) contains whitespace or control characters inside the key; check how it was pasted"
            }
        }
    }

    /// The key from `EDGEWISE_MANIFOLD_API_KEY`, trimmed; an absent or empty value is ``Error/missing(variable:)``.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(Error) -> ManifoldAPIKey {
        let variable = environmentVariable
        guard let raw = env[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
            throw .missing(variable: variable)
        }
        // A key with inner whitespace would produce a header the venue rejects as unauthorised,
        // which is harder to diagnose than failing here.
        guard !raw.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) })
        else { throw .malformed(variable: variable) }
        return ManifoldAPIKey(raw)
    }

    public static let headerName = "Authorization"
    /// `Key <apiKey>`.
    public var headerValue: String { "Key \(rawValue)" }

    public var description: String { "ManifoldAPIKey(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["rawValue": "<redacted>"], displayStyle: .struct) }
}
