import EdgewiseCore

/// Filters shared by the account's histories (`/portfolio/fills`, `/settlements`, `/positions`)
/// and by `/markets/trades` and `/portfolio/orders`. A filter an endpoint does not know is not
/// sent to it.
public struct KalshiHistoryQuery: Sendable, Hashable {
    public static let maxLimit = 1000

    public var ticker: String?
    public var eventTicker: String?
    /// Fills only.
    public var orderID: String?
    /// Orders only.
    public var status: KalshiOrderStatus?
    public var minTime: Timestamp?
    public var maxTime: Timestamp?
    public var limit: Int?

    public init(
        ticker: String? = nil, eventTicker: String? = nil, orderID: String? = nil, status: KalshiOrderStatus? = nil,
        minTime: Timestamp? = nil, maxTime: Timestamp? = nil, limit: Int? = nil
    ) {
        self.ticker = ticker
        self.eventTicker = eventTicker
        self.orderID = orderID
        self.status = status
        self.minTime = minTime
        self.maxTime = maxTime
        self.limit = limit
    }

    enum Field { case ticker, eventTicker, orderID, status, times }

    func items(cursor: String?, fields: Set<Field>) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let limit { items.append(("limit", String(limit))) }
        if let cursor { items.append(("cursor", cursor)) }
        if fields.contains(.ticker), let ticker { items.append(("ticker", ticker)) }
        if fields.contains(.eventTicker), let eventTicker { items.append(("event_ticker", eventTicker)) }
        if fields.contains(.orderID), let orderID { items.append(("order_id", orderID)) }
        if fields.contains(.status), let status { items.append(("status", status.wire)) }
        if fields.contains(.times) {
            if let minTime { items.append(("min_ts", String(minTime.nanoseconds / 1_000_000_000))) }
            if let maxTime { items.append(("max_ts", String(maxTime.nanoseconds / 1_000_000_000))) }
        }
        return items
    }
}
