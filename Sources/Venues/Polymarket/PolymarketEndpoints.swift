// EdgewisePolymarket — the Polymarket adapter: market catalog (Gamma), public CLOB REST, the
// market WebSocket channel, and a self-healing market-data stream that keeps one L2 book per
// token. It maps every venue payload onto the domain types of EdgewiseCore; venue strings become
// exact `Price`/`Size` values the moment they are decoded.

import EdgewiseVenueKit
import Foundation

/// The base URLs of Polymarket's services. Production defaults; each one can be pointed
/// elsewhere (a loopback test server, a proxy, a staging host).
public struct PolymarketEndpoints: Sendable, Hashable {
    /// Market metadata (Gamma API).
    public var gamma: URL
    /// The CLOB REST API (books, prices, orders).
    public var clob: URL
    /// The market channel of the CLOB WebSocket (the full URL, including `/ws/market`).
    public var webSocket: URL
    /// The Data API (positions, trades, holders).
    public var data: URL

    public init(gamma: URL, clob: URL, webSocket: URL, data: URL) {
        self.gamma = gamma
        self.clob = clob
        self.webSocket = webSocket
        self.data = data
    }

    public static let production = PolymarketEndpoints(
        gamma: URL(string: "https://gamma-api.polymarket.com")!,
        clob: URL(string: "https://clob.polymarket.com")!,
        webSocket: URL(string: "wss://ws-subscriptions-clob.polymarket.com/ws/market")!,
        data: URL(string: "https://data-api.polymarket.com")!)

    public enum EnvironmentKey {
        public static let gamma = "EDGEWISE_POLYMARKET_GAMMA_URL"
        public static let clob = "EDGEWISE_POLYMARKET_CLOB_URL"
        public static let webSocket = "EDGEWISE_POLYMARKET_WS_URL"
        public static let data = "EDGEWISE_POLYMARKET_DATA_URL"
    }

    /// Why an override could not be used.
    public typealias InvalidOverride = InvalidEndpointOverride

    /// `base` with every `EDGEWISE_POLYMARKET_*_URL` variable present in `env` applied. Empty
    /// values are ignored; a value that is not an absolute URL is an error rather than a silent
    /// fallback to production.
    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment, base: PolymarketEndpoints = .production
    ) throws(InvalidOverride) -> PolymarketEndpoints {
        var result = base
        func read(_ key: String) throws(InvalidOverride) -> URL? {
            try EndpointOverride.url(key, in: env, schemes: nil)
        }
        if let url = try read(EnvironmentKey.gamma) { result.gamma = url }
        if let url = try read(EnvironmentKey.clob) { result.clob = url }
        if let url = try read(EnvironmentKey.webSocket) { result.webSocket = url }
        if let url = try read(EnvironmentKey.data) { result.data = url }
        return result
    }
}
