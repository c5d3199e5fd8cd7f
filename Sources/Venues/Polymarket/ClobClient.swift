import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Polymarket's public CLOB REST API (no authentication): books, quotes, trading parameters and
/// price history.
public struct ClobClient: Sendable {
    public let transport: HTTPTransport

    public init(
        baseURL: URL = PolymarketEndpoints.production.clob, configuration: HTTPTransportConfiguration = .init(),
        logger: Logger = Logger(label: "edgewise.polymarket.clob")
    ) {
        transport = HTTPTransport(
            baseURL: baseURL, overrideHint: PolymarketEndpoints.EnvironmentKey.clob, configuration: configuration,
            logger: logger)
    }

    public init(transport: HTTPTransport) { self.transport = transport }

    // MARK: Books

    public func book(_ token: TokenID) async throws(VenueError) -> PolymarketBook {
        let endpoint = "GET /book"
        let summary = try await transport.json(
            ClobBookSummary.self, VenueRequest(.get, "/book", query: [("token_id", token.rawValue)], endpointName: endpoint))
        return try Self.map(summary, endpoint: endpoint)
    }

    /// Several books in one request (`POST /books`, read-only and therefore retried).
    public func books(_ tokens: [TokenID]) async throws(VenueError) -> [PolymarketBook] {
        let endpoint = "POST /books"
        struct Item: Encodable { var token_id: String }
        let request: VenueRequest
        do {
            request = try VenueRequest.postJSON("/books", body: tokens.map { Item(token_id: $0.rawValue) }, isIdempotent: true, endpointName: endpoint)
        } catch {
            throw .invalidRequest(endpoint: endpoint, detail: "\(error)")
        }
        let summaries = try await transport.json([ClobBookSummary].self, request)
        var books: [PolymarketBook] = []
        for (index, summary) in summaries.enumerated() {
            books.append(try Self.map(summary, endpoint: endpoint, prefix: "[\(index)]."))
        }
        return books
    }

    static func map(_ summary: ClobBookSummary, endpoint: String, prefix: String = "") throws(VenueError) -> PolymarketBook {
        do {
            return try summary.toBook()
        } catch {
            throw .decoding(endpoint: endpoint, field: prefix + error.field, detail: error.detail)
        }
    }

    // MARK: Quotes

    /// The best price a `side` order would get (`BUY` → best ask, per the venue).
    public func price(_ token: TokenID, side: OrderSide) async throws(VenueError) -> Price {
        struct Response: Decodable { var price: LenientDecimal }
        let endpoint = "GET /price"
        let response = try await transport.json(
            Response.self,
            VenueRequest(.get, "/price", query: [("token_id", token.rawValue), ("side", side == .buy ? "BUY" : "SELL")], endpointName: endpoint))
        return try Self.price(response.price, field: "price", endpoint: endpoint)
    }

    public func midpoint(_ token: TokenID) async throws(VenueError) -> Price {
        struct Response: Decodable { var mid: LenientDecimal }
        let endpoint = "GET /midpoint"
        let response = try await transport.json(Response.self, VenueRequest(.get, "/midpoint", query: [("token_id", token.rawValue)], endpointName: endpoint))
        return try Self.price(response.mid, field: "mid", endpoint: endpoint)
    }

    public func spread(_ token: TokenID) async throws(VenueError) -> Price {
        struct Response: Decodable { var spread: LenientDecimal }
        let endpoint = "GET /spread"
        let response = try await transport.json(Response.self, VenueRequest(.get, "/spread", query: [("token_id", token.rawValue)], endpointName: endpoint))
        return try Self.price(response.spread, field: "spread", endpoint: endpoint)
    }

    public struct LastTrade: Sendable, Hashable {
        public var price: Price?
        public var side: OrderSide?

        public init(price: Price?, side: OrderSide?) {
            self.price = price
            self.side = side
        }
    }

    public func lastTradePrice(_ token: TokenID) async throws(VenueError) -> LastTrade {
        struct Response: Decodable {
            var price: LenientDecimal?
            var side: String?
        }
        let endpoint = "GET /last-trade-price"
        let response = try await transport.json(
            Response.self, VenueRequest(.get, "/last-trade-price", query: [("token_id", token.rawValue)], endpointName: endpoint))
        let price: Price? = if let raw = response.price, !raw.isEmpty { try Self.price(raw, field: "price", endpoint: endpoint) } else { nil }
        return LastTrade(price: price, side: response.side.flatMap(OrderSide.init(polymarket:)))
    }

    // MARK: Trading parameters

    public func tickSize(_ token: TokenID) async throws(VenueError) -> Price {
        struct Response: Decodable { var minimum_tick_size: LenientDecimal }
        let endpoint = "GET /tick-size"
        let response = try await transport.json(Response.self, VenueRequest(.get, "/tick-size", query: [("token_id", token.rawValue)], endpointName: endpoint))
        return try Self.price(response.minimum_tick_size, field: "minimum_tick_size", endpoint: endpoint)
    }

    public func negRisk(_ token: TokenID) async throws(VenueError) -> Bool {
        struct Response: Decodable { var neg_risk: LenientBool }
        return try await transport.json(
            Response.self, VenueRequest(.get, "/neg-risk", query: [("token_id", token.rawValue)], endpointName: "GET /neg-risk")
        ).neg_risk.value
    }

    /// The V2 compact market record.
    public func marketInfo(_ conditionID: MarketID) async throws(VenueError) -> ClobMarketInfo {
        try await transport.json(
            ClobMarketInfo.self,
            VenueRequest(.get, "/clob-markets/\(GammaClient.pathSegment(conditionID.rawValue))", endpointName: "GET /clob-markets/{conditionId}"))
    }

    public func pricesHistory(_ query: PriceHistoryQuery) async throws(VenueError) -> [PricePoint] {
        let endpoint = "GET /prices-history"
        let response = try await transport.json(
            PriceHistoryResponse.self, VenueRequest(.get, "/prices-history", query: query.queryItems, endpointName: endpoint))
        var points: [PricePoint] = []
        points.reserveCapacity(response.history.count)
        for (index, point) in response.history.enumerated() {
            points.append(PricePoint(
                time: Timestamp(seconds: point.t), price: try Self.price(point.p, field: "history[\(index)].p", endpoint: endpoint)))
        }
        return points
    }

    /// The CLOB API version (2 when the server does not say).
    public func version() async throws(VenueError) -> Int {
        struct Response: Decodable { var version: LenientString? }
        let response = try await transport.json(Response.self, VenueRequest(.get, "/version", endpointName: "GET /version"))
        guard let text = response.version?.value else { return 2 }
        guard let number = Int(text) else {
            throw .decoding(endpoint: "GET /version", field: "version", detail: "'\(text)' is not an integer")
        }
        return number
    }

    static func price(_ raw: LenientDecimal, field: String, endpoint: String) throws(VenueError) -> Price {
        do {
            guard let value = try raw.value(Price.self) else {
                throw VenueError.decoding(endpoint: endpoint, field: field, detail: "is empty")
            }
            return value
        } catch let error as VenueError {
            throw error
        } catch {
            throw .decoding(endpoint: endpoint, field: field, detail: "\(error)")
        }
    }
}

extension OrderSide {
    /// `BUY` / `SELL` in any case.
    init?(polymarket text: String) {
        switch text.uppercased() {
        case "BUY": self = .buy
        case "SELL": self = .sell
        default: return nil
        }
    }
}
