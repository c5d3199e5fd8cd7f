import EdgewiseCore
import EdgewiseVenueKit

extension KalshiClient {
    /// `GET /portfolio/balance`.
    public func balance() async throws(KalshiError) -> KalshiBalance {
        try await get(KalshiBalance.self, request(.get, "/portfolio/balance", authenticated: true))
    }

    /// One page of `GET /portfolio/positions`: market positions, and the event positions of the
    /// same page.
    public func positions(
        _ query: KalshiHistoryQuery = .init(), cursor: String? = nil
    ) async throws(KalshiError) -> (page: KalshiPage<KalshiMarketPosition>, events: [KalshiEventPosition]) {
        struct Response: Decodable {
            var market_positions: [KalshiMarketPosition]?
            var event_positions: [KalshiEventPosition]?
            var cursor: String?
        }
        try Self.checkLimit(query.limit, max: KalshiHistoryQuery.maxLimit, endpoint: "GET /portfolio/positions")
        let response = try await get(
            Response.self,
            request(.get, "/portfolio/positions", query: query.items(cursor: cursor, fields: [.ticker, .eventTicker]), authenticated: true))
        let next = (response.cursor?.isEmpty ?? true) ? nil : response.cursor
        return (KalshiPage(items: response.market_positions ?? [], cursor: next), response.event_positions ?? [])
    }

    /// Every market position (event positions are dropped; use ``positions(_:cursor:)`` for them).
    public func allPositions(
        _ query: KalshiHistoryQuery = .init(), maxPages: Int = KalshiClient.defaultMaxPages
    ) async throws(KalshiError) -> KalshiCollection<KalshiMarketPosition> {
        try await collect(endpoint: "GET /portfolio/positions", maxPages: maxPages) { cursor throws(KalshiError) in
            try await positions(query, cursor: cursor).page
        }
    }

    /// One page of `GET /portfolio/fills` (filters: ticker, order id, min/max time).
    public func fills(_ query: KalshiHistoryQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiFill> {
        try Self.checkLimit(query.limit, max: KalshiHistoryQuery.maxLimit, endpoint: "GET /portfolio/fills")
        return try await page(
            KalshiFill.self, key: "fills",
            request(.get, "/portfolio/fills", query: query.items(cursor: cursor, fields: [.ticker, .orderID, .times]), authenticated: true))
    }

    /// One page of `GET /portfolio/settlements`.
    public func settlements(_ query: KalshiHistoryQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiSettlement> {
        try Self.checkLimit(query.limit, max: KalshiHistoryQuery.maxLimit, endpoint: "GET /portfolio/settlements")
        return try await page(
            KalshiSettlement.self, key: "settlements",
            request(
                .get, "/portfolio/settlements", query: query.items(cursor: cursor, fields: [.ticker, .eventTicker, .times]),
                authenticated: true))
    }

    /// One page of `GET /portfolio/orders` (filters: ticker, event ticker, status, min/max time).
    public func orders(_ query: KalshiHistoryQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiOrder> {
        try Self.checkLimit(query.limit, max: KalshiHistoryQuery.maxLimit, endpoint: "GET /portfolio/orders")
        return try await page(
            KalshiOrder.self, key: "orders",
            request(
                .get, "/portfolio/orders", query: query.items(cursor: cursor, fields: [.ticker, .eventTicker, .status, .times]),
                authenticated: true))
    }

    public func allOrders(
        _ query: KalshiHistoryQuery = .init(), maxPages: Int = KalshiClient.defaultMaxPages
    ) async throws(KalshiError) -> KalshiCollection<KalshiOrder> {
        try await collect(endpoint: "GET /portfolio/orders", maxPages: maxPages) { cursor throws(KalshiError) in
            try await orders(query, cursor: cursor)
        }
    }

    /// `GET /portfolio/orders/{order_id}`.
    public func order(id: String) async throws(KalshiError) -> KalshiOrder {
        struct Response: Decodable { var order: KalshiOrder }
        return try await get(Response.self, request(.get, "/portfolio/orders/\(Self.segment(id))", authenticated: true)).order
    }

    /// The order that was submitted with `clientOrderID`, or nil when none exists.
    ///
    /// The venue has no filter by client order id, so the account's orders are listed (narrowed
    /// to `ticker` when given, which keeps the walk short) and matched here. This is how an order
    /// submission with an unknown outcome is settled; `maxPages` bounds the walk, and a walk that
    /// hit the bound without a match throws instead of answering "absent", since absence is what
    /// would make a caller re-send.
    public func findOrder(
        clientOrderID: String, ticker: String? = nil, maxPages: Int = KalshiClient.defaultMaxPages
    ) async throws(KalshiError) -> KalshiOrder? {
        let query = KalshiHistoryQuery(ticker: ticker, limit: KalshiHistoryQuery.maxLimit)
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<max(1, maxPages) {
            let page = try await orders(query, cursor: cursor)
            if let match = page.items.first(where: { $0.clientOrderID == clientOrderID }) { return match }
            guard let next = page.cursor else { return nil }
            guard seen.insert(next).inserted else { throw .pagingLoop(endpoint: "GET /portfolio/orders", cursor: next) }
            cursor = next
        }
        throw .orderMayExist(
            endpoint: "GET /portfolio/orders", clientOrderIDs: [clientOrderID],
            cause: "not among the first \(maxPages) pages of orders; narrow the search with the ticker")
    }
}
