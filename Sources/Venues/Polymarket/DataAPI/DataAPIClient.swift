import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Polymarket's Data API: what a wallet holds. Public, no auth; positions are keyed by the funder
/// (the proxy wallet or Safe), not by the signing key.
public struct DataAPIClient: Sendable {
    public let transport: HTTPTransport

    public init(
        baseURL: URL = PolymarketEndpoints.production.data, configuration: HTTPTransportConfiguration = .init(),
        logger: Logger = Logger(label: "edgewise.polymarket.data")
    ) {
        transport = HTTPTransport(
            baseURL: baseURL, overrideHint: PolymarketEndpoints.EnvironmentKey.data, configuration: configuration, logger: logger)
    }

    public init(transport: HTTPTransport) { self.transport = transport }

    public struct PositionsQuery: Sendable, Equatable {
        public var user: String
        /// Condition ids; empty for all markets.
        public var markets: [MarketID] = []
        public var redeemableOnly = false
        public var sizeThreshold: Decimal?
        public var pageSize = 500

        public init(user: String, markets: [MarketID] = [], redeemableOnly: Bool = false) {
            self.user = user
            self.markets = markets
            self.redeemableOnly = redeemableOnly
        }
    }

    /// Every position of a wallet, following offset pages until a short page.
    public func positions(_ query: PositionsQuery) async throws(VenueError) -> [DataPosition] {
        var all = [DataPosition]()
        var offset = 0
        while true {
            var items: [(name: String, value: String)] = [
                ("user", query.user), ("limit", String(query.pageSize)), ("offset", String(offset)),
            ]
            if !query.markets.isEmpty { items.append(("market", query.markets.map(\.rawValue).joined(separator: ","))) }
            if query.redeemableOnly { items.append(("redeemable", "true")) }
            if let threshold = query.sizeThreshold { items.append(("sizeThreshold", "\(threshold)")) }
            let page = try await transport.json(
                [DataPosition].self, VenueRequest(.get, "/positions", query: items, endpointName: "GET /positions"))
            all += page
            // A hard cap keeps a misbehaving server from paging forever.
            guard page.count == query.pageSize, offset < 100_000 else { return all }
            offset += page.count
        }
    }
}
