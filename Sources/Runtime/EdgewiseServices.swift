import EdgewiseCore
import EdgewisePolymarket
import EdgewiseStore
import EdgewiseVenueKit
import Foundation
import Logging

/// The parts of Edgewise built from one configuration. The CLI, and later the server and the
/// agent, ask this for venue clients and the store instead of building them, so every entry
/// point honours the same file, environment and flags.
public struct EdgewiseServices: Sendable {
    public let configuration: EdgewiseConfiguration
    public let logger: Logger
    /// Where secrets come from (never from the config file).
    public let environment: [String: String]

    public init(
        configuration: EdgewiseConfiguration, logger: Logger = Logger(label: "edgewise"),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.configuration = configuration
        self.logger = logger
        self.environment = environment
    }

    public var polymarketEndpoints: PolymarketEndpoints {
        let settings = configuration.polymarket
        return PolymarketEndpoints(gamma: settings.gammaURL, clob: settings.clobURL, webSocket: settings.webSocketURL, data: settings.dataURL)
    }

    public var httpConfiguration: HTTPTransportConfiguration {
        HTTPTransportConfiguration(
            requestTimeout: .milliseconds(Int64(configuration.network.requestTimeout * 1000)),
            retry: RetryPolicy(maxAttempts: configuration.network.maxRetries + 1))
    }

    /// Polymarket's read side (Gamma, CLOB REST, market streams) at the configured hosts.
    public func polymarket() -> PolymarketClient {
        PolymarketClient(endpoints: polymarketEndpoints, transport: httpConfiguration, logger: logger)
    }
}

extension EdgewiseServices {
    /// Opens (creating and migrating if needed) the embedded database.
    public func openStore() throws -> EdgewiseStore {
        try configuration.prepareHome()
        return try EdgewiseStore(path: configuration.databasePath.path)
    }

    /// Saves markets into the local catalog so later commands (and offline work) can find them.
    public func cache(_ markets: [Market]) throws {
        guard !markets.isEmpty else { return }
        try openStore().upsert(markets: markets)
    }
}
