/// Which markets a subscribe command names. The venue accepts one ticker as `market_ticker`, a
/// list as `market_tickers`, or neither (all markets, or an account-wide channel); the form is
/// kept so that a command re-encodes exactly as it was written.
public enum KalshiMarketSelection: Hashable, Sendable {
    case unscoped
    case ticker(String)
    case tickers([String])

    public var tickers: [String] {
        switch self {
        case .unscoped: []
        case .ticker(let ticker): [ticker]
        case .tickers(let tickers): tickers
        }
    }
}
