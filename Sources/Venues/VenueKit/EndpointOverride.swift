import Foundation

/// A venue URL taken from an environment variable (`EDGEWISE_<VENUE>_*_URL`).
///
/// A value that is set but unusable is an error that names the variable, never a silent fallback
/// to the built-in host: a test or a demo setup pointed at a typo must not reach the real venue.
public enum EndpointOverride {
    /// The URL in `variable`, nil when unset or empty.
    /// - Parameter schemes: the accepted schemes (lower case); nil accepts any scheme with a host.
    public static func url(
        _ variable: String, in environment: [String: String], schemes: [String]?
    ) throws(InvalidEndpointOverride) -> URL? {
        guard let raw = environment[variable]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            schemes?.contains(scheme) ?? true
        else { throw InvalidEndpointOverride(variable: variable, value: raw, expectedSchemes: schemes ?? []) }
        return url
    }
}

/// Why an endpoint override could not be used.
public struct InvalidEndpointOverride: Error, CustomStringConvertible, Sendable, Equatable {
    public let variable: String
    public let value: String
    /// The schemes the variable accepts; empty when any scheme with a host will do.
    public let expectedSchemes: [String]

    public init(variable: String, value: String, expectedSchemes: [String] = []) {
        self.variable = variable
        self.value = value
        self.expectedSchemes = expectedSchemes
    }

    public var description: String {
        let kind = expectedSchemes.isEmpty ? "" : expectedSchemes.joined(separator: "/") + " "
        let example = expectedSchemes.first.map { "\($0)://127.0.0.1:8080/…" } ?? "https://host or ws://127.0.0.1:8080/ws"
        return "\(variable)='\(value)' is not an absolute \(kind)URL with a host (expected e.g. \(example)); fix or unset it"
    }
}
