import EdgewiseCore
import EdgewiseVenueKit

extension KalshiClient {
    // MARK: Markets

    /// One page of `GET /markets`.
    public func markets(_ query: KalshiMarketsQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiMarket> {
        try Self.checkLimit(query.limit, max: KalshiMarketsQuery.maxLimit, endpoint: "GET /markets")
        return try await page(KalshiMarket.self, key: "markets", request(.get, "/markets", query: query.items(cursor: cursor), authenticated: false))
    }

    /// Every market matching `query`, following the cursor (at most `maxPages` pages).
    public func allMarkets(
        _ query: KalshiMarketsQuery = .init(), maxPages: Int = KalshiClient.defaultMaxPages
    ) async throws(KalshiError) -> KalshiCollection<KalshiMarket> {
        try await collect(endpoint: "GET /markets", maxPages: maxPages) { cursor throws(KalshiError) in
            try await markets(query, cursor: cursor)
        }
    }

    /// `GET /markets/{ticker}`.
    public func market(_ ticker: String) async throws(KalshiError) -> KalshiMarket {
        struct Response: Decodable { var market: KalshiMarket }
        return try await get(Response.self, request(.get, "/markets/\(Self.segment(ticker))", authenticated: false)).market
    }

    // MARK: Books and trades

    /// `GET /markets/{ticker}/orderbook`: the resting bids of both sides (`depth` levels per
    /// side; nil or 0 for all). YES asks are derived from NO bids by ``KalshiBook``.
    public func orderBook(_ ticker: String, depth: Int? = nil) async throws(KalshiError) -> KalshiBook {
        let query: [(name: String, value: String)] = depth.map { [("depth", String($0))] } ?? []
        let response = try await get(
            KalshiOrderBookResponse.self, request(.get, "/markets/\(Self.segment(ticker))/orderbook", query: query, authenticated: false))
        return response.book(ticker: ticker)
    }

    /// One page of `GET /markets/trades` (filters: ticker, min/max time, limit).
    public func trades(_ query: KalshiHistoryQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiTrade> {
        try Self.checkLimit(query.limit, max: KalshiHistoryQuery.maxLimit, endpoint: "GET /markets/trades")
        return try await page(
            KalshiTrade.self, key: "trades",
            request(.get, "/markets/trades", query: query.items(cursor: cursor, fields: [.ticker, .times]), authenticated: false))
    }

    /// `GET /series/{series}/markets/{ticker}/candlesticks` between two times (inclusive of
    /// candles ending in the window).
    public func candlesticks(
        series: String, ticker: String, start: Timestamp, end: Timestamp, interval: KalshiCandlestickInterval
    ) async throws(KalshiError) -> [KalshiCandlestick] {
        struct Response: Decodable { var candlesticks: [KalshiCandlestick]? }
        let query: [(name: String, value: String)] = [
            ("start_ts", String(start.nanoseconds / 1_000_000_000)), ("end_ts", String(end.nanoseconds / 1_000_000_000)),
            ("period_interval", String(interval.rawValue)),
        ]
        let route = "/series/\(Self.segment(series))/markets/\(Self.segment(ticker))/candlesticks"
        return try await get(Response.self, request(.get, route, query: query, authenticated: false)).candlesticks ?? []
    }
}
