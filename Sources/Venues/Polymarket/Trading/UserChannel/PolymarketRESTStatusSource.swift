import EdgewiseCore
import EdgewiseVenueKit

/// The REST side of the user channel's reconciliation: after a disconnect, the reconciler asks
/// the venue's L2 API for what it may have missed. The REST objects decode into the same types as
/// the channel's events, so a fill learned either way has the same identity and is recorded once.
public struct PolymarketRESTStatusSource: PolymarketOrderStatusSource {
    public let client: PolymarketTradingClient

    public init(client: PolymarketTradingClient) {
        self.client = client
    }

    public func openOrders() async throws -> [PolymarketUserOrder] {
        try await client.allPages { cursor throws(PolymarketTradingError) in
            try await client.page(
                "/data/orders", query: [], cursor: cursor, endpoint: "GET /data/orders", wire: PolymarketUserOrder.self
            ) { order, _ throws(VenueError) in order }
        }
    }

    public func trades(after: Timestamp) async throws -> [PolymarketUserTrade] {
        try await client.allPages { cursor throws(PolymarketTradingError) in
            try await client.page(
                "/data/trades", query: PolymarketTradeFilter(after: after).queryItems, cursor: cursor,
                endpoint: "GET /data/trades", wire: PolymarketUserTrade.self
            ) { trade, _ throws(VenueError) in trade }
        }
    }

    /// `GET /data/order/{id}`, which also knows orders that are no longer open; nil when the venue
    /// does not know the id at all.
    public func order(_ id: VenueOrderID) async throws -> PolymarketUserOrder? {
        let endpoint = "GET /data/order/{id}"
        let request = client.signedRequest(.get, "/data/order/\(GammaClient.pathSegment(id.rawValue))", idempotent: true, endpoint: endpoint)
        let response: VenueResponse
        do {
            response = try await client.perform(request)
        } catch {
            if case .rejected(_, 404, _, _) = error { return nil }
            throw error
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text == "null" || text == "{}" { return nil }
        return try HTTPTransport.decode(PolymarketUserOrder.self, from: response.body, endpoint: endpoint)
    }
}
