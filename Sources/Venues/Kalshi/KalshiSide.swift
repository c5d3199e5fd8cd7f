import EdgewiseCore

/// The side of a Kalshi binary contract. Kalshi quotes, books and orders name the side (`yes` or
/// `no`) beside the action, where other venues have one token per outcome.
public enum KalshiSide: String, Codable, Sendable, CaseIterable {
    case yes, no

    public var opposite: KalshiSide { self == .yes ? .no : .yes }
}

extension Kalshi {
    /// The venue-neutral token of one side of a market. Kalshi has no token ids, so the token is
    /// the market ticker and the side (`KXHIGHNY-26JUN01-B80.5/YES`); tickers never contain `/`.
    public static func token(ticker: String, side: KalshiSide) -> TokenID {
        TokenID("\(ticker)/\(side.rawValue.uppercased())")
    }

    /// The ticker and side a ``token(ticker:side:)`` names, or `nil` for any other text.
    public static func parseToken(_ token: TokenID) -> (ticker: String, side: KalshiSide)? {
        let text = token.rawValue
        guard let slash = text.lastIndex(of: "/") else { return nil }
        let ticker = String(text[..<slash])
        guard !ticker.isEmpty, let side = KalshiSide(rawValue: text[text.index(after: slash)...].lowercased()) else { return nil }
        return (ticker, side)
    }

    public static func instrument(ticker: String, side: KalshiSide) -> InstrumentID {
        InstrumentID(venue: .kalshi, token: token(ticker: ticker, side: side))
    }
}
