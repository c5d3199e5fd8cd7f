import EdgewiseVenueKit
import Foundation

/// The base URLs of Manifold's API. Production defaults; each can be pointed elsewhere (a
/// loopback test server, a proxy).
public struct ManifoldEndpoints: Sendable, Hashable {
    /// The REST API, version included (`…/v0`); paths such as `/markets` are appended to it.
    public var api: URL
    /// The WebSocket (the full URL, `…/ws`).
    public var webSocket: URL

    public init(api: URL, webSocket: URL) {
        self.api = api
        self.webSocket = webSocket
    }

    public static let production = ManifoldEndpoints(
        api: URL(string: "https://api.manifold.markets/v0")!,
        webSocket: URL(string: "wss://api.manifold.markets/ws")!)

    public enum EnvironmentKey {
        public static let api = "EDGEWISE_MANIFOLD_API_URL"
        public static let webSocket = "EDGEWISE_MANIFOLD_WS_URL"
    }

    /// Why an override could not be used; names the variable so the fix is obvious.
    public typealias InvalidOverride = InvalidEndpointOverride

    /// `base` with every `EDGEWISE_MANIFOLD_*_URL` variable present in `env` applied. Empty values
    /// are ignored; a value that is not an absolute URL is an error, never a silent fallback to
    /// production (a test pointed at a typo must not trade on the real venue).
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment, base: ManifoldEndpoints = .production
    ) throws(InvalidOverride) -> ManifoldEndpoints {
        var result = base
        if let url = try EndpointOverride.url(EnvironmentKey.api, in: env, schemes: ["http", "https"]) { result.api = url }
        if let url = try EndpointOverride.url(EnvironmentKey.webSocket, in: env, schemes: ["ws", "wss"]) { result.webSocket = url }
        return result
    }
}
