import EdgewiseCore
import EdgewiseVenueKit
import Foundation
import Logging

/// The read side of Polymarket in one value: catalog (Gamma), public CLOB REST, and live market
/// data streams, all pointed at the same ``PolymarketEndpoints``.
public struct PolymarketClient: Sendable {
    public let endpoints: PolymarketEndpoints
    public let gamma: GammaClient
    public let clob: ClobClient
    let logger: Logger

    public init(
        endpoints: PolymarketEndpoints = .production, transport: HTTPTransportConfiguration = .init(),
        logger: Logger = Logger(label: "edgewise.polymarket")
    ) {
        self.endpoints = endpoints
        self.logger = logger
        gamma = GammaClient(baseURL: endpoints.gamma, configuration: transport, logger: logger)
        clob = ClobClient(baseURL: endpoints.clob, configuration: transport, logger: logger)
    }

    /// Finds a market by condition id, token id or slug (see ``MarketReference``); nil if the
    /// venue does not know it.
    public func market(_ reference: MarketReference) async throws(VenueError) -> Market? {
        switch reference {
        case .conditionID(let id):
            return try await gamma.domainMarket(conditionID: id)
        case .token(let token):
            return try await gamma.domainMarket(tokenID: token)
        case .slug(let slug):
            do {
                return try await gamma.domainMarket(slug: slug)
            } catch {
                if case .client(_, 404, _) = error { return nil }
                throw error
            }
        }
    }

    /// A live market-data stream for `tokens`; call ``PolymarketMarketStream/updates()`` to start it.
    public func marketStream(
        tokens: [TokenID], configuration: PolymarketMarketStream.Configuration = .init()
    ) -> PolymarketMarketStream {
        PolymarketMarketStream(endpoints: endpoints, tokens: tokens, configuration: configuration, clob: clob, logger: logger)
    }
}
