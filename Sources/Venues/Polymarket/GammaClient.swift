import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Polymarket's market catalog (Gamma API): markets and events, lookup by id, slug, condition id
/// or token id, text search, and offset paging.
public struct GammaClient: Sendable {
    public let transport: HTTPTransport

    public init(
        baseURL: URL = PolymarketEndpoints.production.gamma, configuration: HTTPTransportConfiguration = .init(),
        logger: Logger = Logger(label: "edgewise.polymarket.gamma")
    ) {
        transport = HTTPTransport(
            baseURL: baseURL, overrideHint: PolymarketEndpoints.EnvironmentKey.gamma, configuration: configuration,
            logger: logger)
    }

    public init(transport: HTTPTransport) { self.transport = transport }

    // MARK: Lists

    public func markets(_ query: GammaQuery = GammaQuery()) async throws(VenueError) -> [GammaMarket] {
        try await transport.json([GammaMarket].self, VenueRequest(.get, "/markets", query: query.queryItems, endpointName: "GET /markets"))
    }

    public func events(_ query: GammaQuery = GammaQuery()) async throws(VenueError) -> [GammaEvent] {
        try await transport.json([GammaEvent].self, VenueRequest(.get, "/events", query: query.queryItems, endpointName: "GET /events"))
    }

    /// Pages through `/markets` with `pageSize` per request until a short page or `limit` results.
    public func allMarkets(_ query: GammaQuery = GammaQuery(), pageSize: Int = 100, limit: Int = .max) async throws(VenueError) -> [GammaMarket] {
        try await page(query, pageSize: pageSize, limit: limit) { (q) throws(VenueError) in try await markets(q) }
    }

    /// Pages through `/events` like ``allMarkets(_:pageSize:limit:)``.
    public func allEvents(_ query: GammaQuery = GammaQuery(), pageSize: Int = 100, limit: Int = .max) async throws(VenueError) -> [GammaEvent] {
        try await page(query, pageSize: pageSize, limit: limit) { (q) throws(VenueError) in try await events(q) }
    }

    /// The pages of `/markets` one at a time, for catalogs too large to hold at once. Ends after
    /// a short page or `limit` markets; a failed request ends the sequence with its error.
    public func marketPages(_ query: GammaQuery = GammaQuery(), pageSize: Int = 100, limit: Int = .max) -> AsyncThrowingStream<[GammaMarket], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var offset = query.offset ?? 0
                var delivered = 0
                do {
                    while delivered < limit, !Task.isCancelled {
                        var pageQuery = query
                        pageQuery.offset = offset
                        pageQuery.limit = min(max(1, pageSize), limit - delivered)
                        let batch = try await markets(pageQuery)
                        if !batch.isEmpty { continuation.yield(Array(batch.prefix(limit - delivered))) }
                        delivered += batch.count
                        offset += batch.count
                        if batch.count < pageQuery.limit! { break }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func page<T>(
        _ query: GammaQuery, pageSize: Int, limit: Int, fetch: (GammaQuery) async throws(VenueError) -> [T]
    ) async throws(VenueError) -> [T] {
        var results: [T] = []
        var offset = query.offset ?? 0
        let size = max(1, pageSize)
        while results.count < limit {
            var pageQuery = query
            pageQuery.offset = offset
            pageQuery.limit = min(size, limit - results.count)
            let batch = try await fetch(pageQuery)
            results += batch.prefix(limit - results.count)
            if batch.count < pageQuery.limit! { break }
            offset += batch.count
        }
        return results
    }

    // MARK: Single records

    public func market(id: String) async throws(VenueError) -> GammaMarket {
        try await transport.json(GammaMarket.self, VenueRequest(.get, "/markets/\(Self.pathSegment(id))", endpointName: "GET /markets/{id}"))
    }

    public func market(slug: String) async throws(VenueError) -> GammaMarket {
        try await transport.json(GammaMarket.self, VenueRequest(.get, "/markets/slug/\(Self.pathSegment(slug))", endpointName: "GET /markets/slug/{slug}"))
    }

    /// The market with this condition id, or nil.
    public func market(conditionID: MarketID) async throws(VenueError) -> GammaMarket? {
        try await markets(GammaQuery(conditionIDs: [conditionID.rawValue])).first { $0.conditionId == conditionID.rawValue }
    }

    /// The market that trades this CLOB token, or nil.
    public func market(tokenID: TokenID) async throws(VenueError) -> GammaMarket? {
        try await markets(GammaQuery(clobTokenIDs: [tokenID.rawValue])).first {
            $0.clobTokenIds?.elements.contains(tokenID.rawValue) ?? false
        }
    }

    public func event(id: String) async throws(VenueError) -> GammaEvent {
        try await transport.json(GammaEvent.self, VenueRequest(.get, "/events/\(Self.pathSegment(id))", endpointName: "GET /events/{id}"))
    }

    public func event(slug: String) async throws(VenueError) -> GammaEvent {
        try await transport.json(GammaEvent.self, VenueRequest(.get, "/events/slug/\(Self.pathSegment(slug))", endpointName: "GET /events/slug/{slug}"))
    }

    /// Free-text search over events and markets (`/public-search?q=`).
    public func search(_ text: String, limitPerType: Int? = nil) async throws(VenueError) -> GammaSearchResult {
        var query: [(name: String, value: String)] = [("q", text)]
        if let limitPerType { query.append(("limit_per_type", String(limitPerType))) }
        return try await transport.json(GammaSearchResult.self, VenueRequest(.get, "/public-search", query: query, endpointName: "GET /public-search"))
    }

    // MARK: Domain conveniences

    /// Looks a market up by slug and maps it; mapping failures become decoding errors.
    public func domainMarket(slug: String) async throws(VenueError) -> Market {
        try Self.map(try await market(slug: slug), endpoint: "GET /markets/slug/{slug}")
    }

    public func domainMarket(conditionID: MarketID) async throws(VenueError) -> Market? {
        guard let found = try await market(conditionID: conditionID) else { return nil }
        return try Self.map(found, endpoint: "GET /markets?condition_ids=")
    }

    public func domainMarket(tokenID: TokenID) async throws(VenueError) -> Market? {
        guard let found = try await market(tokenID: tokenID) else { return nil }
        return try Self.map(found, endpoint: "GET /markets?clob_token_ids=")
    }

    public func domainEvent(slug: String) async throws(VenueError) -> Event {
        do {
            return try await event(slug: slug).toEvent()
        } catch let error as PolymarketMappingError {
            throw .decoding(endpoint: "GET /events/slug/{slug}", field: error.field, detail: error.description)
        } catch let error as VenueError {
            throw error
        } catch {
            throw .decoding(endpoint: "GET /events/slug/{slug}", field: "<root>", detail: "\(error)")
        }
    }

    static func map(_ market: GammaMarket, endpoint: String) throws(VenueError) -> Market {
        do {
            return try market.toMarket()
        } catch {
            throw .decoding(endpoint: endpoint, field: error.field, detail: error.description)
        }
    }

    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
