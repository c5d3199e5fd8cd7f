import EdgewiseCore

/// Filters of `GET /events`.
public struct KalshiEventsQuery: Sendable, Hashable {
    /// The venue's maximum page size for events.
    public static let maxLimit = 200

    public var seriesTicker: String?
    public var status: KalshiMarketFilterStatus?
    /// Include each event's markets (`with_nested_markets=true`).
    public var withNestedMarkets: Bool
    public var minCloseTime: Timestamp?
    public var limit: Int?

    public init(
        seriesTicker: String? = nil, status: KalshiMarketFilterStatus? = nil, withNestedMarkets: Bool = false,
        minCloseTime: Timestamp? = nil, limit: Int? = nil
    ) {
        self.seriesTicker = seriesTicker
        self.status = status
        self.withNestedMarkets = withNestedMarkets
        self.minCloseTime = minCloseTime
        self.limit = limit
    }

    func items(cursor: String?) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let cursor { items.append(("cursor", cursor)) }
        if withNestedMarkets { items.append(("with_nested_markets", "true")) }
        if let status { items.append(("status", status.rawValue)) }
        if let seriesTicker { items.append(("series_ticker", seriesTicker)) }
        if let minCloseTime { items.append(("min_close_ts", String(minCloseTime.nanoseconds / 1_000_000_000))) }
        return items
    }
}
