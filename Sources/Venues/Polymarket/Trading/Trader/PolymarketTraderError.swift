import EdgewiseCore

/// Why the trader would not build, sign or send an order. Each case says what to do instead.
public enum PolymarketTraderError: Error, Sendable, CustomStringConvertible {
    /// Live trading was not enabled: nothing was sent.
    case notLive
    case rejectedBeforeSigning(PolymarketOrderRejection)
    case signing(PolymarketSigningError)
    case notionalAboveLimit(notional: Amount, limit: Amount)
    case invalidIntent(String)
    case marketLookup(String)
    case missingCredentials
    /// The signed order could not be journaled, so it was not sent.
    case journal(String)
    case venue(PolymarketTradingError)
    /// After an uncertain submission the order was found neither open nor traded, and re-sending
    /// the same signed order also failed: its fate is unknown and a human should look.
    case unresolved(orderHash: String, cause: String)

    public var description: String {
        switch self {
        case .notLive:
            "refusing to send a live order: pass --live or set mode = \"live\" in the config (use --dry-run to see the request)"
        case .rejectedBeforeSigning(let rejection): "\(rejection)"
        case .signing(let error): "\(error)"
        case .notionalAboveLimit(let notional, let limit):
            "order notional \(notional) USD is above trading.max_order_notional (\(limit)); reduce the size or raise the limit"
        case .invalidIntent(let reason): reason
        case .marketLookup(let reason):
            "could not read the market's tick size and neg-risk flag (\(reason)); pass --tick-size and --neg-risk to skip the look-up"
        case .missingCredentials:
            "no Polymarket API credentials: set EDGEWISE_POLYMARKET_API_KEY/_SECRET/_PASSPHRASE, or let Edgewise derive them from the key"
        case .venue(let error): "\(error)"
        case .journal(let reason): "the order was not sent because it could not be journaled first: \(reason)"
        case .unresolved(let hash, let cause):
            "order \(hash) may or may not exist on Polymarket (\(cause)); check `edgewise order list` before placing it again"
        }
    }
}
