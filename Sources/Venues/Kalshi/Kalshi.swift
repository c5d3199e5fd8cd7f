// EdgewiseKalshi — the Kalshi adapter (Trade API v2). This first increment holds what every
// later part needs before it can talk to the venue: the production and demo hosts (each
// overridable from the environment), the owner-only private-key file, and the RSA-PSS request
// signer whose headers authenticate REST calls and the WebSocket handshake. Market data, the
// WebSocket stream and trading build on it.

/// Constants of Kalshi's Trade API v2 that are part of the protocol rather than configuration.
public enum Kalshi {
    /// The path prefix of every REST route. It is part of what gets signed, so a request signed
    /// without it is rejected by the venue.
    public static let restPathPrefix = "/trade-api/v2"

    /// The path signed for the WebSocket handshake, whatever host the socket connects to.
    public static let webSocketPath = "/trade-api/ws/v2"
}
