import EdgewiseCore
import EdgewiseVenueKit

extension KalshiClient {
    // MARK: Events

    /// One page of `GET /events`.
    public func events(_ query: KalshiEventsQuery = .init(), cursor: String? = nil) async throws(KalshiError) -> KalshiPage<KalshiEvent> {
        try Self.checkLimit(query.limit, max: KalshiEventsQuery.maxLimit, endpoint: "GET /events")
        return try await page(KalshiEvent.self, key: "events", request(.get, "/events", query: query.items(cursor: cursor), authenticated: false))
    }

    public func allEvents(
        _ query: KalshiEventsQuery = .init(), maxPages: Int = KalshiClient.defaultMaxPages
    ) async throws(KalshiError) -> KalshiCollection<KalshiEvent> {
        try await collect(endpoint: "GET /events", maxPages: maxPages) { cursor throws(KalshiError) in
            try await events(query, cursor: cursor)
        }
    }

    /// `GET /events/{event_ticker}`. The event's markets come back beside it (older replies) or
    /// nested in it (`with_nested_markets=true`); either way they end up in `markets`.
    public func event(_ eventTicker: String, withNestedMarkets: Bool = true) async throws(KalshiError) -> KalshiEvent {
        struct Response: Decodable {
            var event: KalshiEvent
            var markets: [KalshiMarket]?
        }
        let query: [(name: String, value: String)] = withNestedMarkets ? [("with_nested_markets", "true")] : []
        let response = try await get(Response.self, request(.get, "/events/\(Self.segment(eventTicker))", query: query, authenticated: false))
        var event = response.event
        if event.markets.isEmpty, let markets = response.markets { event.markets = markets }
        return event
    }

    // MARK: Series

    /// `GET /series` (optionally one category).
    public func seriesList(category: String? = nil) async throws(KalshiError) -> [KalshiSeries] {
        struct Response: Decodable { var series: [KalshiSeries]? }
        let query: [(name: String, value: String)] = category.map { [("category", $0)] } ?? []
        return try await get(Response.self, request(.get, "/series", query: query, authenticated: false)).series ?? []
    }

    /// `GET /series/{series_ticker}`: the fee structure and settlement sources of its markets.
    public func series(_ seriesTicker: String) async throws(KalshiError) -> KalshiSeries {
        struct Response: Decodable { var series: KalshiSeries }
        return try await get(Response.self, request(.get, "/series/\(Self.segment(seriesTicker))", authenticated: false)).series
    }
}
