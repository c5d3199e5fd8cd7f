import EdgewiseCore
import EdgewiseVenueKit
import Foundation

extension PolymarketTradingClient {
    /// Guards the page loops against a venue that keeps handing out cursors.
    static let maxPages = 1_000

    // MARK: Orders

    /// One order by id (`GET /data/order/{id}`); nil when the venue does not know it.
    public func order(_ orderID: String) async throws(PolymarketTradingError) -> PolymarketOpenOrder? {
        let endpoint = "GET /data/order/{id}"
        let request = signedRequest(.get, "/data/order/\(GammaClient.pathSegment(orderID))", idempotent: true, endpoint: endpoint)
        let response: VenueResponse
        do {
            response = try await perform(request)
        } catch {
            if case .rejected(_, 404, _, _) = error { return nil }
            throw error
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text == "null" || text == "{}" { return nil }
        do throws(VenueError) {
            return try WireField.decode(WireOpenOrder.self, from: response.body, endpoint: endpoint).order(WireField(endpoint: endpoint))
        } catch {
            throw .transport(error)
        }
    }

    /// One page of the account's open orders (`GET /data/orders`).
    public func openOrdersPage(
        _ filter: PolymarketOrderFilter = .init(), cursor: String = PolymarketPage<PolymarketOpenOrder>.initialCursor
    ) async throws(PolymarketTradingError) -> PolymarketPage<PolymarketOpenOrder> {
        try await page(
            "/data/orders", query: filter.queryItems, cursor: cursor, endpoint: "GET /data/orders", wire: WireOpenOrder.self
        ) { wire, field throws(VenueError) in try wire.order(field) }
    }

    /// All of the account's open orders matching `filter`, every page.
    public func openOrders(_ filter: PolymarketOrderFilter = .init()) async throws(PolymarketTradingError) -> [PolymarketOpenOrder] {
        try await allPages { cursor throws(PolymarketTradingError) in try await openOrdersPage(filter, cursor: cursor) }
    }

    // MARK: Trades

    /// One page of the account's trades (`GET /data/trades`).
    public func tradesPage(
        _ filter: PolymarketTradeFilter = .init(), cursor: String = PolymarketPage<PolymarketTrade>.initialCursor
    ) async throws(PolymarketTradingError) -> PolymarketPage<PolymarketTrade> {
        try await page(
            "/data/trades", query: filter.queryItems, cursor: cursor, endpoint: "GET /data/trades", wire: WireTrade.self
        ) { wire, field throws(VenueError) in try wire.trade(field) }
    }

    /// All of the account's trades matching `filter`, every page. Narrow it (`after`, a token) on
    /// an active account.
    public func trades(_ filter: PolymarketTradeFilter = .init()) async throws(PolymarketTradingError) -> [PolymarketTrade] {
        try await allPages { cursor throws(PolymarketTradingError) in try await tradesPage(filter, cursor: cursor) }
    }

    // MARK: Paging

    func page<Wire: Decodable & Sendable, Element: Sendable>(
        _ path: String, query: [(name: String, value: String)], cursor: String, endpoint: String, wire: Wire.Type,
        map: (Wire, WireField) throws(VenueError) -> Element
    ) async throws(PolymarketTradingError) -> PolymarketPage<Element> {
        let request = signedRequest(.get, path, query: query + [("next_cursor", cursor)], idempotent: true, endpoint: endpoint)
        let response = try await perform(request)
        do throws(VenueError) {
            let page = try WireField.decode(WirePage<Wire>.self, from: response.body, endpoint: endpoint)
            var items: [Element] = []
            for (index, element) in (page.data ?? []).enumerated() {
                items.append(try map(element, WireField(endpoint: endpoint, prefix: "data[\(index)].")))
            }
            let next = try WireField(endpoint: endpoint).text(page.next_cursor, "next_cursor")
            return PolymarketPage(items: items, nextCursor: next)
        } catch {
            throw .transport(error)
        }
    }

    func allPages<Element: Sendable>(
        _ fetch: (String) async throws(PolymarketTradingError) -> PolymarketPage<Element>
    ) async throws(PolymarketTradingError) -> [Element] {
        var cursor = PolymarketPage<Element>.initialCursor
        var seen: Set<String> = [cursor]
        var items: [Element] = []
        for _ in 0..<Self.maxPages {
            let page = try await fetch(cursor)
            items += page.items
            if page.isLast { return items }
            // A cursor that comes back would loop forever and repeat items.
            guard seen.insert(page.nextCursor).inserted else {
                throw .transport(.decoding(endpoint: "paged listing", field: "next_cursor", detail: "'\(page.nextCursor)' was already returned"))
            }
            cursor = page.nextCursor
        }
        throw .transport(.decoding(endpoint: "paged listing", field: "next_cursor", detail: "more than \(Self.maxPages) pages"))
    }
}
