import EdgewiseCore
import EdgewiseExecution
import EdgewiseKalshi
import EdgewiseManifold
import EdgewisePolymarket

/// The live venue gateways the order manager sends through, built from the same configuration
/// and environment as every other client.
extension EdgewiseServices {
    /// The venues whose trading credentials are configured: a Polymarket private key, a Kalshi
    /// key id or key file, a Manifold API key. Whether they work is only found out by building them.
    public var venuesWithTradingCredentials: [VenueID] {
        var venues: [VenueID] = []
        if polymarketKeyConfigured { venues.append(.polymarket) }
        if kalshiCredentialsConfigured { venues.append(.kalshi) }
        if manifoldKeyConfigured { venues.append(.manifold) }
        return venues
    }

    /// The live gateways for `venues`, or — when `venues` is nil — for every venue whose
    /// credentials are configured.
    ///
    /// - Parameter live: `--live` on the command line; the config's `trading.mode = "live"` also
    ///   enables it. Without either nothing is built, since these gateways send real orders.
    /// - Throws: ``LiveGatewaySetupError/missingCredentials(venue:configure:)`` for a venue named
    ///   in `venues` whose credentials are absent, saying what to set; other cases for unusable
    ///   credentials. Polymarket API credentials not configured are derived from the key (one
    ///   request to the CLOB).
    public func liveGateways(for venues: [VenueID]? = nil, live: Bool) async throws(LiveGatewaySetupError) -> [any VenueGateway] {
        guard live || configuration.trading.mode == .live else { throw .notLive }
        var gateways: [any VenueGateway] = []
        var seen: Set<VenueID> = []
        for venue in venues ?? venuesWithTradingCredentials where seen.insert(venue).inserted {
            switch venue {
            case .polymarket: gateways.append(try await polymarketGateway(live: live))
            case .kalshi: gateways.append(try kalshiGateway(live: live))
            case .manifold: gateways.append(try manifoldGateway(live: live))
            default: throw .unsupportedVenue(venue)
            }
        }
        return gateways
    }

    /// Polymarket: the configured key signs, the API credentials (configured, or derived from the
    /// key) authenticate.
    public func polymarketGateway(live: Bool) async throws(LiveGatewaySetupError) -> PolymarketGateway {
        guard live || configuration.trading.mode == .live else { throw .notLive }
        guard polymarketKeyConfigured else {
            throw .missingCredentials(venue: .polymarket, configure: PolymarketSetupError.noKey.description)
        }
        let trader: PolymarketTrader
        do {
            trader = try await polymarketTrader(live: true, connect: true)
        } catch let error as PolymarketSetupError {
            throw .unusableCredentials(venue: .polymarket, reason: error.description)
        } catch {
            // Deriving API credentials is a request; its failure names the endpoint, never the key.
            throw .unusableCredentials(venue: .polymarket, reason: "\(error)")
        }
        return try PolymarketGateway(trader: trader)
    }

    /// Kalshi: requests signed with the configured key id and RSA key file.
    public func kalshiGateway(live: Bool) throws(LiveGatewaySetupError) -> KalshiGateway {
        guard live || configuration.trading.mode == .live else { throw .notLive }
        let signer: KalshiRequestSigner
        do { signer = try kalshiSigner() } catch {
            if case .missingVariables = error { throw .missingCredentials(venue: .kalshi, configure: error.description) }
            throw .unusableCredentials(venue: .kalshi, reason: error.description)
        }
        return KalshiGateway(
            client: KalshiClient(endpoints: configuration.kalshi.endpoints, signer: signer, configuration: httpConfiguration, logger: logger))
    }

    /// Manifold: the API key from the environment.
    public func manifoldGateway(live: Bool) throws(LiveGatewaySetupError) -> ManifoldGateway {
        guard live || configuration.trading.mode == .live else { throw .notLive }
        let key: ManifoldAPIKey
        do { key = try ManifoldAPIKey.fromEnvironment(environment) } catch {
            if case .missing(let variable) = error {
                throw .missingCredentials(
                    venue: .manifold, configure: "set \(variable) to the API key from your Manifold profile's settings")
            }
            throw .unusableCredentials(venue: .manifold, reason: error.description)
        }
        return ManifoldGateway(
            client: ManifoldClient(
                baseURL: configuration.manifold.endpoints.api, apiKey: key, configuration: httpConfiguration, logger: logger))
    }

    var polymarketKeyConfigured: Bool {
        !(environment[Self.privateKeyVariable] ?? "").isEmpty || configuration.polymarket.privateKeyFile != nil
    }

    var manifoldKeyConfigured: Bool {
        !(environment[ManifoldAPIKey.environmentVariable] ?? "").isEmpty
    }
}
