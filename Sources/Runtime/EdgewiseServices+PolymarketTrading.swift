import EdgewiseCore
import EdgewiseEthereum
import EdgewisePolymarket
import EdgewiseVenueKit
import Foundation

/// Polymarket trading from configuration: the key, the wallet setup, API credentials and the
/// trader, every secret from the environment or an owner-only file and never from config values.
extension EdgewiseServices {
    public static let privateKeyVariable = "EDGEWISE_POLYMARKET_PRIVATE_KEY"

    /// The signing key: `EDGEWISE_POLYMARKET_PRIVATE_KEY`, else `polymarket.private_key_file`
    /// (which must be readable by its owner only).
    public func polymarketPrivateKey() throws(PolymarketSetupError) -> EthereumPrivateKey {
        if let text = environment[Self.privateKeyVariable], !text.isEmpty {
            do { return try EthereumPrivateKey(hex: text) } catch { throw .badKey(source: Self.privateKeyVariable, error) }
        }
        guard let file = configuration.polymarket.privateKeyFile else { throw .noKey }
        let data: Data
        do { data = try ProtectedFile.read(file.path, maxBytes: 4096) } catch { throw .keyFile(error) }
        do { return try EthereumPrivateKey(hex: String(decoding: data, as: UTF8.self)) } catch {
            throw .badKey(source: file.path, error)
        }
    }

    public func polymarketChain(override: UInt64? = nil) throws(PolymarketSetupError) -> PolymarketChain {
        do { return try PolymarketChain(chainID: override ?? configuration.polymarket.chainID) } catch { throw .signing(error) }
    }

    /// The order signer for the configured wallet: signature type and funder from config or
    /// `EDGEWISE_POLYMARKET_SIGNATURE_TYPE` / `EDGEWISE_POLYMARKET_FUNDER`.
    public func polymarketOrderSigner(key: EthereumPrivateKey, chain: PolymarketChain) throws(PolymarketSetupError) -> PolymarketOrderSigner {
        let settings = configuration.polymarket
        do {
            let type = try PolymarketSignatureType(configValue: settings.signatureType)
            var funder: EthereumAddress?
            if let text = settings.funder {
                do { funder = try EthereumAddress(text) } catch { throw PolymarketSetupError.badFunder(error) }
            }
            return try PolymarketOrderSigner(key: key, chain: chain, signatureType: type, funder: funder)
        } catch let error as PolymarketSetupError {
            throw error
        } catch let error as PolymarketSigningError {
            throw .signing(error)
        } catch {
            throw .signing(.unknownSignatureType("\(error)"))
        }
    }

    /// API credentials from the environment or `polymarket.api_credentials_file`; nil when neither
    /// is configured (they can then be derived from the key).
    public func polymarketConfiguredCredentials() throws(PolymarketSetupError) -> PolymarketAPICredentials? {
        if let file = configuration.polymarket.apiCredentialsFile {
            do { return try PolymarketCredentialsLoader.fromFile(file.path) } catch { throw .credentials(error) }
        }
        do { return try PolymarketCredentialsLoader.fromEnvironment(environment) } catch { throw .credentials(error) }
    }

    public func polymarketTransport() -> HTTPTransport {
        HTTPTransport(
            baseURL: configuration.polymarket.clobURL, overrideHint: PolymarketEndpoints.EnvironmentKey.clob,
            configuration: httpConfiguration, logger: logger)
    }

    /// Configured credentials, or the key's derived ones (L1 auth; one request).
    public func polymarketCredentials(key: EthereumPrivateKey, chain: PolymarketChain) async throws -> PolymarketAPICredentials {
        if let configured = try polymarketConfiguredCredentials() { return configured }
        return try await PolymarketL1AuthClient(transport: polymarketTransport(), chain: chain).createOrDeriveAPIKey(key: key)
    }

    /// The L2 client for the key's credentials.
    public func polymarketTradingClient(key: EthereumPrivateKey, chain: PolymarketChain) async throws -> PolymarketTradingClient {
        try tradingClient(credentials: try await polymarketCredentials(key: key, chain: chain), key: key)
    }

    func tradingClient(credentials: PolymarketAPICredentials, key: EthereumPrivateKey) throws -> PolymarketTradingClient {
        try PolymarketTradingClient(transport: polymarketTransport(), credentials: credentials, signerAddress: key.address.checksummed)
    }

    /// A trader for the configured wallet.
    /// - Parameters:
    ///   - live: `--live` on the command line; the config's `mode = "live"` also enables it.
    ///   - connect: false for dry runs: no credentials are derived and nothing is requested
    ///     unless a look-up is needed.
    public func polymarketTrader(chainOverride: UInt64? = nil, live: Bool, connect: Bool) async throws -> PolymarketTrader {
        let key = try polymarketPrivateKey()
        let chain = try polymarketChain(override: chainOverride)
        let signer = try polymarketOrderSigner(key: key, chain: chain)
        let credentials = connect ? try await polymarketCredentials(key: key, chain: chain) : try polymarketConfiguredCredentials()
        let trading = try credentials.flatMap { credentials in
            connect ? try tradingClient(credentials: credentials, key: key) : nil
        }
        let limit: Amount
        do { limit = try Amount(exactly: configuration.trading.maxOrderNotional) } catch {
            throw PolymarketSetupError.badLimit("\(configuration.trading.maxOrderNotional)")
        }
        return PolymarketTrader(
            signer: signer, clob: ClobClient(transport: polymarketTransport()), trading: trading, credentials: credentials,
            clobURL: configuration.polymarket.clobURL, maxOrderNotional: limit,
            live: live || configuration.trading.mode == .live)
    }
}

/// A trading setup problem, naming the variable, file or key to fix.
public enum PolymarketSetupError: Error, Sendable, CustomStringConvertible {
    case noKey
    case badKey(source: String, EthereumKeyError)
    case keyFile(ProtectedFileError)
    case badFunder(EthereumAddressError)
    case signing(PolymarketSigningError)
    case credentials(PolymarketCredentialsError)
    case badLimit(String)
    case onChain(String)
    case badAddress(setting: String, EthereumAddressError)

    public var description: String {
        switch self {
        case .noKey:
            "no Polymarket private key: set EDGEWISE_POLYMARKET_PRIVATE_KEY, or polymarket.private_key_file to a file only you can read (chmod 600)"
        case .badKey(let source, let error): "the private key in \(source) is unusable: \(error)"
        case .keyFile(let error): "\(error)"
        case .badFunder(let error): "EDGEWISE_POLYMARKET_FUNDER / polymarket.funder: \(error)"
        case .signing(let error): "\(error)"
        case .credentials(let error): "\(error)"
        case .badAddress(let setting, let error): "\(setting): \(error)"
        case .onChain(let reason): "cannot set up Polygon transactions: \(reason)"
        case .badLimit(let text): "trading.max_order_notional = \(text) is not an amount Edgewise can hold (at most six decimals)"
        }
    }
}
