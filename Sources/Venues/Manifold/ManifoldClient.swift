import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// Manifold's REST API (v0): markets, search, probabilities, bets and open limit orders,
/// positions, the account, and — with an API key — placing bets and limit orders, cancelling
/// them, and selling shares.
///
/// Reads and cancels are retried on transient failures. Bets and sales never are (a retried
/// `POST /bet` can bet twice), except after a 429, which the venue answers before processing
/// anything; when their fate is unknown the error is ``ManifoldError/betMayExist(endpoint:cause:)``.
/// The API key goes only into the `Authorization` header: descriptions, errors and logs show it
/// as `<redacted>`.
public struct ManifoldClient: Sendable, CustomStringConvertible {
    public let transport: HTTPTransport
    let apiKey: ManifoldAPIKey?
    let logger: Logger

    public init(
        baseURL: URL = ManifoldEndpoints.production.api, apiKey: ManifoldAPIKey? = nil,
        configuration: HTTPTransportConfiguration = .init(), logger: Logger = Logger(label: "edgewise.manifold")
    ) {
        self.init(
            transport: HTTPTransport(
                baseURL: baseURL, overrideHint: ManifoldEndpoints.EnvironmentKey.api, configuration: configuration, logger: logger),
            apiKey: apiKey, logger: logger)
    }

    public init(transport: HTTPTransport, apiKey: ManifoldAPIKey? = nil, logger: Logger = Logger(label: "edgewise.manifold")) {
        self.transport = transport
        self.apiKey = apiKey
        self.logger = logger
    }

    /// Whether authenticated calls can be made.
    public var hasAPIKey: Bool { apiKey != nil }

    public var description: String {
        "ManifoldClient(\(transport.baseURL.absoluteString), apiKey: \(apiKey == nil ? "none" : "<redacted>"))"
    }

    // MARK: Markets

    /// One page of `GET /markets`.
    public func markets(_ query: ManifoldMarketQuery = ManifoldMarketQuery()) async throws(ManifoldError) -> [ManifoldMarket] {
        try await get([ManifoldMarket].self, "/markets", query: query.queryItems, endpoint: "GET /markets")
    }

    /// Pages through `GET /markets` with `before=<last id>` until a short page or `limit`
    /// markets.
    public func allMarkets(
        _ query: ManifoldMarketQuery = ManifoldMarketQuery(), pageSize: Int = ManifoldMarketQuery.maximumLimit, limit: Int = .max
    ) async throws(ManifoldError) -> [ManifoldMarket] {
        var results: [ManifoldMarket] = []
        var pageQuery = query
        let size = min(max(1, pageSize), ManifoldMarketQuery.maximumLimit)
        while results.count < limit {
            let wanted = min(size, limit - results.count)
            pageQuery.limit = wanted
            let page = try await markets(pageQuery)
            results += page.prefix(limit - results.count)
            guard page.count >= wanted, let last = page.last else { break }
            pageQuery.before = last.id
        }
        return results
    }

    /// `GET /market/{id}`: the full market (answers included for multiple choice).
    public func market(id: String) async throws(ManifoldError) -> ManifoldMarket {
        try await get(ManifoldMarket.self, "/market/\(Self.segment(id))", endpoint: "GET /market/{id}")
    }

    /// `GET /slug/{slug}`: the full market.
    public func market(slug: String) async throws(ManifoldError) -> ManifoldMarket {
        try await get(ManifoldMarket.self, "/slug/\(Self.segment(slug))", endpoint: "GET /slug/{slug}")
    }

    /// `GET /search-markets`.
    public func searchMarkets(_ query: ManifoldSearchQuery) async throws(ManifoldError) -> [ManifoldMarket] {
        try await get([ManifoldMarket].self, "/search-markets", query: query.queryItems, endpoint: "GET /search-markets")
    }

    /// The domain markets of one contract: one for a binary market, one per answer for a
    /// multiple-choice market (see ``ManifoldMarket/toMarkets(now:)``).
    public func domainMarkets(id: String, now: Timestamp = .now()) async throws(ManifoldError) -> [Market] {
        let market = try await market(id: id)
        do { return try market.toMarkets(now: now) } catch { throw .mapping(endpoint: "GET /market/{id}", error) }
    }

    /// The contract as a domain event (see ``ManifoldMarket/toEvent(now:)``).
    public func domainEvent(id: String, now: Timestamp = .now()) async throws(ManifoldError) -> Event {
        let market = try await market(id: id)
        do { return try market.toEvent(now: now) } catch { throw .mapping(endpoint: "GET /market/{id}", error) }
    }

    // MARK: Probabilities

    /// `GET /market/{id}/prob`, uncached on the venue's side.
    public func probability(marketId: String) async throws(ManifoldError) -> ManifoldProbability {
        try await get(ManifoldProbability.self, "/market/\(Self.segment(marketId))/prob", endpoint: "GET /market/{id}/prob")
    }

    /// `GET /market-probs?ids=…&ids=…`, in requests of at most 100 ids (the venue's limit).
    public func probabilities(marketIds: [String]) async throws(ManifoldError) -> [String: ManifoldProbability] {
        var result: [String: ManifoldProbability] = [:]
        var start = 0
        while start < marketIds.count {
            let batch = marketIds[start..<min(start + Self.probabilityBatchSize, marketIds.count)]
            start += Self.probabilityBatchSize
            let page = try await get(
                [String: ManifoldProbability].self, "/market-probs", query: batch.map { ("ids", $0) }, endpoint: "GET /market-probs")
            result.merge(page) { _, new in new }
        }
        return result
    }

    static let probabilityBatchSize = 100

    // MARK: Bets and limit orders

    /// One page of `GET /bets`.
    public func bets(_ query: ManifoldBetQuery) async throws(ManifoldError) -> [ManifoldBet] {
        try await get([ManifoldBet].self, "/bets", query: query.queryItems, endpoint: "GET /bets")
    }

    /// Pages through `GET /bets` with `before=<last id>` until a short page or `limit` bets.
    public func allBets(
        _ query: ManifoldBetQuery, pageSize: Int = ManifoldBetQuery.maximumLimit, limit: Int = .max
    ) async throws(ManifoldError) -> [ManifoldBet] {
        var results: [ManifoldBet] = []
        var pageQuery = query
        let size = min(max(1, pageSize), ManifoldBetQuery.maximumLimit)
        while results.count < limit {
            let wanted = min(size, limit - results.count)
            pageQuery.limit = wanted
            let page = try await bets(pageQuery)
            results += page.prefix(limit - results.count)
            guard page.count >= wanted, let last = page.last else { break }
            pageQuery.before = last.id
        }
        return results
    }

    /// Every open limit order on a market (all users), optionally of one answer: `GET /bets`
    /// with `kinds=open-limit`, keeping only orders that are unfilled, uncancelled and unexpired
    /// at `now`.
    public func openLimitOrders(
        contractId: String, answerId: String? = nil, now: Timestamp = .now()
    ) async throws(ManifoldError) -> [ManifoldBet] {
        let all = try await allBets(ManifoldBetQuery(contractId: contractId, openLimitOrdersOnly: true))
        return all.filter { $0.isOpen(at: now) && (answerId == nil || $0.answerId == answerId) }
    }

    /// The limit-order book of a binary market, or of one answer of a multiple-choice market,
    /// with the AMM's probability beside it (see ``ManifoldLimitOrderBook``). Two requests: the
    /// open orders and the market.
    public func limitOrderBook(
        contractId: String, answerId: String? = nil, now: Timestamp = .now()
    ) async throws(ManifoldError) -> ManifoldLimitOrderBook {
        let orders = try await openLimitOrders(contractId: contractId, answerId: answerId, now: now)
        let market = try await market(id: contractId)
        var probability: Double?
        if let answerId {
            probability = market.answers?.first { $0.id == answerId }?.currentProbability
        } else {
            probability = market.cpmmPool?.probability ?? market.probability
        }
        do {
            return try ManifoldLimitOrderBook(
                contractId: contractId, answerId: answerId, orders: orders, poolProbability: probability, now: now)
        } catch {
            throw .mapping(endpoint: "GET /bets?kinds=open-limit", error)
        }
    }

    // MARK: Account and positions

    /// `GET /me`: the user the API key belongs to, with its balance.
    public func me() async throws(ManifoldError) -> ManifoldUser {
        try await get(ManifoldUser.self, "/me", endpoint: "GET /me", authenticated: true)
    }

    /// `GET /market/{id}/positions`: every position in the market, or only `userId`'s, or only
    /// those in one answer.
    public func positions(marketId: String, userId: String? = nil, answerId: String? = nil) async throws(ManifoldError) -> [ManifoldPosition] {
        var query: [(name: String, value: String)] = []
        if let userId { query.append(("userId", userId)) }
        if let answerId { query.append(("answerId", answerId)) }
        return try await get(
            [ManifoldPosition].self, "/market/\(Self.segment(marketId))/positions", query: query,
            endpoint: "GET /market/{id}/positions")
    }

    /// The key holder's own positions in a market (`GET /me`, then the positions of that user).
    public func myPositions(marketId: String) async throws(ManifoldError) -> [ManifoldPosition] {
        let user = try await me()
        return try await positions(marketId: marketId, userId: user.id)
    }

    // MARK: Requests

    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func get<T: Decodable & Sendable>(
        _ type: T.Type, _ path: String, query: [(name: String, value: String)] = [], endpoint: String, authenticated: Bool = false
    ) async throws(ManifoldError) -> T {
        var request = VenueRequest(.get, path, query: query, endpointName: endpoint)
        if authenticated { request.headers.append(try authorization()) }
        let response = try await perform(request)
        return try decode(type, response.body, endpoint: endpoint)
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: Data, endpoint: String) throws(ManifoldError) -> T {
        do {
            return try HTTPTransport.decode(type, from: body, endpoint: endpoint)
        } catch {
            throw .transport(error)
        }
    }

    /// The `Authorization: Key …` header, or ``ManifoldError/missingAPIKey(variable:)``.
    func authorization() throws(ManifoldError) -> (name: String, value: String) {
        guard let apiKey else { throw .missingAPIKey(variable: ManifoldAPIKey.environmentVariable) }
        return (ManifoldAPIKey.headerName, apiKey.headerValue)
    }

    /// Sends a read or a cancel and returns its 2xx reply.
    func perform(_ request: VenueRequest) async throws(ManifoldError) -> VenueResponse {
        let response: VenueResponse
        do {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            throw mapFailure(error)
        }
        guard (200..<300).contains(response.status) else {
            throw refusal(status: response.status, body: response.body, endpoint: request.endpointName)
        }
        return response
    }

    /// Sends a bet or a sale. Every failure that may have reached the venue becomes
    /// ``ManifoldError/betMayExist(endpoint:cause:)``.
    func submit(_ request: VenueRequest) async throws(ManifoldError) -> VenueResponse {
        precondition(!request.isIdempotent, "bets and sales must never be retried automatically")
        let endpoint = request.endpointName
        let response: VenueResponse
        do {
            response = try await transport.send(request, returningClientErrors: true)
        } catch {
            switch error {
            case .rateLimited(let endpoint, let retryAfter):
                throw .rateLimited(endpoint: endpoint, retryAfter: retryAfter)
            case .server(_, let status, let body):
                let message = redact(ManifoldErrorBody.message(in: Data(body.utf8)))
                throw .betMayExist(endpoint: endpoint, cause: "HTTP \(status)\(ManifoldError.quote(message))")
            default:
                if error.mayHaveBeenProcessed { throw .betMayExist(endpoint: endpoint, cause: redact(error.description)) }
                throw .transport(error)
            }
        }
        guard (200..<300).contains(response.status) else {
            throw refusal(status: response.status, body: response.body, endpoint: endpoint)
        }
        return response
    }

    func mapFailure(_ error: VenueError) -> ManifoldError {
        switch error {
        case .rateLimited(let endpoint, let retryAfter):
            .rateLimited(endpoint: endpoint, retryAfter: retryAfter)
        case .server(let endpoint, let status, let body):
            .venueUnavailable(endpoint: endpoint, status: status, message: redact(ManifoldErrorBody.message(in: Data(body.utf8))))
        default:
            .transport(error)
        }
    }

    func refusal(status: Int, body: Data, endpoint: String) -> ManifoldError {
        let message = redact(ManifoldErrorBody.message(in: body))
        if status == 401 || status == 403 { return .unauthorized(endpoint: endpoint, status: status, message: message) }
        return .rejected(endpoint: endpoint, status: status, message: message)
    }

    /// Venue text could echo the header it was sent; make sure the key never survives into an
    /// error, even cut short at the end of an excerpt.
    func redact(_ text: String) -> String {
        guard let secret = apiKey?.rawValue, secret.count >= 4 else { return text }
        var result = text.replacingOccurrences(of: secret, with: "<redacted>")
        let ellipsis = result.hasSuffix("…")
        var body = ellipsis ? String(result.dropLast()) : result
        for length in stride(from: secret.count - 1, through: 4, by: -1) where body.hasSuffix(secret.prefix(length)) {
            body = String(body.dropLast(length)) + "<redacted>"
            break
        }
        result = ellipsis ? body + "…" : body
        return result
    }
}
