import EdgewiseVenueKit
import Foundation

/// The base URLs of Kalshi's Trade API v2: REST (including the `/trade-api/v2` prefix) and the
/// WebSocket. Production and demo are built in; either one can be pointed elsewhere (a loopback
/// test server, a proxy, a newer host name) from the environment.
public struct KalshiEndpoints: Sendable, Hashable {
    /// The REST base, ending in `/trade-api/v2`; routes are appended to it.
    public var rest: URL
    /// The full WebSocket URL (including `/trade-api/ws/v2`).
    public var webSocket: URL

    public init(rest: URL, webSocket: URL) {
        self.rest = rest
        self.webSocket = webSocket
    }

    /// Real money. The venue documents the `api.elections` host as supported alongside newer names.
    public static let production = KalshiEndpoints(
        rest: URL(string: "https://api.elections.kalshi.com/trade-api/v2")!,
        webSocket: URL(string: "wss://api.elections.kalshi.com/trade-api/ws/v2")!)

    /// Kalshi's demo exchange: separate accounts and keys, play money.
    public static let demo = KalshiEndpoints(
        rest: URL(string: "https://demo-api.kalshi.co/trade-api/v2")!,
        webSocket: URL(string: "wss://demo-api.kalshi.co/trade-api/ws/v2")!)

    public enum EnvironmentKey {
        public static let rest = "EDGEWISE_KALSHI_API_URL"
        public static let webSocket = "EDGEWISE_KALSHI_WS_URL"
    }

    /// Why an override could not be used.
    public typealias InvalidOverride = InvalidEndpointOverride

    /// `base` with `EDGEWISE_KALSHI_API_URL` and `EDGEWISE_KALSHI_WS_URL` applied when present in
    /// `env`. Empty values are ignored; a value that is not an absolute URL of the right scheme
    /// is an error rather than a silent fallback, since falling back could send orders to the
    /// wrong exchange (production instead of demo, or the reverse).
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment, base: KalshiEndpoints = .production
    ) throws(InvalidOverride) -> KalshiEndpoints {
        var result = base
        if let url = try EndpointOverride.url(EnvironmentKey.rest, in: env, schemes: ["https", "http"]) { result.rest = url }
        if let url = try EndpointOverride.url(EnvironmentKey.webSocket, in: env, schemes: ["wss", "ws"]) { result.webSocket = url }
        return result
    }
}
