import EdgewiseCore

/// Filters of `GET /markets`. Empty filters are not sent.
public struct KalshiMarketsQuery: Sendable, Hashable {
    /// Multivariate (combo) markets: only them, or none of them.
    public enum MVEFilter: String, Sendable, Hashable { case only, exclude }

    /// The venue's maximum page size.
    public static let maxLimit = 1000

    public var eventTicker: String?
    public var seriesTicker: String?
    public var status: KalshiMarketFilterStatus?
    public var tickers: [String]
    public var minCloseTime: Timestamp?
    public var maxCloseTime: Timestamp?
    public var mveFilter: MVEFilter?
    /// Page size, 1…1000 (the venue defaults to 100).
    public var limit: Int?

    public init(
        eventTicker: String? = nil, seriesTicker: String? = nil, status: KalshiMarketFilterStatus? = nil, tickers: [String] = [],
        minCloseTime: Timestamp? = nil, maxCloseTime: Timestamp? = nil, mveFilter: MVEFilter? = nil, limit: Int? = nil
    ) {
        self.eventTicker = eventTicker
        self.seriesTicker = seriesTicker
        self.status = status
        self.tickers = tickers
        self.minCloseTime = minCloseTime
        self.maxCloseTime = maxCloseTime
        self.mveFilter = mveFilter
        self.limit = limit
    }

    func items(cursor: String?) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let cursor { items.append(("cursor", cursor)) }
        if let eventTicker { items.append(("event_ticker", eventTicker)) }
        if let seriesTicker { items.append(("series_ticker", seriesTicker)) }
        if let status { items.append(("status", status.rawValue)) }
        if !tickers.isEmpty { items.append(("tickers", tickers.joined(separator: ","))) }
        if let minCloseTime { items.append(("min_close_ts", String(minCloseTime.nanoseconds / 1_000_000_000))) }
        if let maxCloseTime { items.append(("max_close_ts", String(maxCloseTime.nanoseconds / 1_000_000_000))) }
        if let mveFilter { items.append(("mve_filter", mveFilter.rawValue)) }
        return items
    }
}
