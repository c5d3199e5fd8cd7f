import EdgewiseKalshi
import EdgewiseManifold
import EdgewisePolymarket
import Foundation

/// Everything Edgewise reads at start-up. Precedence, lowest first: built-in defaults, the TOML
/// file (`<home>/config.toml`, or `--config` / `EDGEWISE_CONFIG`), environment variables, then
/// command-line flags. Secrets never live here: they come from the environment or a key file
/// readable only by its owner (trading issues add those).
public struct EdgewiseConfiguration: Sendable, Equatable {
    /// The data directory: database, recordings, config.
    public var home: URL
    /// The config file that was read, if any.
    public var configFile: URL?
    public var databasePath: URL
    public var recordingsDirectory: URL
    public var polymarket: PolymarketSettings
    public var network: NetworkSettings
    public var trading: TradingSettings = TradingSettings()
    public var polygon: PolygonSettings = PolygonSettings()
    public var kalshi: KalshiSettings = KalshiSettings()
    public var manifold: ManifoldSettings = ManifoldSettings()
    /// The trading agent: venues, paper cash, risk limits, sizing and strategies.
    public var agent: AgentSettings = AgentSettings()

    /// Kalshi: which exchange (production or the play-money demo), host overrides, and where the
    /// API key id and its private-key file are. The key itself is never read into the config.
    public struct KalshiSettings: Sendable, Equatable {
        public enum Environment: String, Sendable, Equatable, CaseIterable { case production, demo }
        public var environment: Environment = .production
        public var apiURL: URL?
        public var webSocketURL: URL?
        public var keyID: String?
        public var privateKeyFile: URL?

        /// The environment's hosts with any configured override applied.
        public var endpoints: KalshiEndpoints {
            var result: KalshiEndpoints = environment == .demo ? .demo : .production
            if let apiURL { result.rest = apiURL }
            if let webSocketURL { result.webSocket = webSocketURL }
            return result
        }

        public init() {}
    }

    /// Manifold: host overrides (the API key comes from `EDGEWISE_MANIFOLD_API_KEY` only).
    public struct ManifoldSettings: Sendable, Equatable {
        public var apiURL: URL?
        public var webSocketURL: URL?

        public var endpoints: ManifoldEndpoints {
            var result = ManifoldEndpoints.production
            if let apiURL { result.api = apiURL }
            if let webSocketURL { result.webSocket = webSocketURL }
            return result
        }

        public init() {}
    }

    public struct PolymarketSettings: Sendable, Equatable {
        public var gammaURL: URL
        public var clobURL: URL
        public var webSocketURL: URL
        public var dataURL: URL
        /// The user (order and trade) channel. Unless set, it sits beside the market channel:
        /// `…/ws/market` → `…/ws/user`.
        public var userWebSocketURL: URL?
        /// 137 (Polygon) or 80002 (Amoy).
        public var chainID: UInt64 = 137
        /// The wallet that holds the funds, for proxy and Safe signature types; the signing address
        /// otherwise. Kept as text here and checked (EIP-55) where it is used.
        public var funder: String?
        /// `eoa`, `proxy` or `safe` (`1271` for deposit wallets).
        public var signatureType: String = "eoa"
        /// A file holding the private key, readable only by its owner. The key itself is never a
        /// config value: it comes from `EDGEWISE_POLYMARKET_PRIVATE_KEY` or this file.
        public var privateKeyFile: URL?
        /// A JSON file `{"apiKey","secret","passphrase"}` readable only by its owner; without it (and
        /// without the environment variables) credentials are derived from the key with L1 auth.
        public var apiCredentialsFile: URL?

        public var resolvedUserWebSocketURL: URL {
            userWebSocketURL ?? PolymarketUserStream.url(besideMarketChannel: webSocketURL)
        }

        public static let production = PolymarketSettings(
            gammaURL: URL(string: "https://gamma-api.polymarket.com")!,
            clobURL: URL(string: "https://clob.polymarket.com")!,
            webSocketURL: URL(string: "wss://ws-subscriptions-clob.polymarket.com/ws/market")!,
            dataURL: URL(string: "https://data-api.polymarket.com")!)
    }

    public struct NetworkSettings: Sendable, Equatable {
        /// Seconds allowed for one attempt of a request, connection included (connecting itself
        /// is capped at 3 s so that an offline machine fails fast).
        public var requestTimeout: Double = 15
        /// Retries of idempotent requests on 5xx, 429 and connection errors.
        public var maxRetries: Int = 3
    }

    /// Whether orders reach a venue, and the limits every order must respect.
    public struct TradingSettings: Sendable, Equatable {
        /// `paper` (the default) or `live`. Live orders need this set to live or `--live`.
        public var mode: TradingMode = .paper
        /// The largest notional (price × size, in USD) one order may have.
        public var maxOrderNotional: Decimal = 100
    }

    public enum TradingMode: String, Sendable, Equatable {
        case paper
        case live
    }

    /// Polygon JSON-RPC for redeem, split and merge.
    public struct PolygonSettings: Sendable, Equatable {
        public var rpcURL: URL = URL(string: "https://polygon-rpc.com")!
        /// The most gas one transaction may use; an estimate above it is refused before signing.
        public var maxGas: UInt64 = 1_000_000
        /// The highest fee per gas (in gwei) a transaction may bid.
        public var maxFeePerGasGwei: Decimal = 500
        /// Overrides of Polymarket's V2 pUSD collateral adapters (redeem, split, merge go through them).
        public var ctfCollateralAdapter: String?
        public var negRiskCollateralAdapter: String?
    }

    /// The environment variables that override the file, by config key.
    public static let environmentOverrides: [(variable: String, table: String, key: String)] = [
        ("EDGEWISE_POLYMARKET_GAMMA_URL", "polymarket", "gamma_url"),
        ("EDGEWISE_POLYMARKET_CLOB_URL", "polymarket", "clob_url"),
        ("EDGEWISE_POLYMARKET_WS_URL", "polymarket", "ws_url"),
        ("EDGEWISE_POLYMARKET_DATA_URL", "polymarket", "data_url"),
        ("EDGEWISE_POLYMARKET_USER_WS_URL", "polymarket", "user_ws_url"),
        ("EDGEWISE_POLYMARKET_CHAIN_ID", "polymarket", "chain_id"),
        ("EDGEWISE_POLYMARKET_FUNDER", "polymarket", "funder"),
        ("EDGEWISE_POLYMARKET_SIGNATURE_TYPE", "polymarket", "signature_type"),
        ("EDGEWISE_POLYMARKET_PRIVATE_KEY_FILE", "polymarket", "private_key_file"),
        ("EDGEWISE_POLYMARKET_API_CREDENTIALS_FILE", "polymarket", "api_credentials_file"),
        ("EDGEWISE_POLYGON_RPC_URL", "polygon", "rpc_url"),
        ("EDGEWISE_KALSHI_ENVIRONMENT", "kalshi", "environment"),
        ("EDGEWISE_KALSHI_API_URL", "kalshi", "api_url"),
        ("EDGEWISE_KALSHI_WS_URL", "kalshi", "ws_url"),
        ("EDGEWISE_KALSHI_KEY_ID", "kalshi", "key_id"),
        ("EDGEWISE_KALSHI_PRIVATE_KEY_FILE", "kalshi", "private_key_file"),
        ("EDGEWISE_MANIFOLD_API_URL", "manifold", "api_url"),
        ("EDGEWISE_MANIFOLD_WS_URL", "manifold", "ws_url"),
        ("EDGEWISE_MODE", "", "mode"),
        ("EDGEWISE_DATABASE", "store", "path"),
        ("EDGEWISE_RECORDINGS", "recording", "directory"),
    ]

    static let knownKeys: [String: [String]] = [
        "": ["mode"],
        "polymarket": [
            "gamma_url", "clob_url", "ws_url", "data_url", "user_ws_url", "chain_id", "funder", "signature_type",
            "private_key_file", "api_credentials_file",
        ],
        "trading": ["max_order_notional"],
        "polygon": ["rpc_url", "max_gas", "max_fee_per_gas_gwei", "ctf_collateral_adapter", "neg_risk_collateral_adapter"],
        "kalshi": ["environment", "api_url", "ws_url", "key_id", "private_key_file"],
        "manifold": ["api_url", "ws_url"],
        "store": ["path"],
        "recording": ["directory"],
        "network": ["request_timeout_seconds", "max_retries"],
        "agent": AgentSettings.agentKeys,
        "risk": AgentSettings.riskKeys,
        "sizing": AgentSettings.sizingKeys,
        "exits": AgentSettings.exitKeys,
    ]

    /// Loads the configuration.
    /// - Parameters:
    ///   - homeOverride: the `--home` flag.
    ///   - configOverride: the `--config` flag.
    public static func load(
        homeOverride: String? = nil, configOverride: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> EdgewiseConfiguration {
        let home = try resolveHome(override: homeOverride, environment: environment)
        var configuration = EdgewiseConfiguration(
            home: home, configFile: nil,
            databasePath: home.appendingPathComponent("edgewise.sqlite"),
            recordingsDirectory: home.appendingPathComponent("recordings", isDirectory: true),
            polymarket: .production, network: NetworkSettings())

        let explicitFile = configOverride ?? environment["EDGEWISE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let file = explicitFile.map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent("config.toml")
        if FileManager.default.fileExists(atPath: file.path) {
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .unreadableFile(path: file.path, reason: String(describing: error))
            }
            try configuration.apply(try TOMLDocument(parsing: text), relativeTo: file.deletingLastPathComponent())
            configuration.configFile = file
        } else if explicitFile != nil {
            throw .unreadableFile(path: file.path, reason: "no such file")
        }

        for (variable, table, key) in environmentOverrides {
            guard let value = environment[variable], !value.isEmpty else { continue }
            try configuration.set(table: table, key: key, value: .string(value), source: variable, relativeTo: nil)
        }
        return configuration
    }

    /// `--home`, then `EDGEWISE_HOME`, then `$XDG_DATA_HOME/edgewise`, then `~/.local/share/edgewise`.
    public static func resolveHome(override: String?, environment: [String: String]) throws(ConfigurationError) -> URL {
        if let override, !override.isEmpty { return URL(fileURLWithPath: override, isDirectory: true).standardizedFileURL }
        if let home = environment["EDGEWISE_HOME"], !home.isEmpty { return URL(fileURLWithPath: home, isDirectory: true).standardizedFileURL }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("edgewise", isDirectory: true)
        }
        guard let user = environment["HOME"], !user.isEmpty else { throw .homeUnavailable(reason: "HOME is not set") }
        return URL(fileURLWithPath: user, isDirectory: true).appendingPathComponent(".local/share/edgewise", isDirectory: true)
    }

    /// Creates the data directory (owner-only, since it will hold the journal) if needed.
    public func prepareHome() throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(at: databasePath.deletingLastPathComponent(), withIntermediateDirectories: true)
    }

    mutating func apply(_ document: TOMLDocument, relativeTo directory: URL) throws(ConfigurationError) {
        agent = try AgentSettings(document)
        for (table, values) in document.tables.sorted(by: { $0.key < $1.key }) where !AgentSettings.owns(table: table) {
            guard let known = Self.knownKeys[table] else {
                let tables = (Self.knownKeys.keys.filter { !$0.isEmpty } + AgentSettings.dynamicTableNames).sorted()
                throw .unknownKey(table: table, key: "(table)", known: tables, line: document.line(table: table, key: nil))
            }
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard known.contains(key) else {
                    throw .unknownKey(
                        table: table.isEmpty ? "root" : table, key: key, known: known, line: document.line(table: table, key: key))
                }
                try set(table: table, key: key, value: value, source: "\(table).\(key)", relativeTo: directory)
            }
        }
    }

    mutating func set(table: String, key: String, value: TOMLDocument.Value, source: String, relativeTo directory: URL?) throws(ConfigurationError) {
        switch (table, key) {
        case ("polymarket", "gamma_url"): polymarket.gammaURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("polymarket", "clob_url"): polymarket.clobURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("polymarket", "ws_url"): polymarket.webSocketURL = try Self.url(value, source: source, schemes: ["ws", "wss"])
        case ("polymarket", "data_url"): polymarket.dataURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("polymarket", "user_ws_url"):
            polymarket.userWebSocketURL = try Self.url(value, source: source, schemes: ["ws", "wss"])
        case ("polymarket", "chain_id"):
            let chain = try Self.integer(value, source: source)
            guard chain == 137 || chain == 80002 else {
                throw .invalidValue(source: source, value: "\(chain)", expected: "137 (Polygon) or 80002 (Amoy)")
            }
            polymarket.chainID = UInt64(chain)
        case ("polymarket", "funder"):
            guard case .string(let text) = value, text.hasPrefix("0x"), text.count == 42 else {
                throw .invalidValue(source: source, value: "\(value)", expected: "a 0x-prefixed 40-hex-digit address")
            }
            polymarket.funder = text
        case ("polymarket", "signature_type"):
            guard case .string(let text) = value, ["eoa", "proxy", "safe", "1271"].contains(text.lowercased()) else {
                throw .invalidValue(source: source, value: "\(value)", expected: "eoa, proxy or safe")
            }
            polymarket.signatureType = text.lowercased()
        case ("polymarket", "private_key_file"): polymarket.privateKeyFile = try Self.path(value, source: source, relativeTo: directory ?? home)
        case ("polymarket", "api_credentials_file"):
            polymarket.apiCredentialsFile = try Self.path(value, source: source, relativeTo: directory ?? home)
        case ("", "mode"):
            guard case .string(let text) = value, let mode = TradingMode(rawValue: text.lowercased()) else {
                throw .invalidValue(source: source, value: "\(value)", expected: "\"paper\" or \"live\"")
            }
            trading.mode = mode
        case ("trading", "max_order_notional"):
            trading.maxOrderNotional = try Self.positiveDecimal(value, source: source)
        case ("polygon", "rpc_url"): polygon.rpcURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("polygon", "max_gas"):
            let gas = try Self.integer(value, source: source)
            guard gas >= 21_000 else { throw .invalidValue(source: source, value: "\(gas)", expected: "at least 21000") }
            polygon.maxGas = UInt64(gas)
        case ("polygon", "max_fee_per_gas_gwei"): polygon.maxFeePerGasGwei = try Self.positiveDecimal(value, source: source)
        case ("polygon", "ctf_collateral_adapter"), ("polygon", "neg_risk_collateral_adapter"):
            guard case .string(let text) = value, text.hasPrefix("0x"), text.count == 42 else {
                throw .invalidValue(source: source, value: "\(value)", expected: "a 0x-prefixed 40-hex-digit address")
            }
            if key == "ctf_collateral_adapter" { polygon.ctfCollateralAdapter = text } else { polygon.negRiskCollateralAdapter = text }
        case ("kalshi", "environment"):
            guard case .string(let text) = value, let environment = KalshiSettings.Environment(rawValue: text.lowercased()) else {
                throw .invalidValue(source: source, value: "\(value)", expected: "\"production\" or \"demo\"")
            }
            kalshi.environment = environment
        case ("kalshi", "api_url"): kalshi.apiURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("kalshi", "ws_url"): kalshi.webSocketURL = try Self.url(value, source: source, schemes: ["ws", "wss"])
        case ("kalshi", "key_id"):
            guard case .string(let text) = value, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidValue(source: source, value: "\(value)", expected: "the Kalshi API key id")
            }
            kalshi.keyID = text.trimmingCharacters(in: .whitespaces)
        case ("kalshi", "private_key_file"): kalshi.privateKeyFile = try Self.path(value, source: source, relativeTo: directory ?? home)
        case ("manifold", "api_url"): manifold.apiURL = try Self.url(value, source: source, schemes: ["http", "https"])
        case ("manifold", "ws_url"): manifold.webSocketURL = try Self.url(value, source: source, schemes: ["ws", "wss"])
        case ("store", "path"): databasePath = try Self.path(value, source: source, relativeTo: directory ?? home)
        case ("recording", "directory"): recordingsDirectory = try Self.path(value, source: source, relativeTo: directory ?? home)
        case ("network", "request_timeout_seconds"): network.requestTimeout = try Self.seconds(value, source: source)
        case ("network", "max_retries"):
            guard case .integer(let retries) = value, (0...10).contains(retries) else {
                throw .wrongType(key: source, expected: "an integer from 0 to 10")
            }
            network.maxRetries = Int(retries)
        default:
            throw .unknownKey(table: table, key: key, known: Self.knownKeys[table] ?? [])
        }
    }

    static func url(_ value: TOMLDocument.Value, source: String, schemes: Set<String>) throws(ConfigurationError) -> URL {
        guard case .string(let text) = value else { throw .wrongType(key: source, expected: "a quoted URL") }
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw .invalidURL(source: source, value: text) }
        return url
    }

    static func path(_ value: TOMLDocument.Value, source: String, relativeTo directory: URL) throws(ConfigurationError) -> URL {
        guard case .string(let text) = value, !text.isEmpty else { throw .wrongType(key: source, expected: "a quoted path") }
        let expanded = text.hasPrefix("~/") ? NSString(string: text).expandingTildeInPath : text
        return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : directory.appendingPathComponent(expanded)
    }

    /// Integers from the file, or from an environment variable (which arrives as text).
    static func integer(_ value: TOMLDocument.Value, source: String) throws(ConfigurationError) -> Int64 {
        switch value {
        case .integer(let integer): return integer
        case .string(let text):
            guard let integer = Int64(text) else { throw .wrongType(key: source, expected: "an integer") }
            return integer
        default: throw .wrongType(key: source, expected: "an integer")
        }
    }

    /// Money limits are read as exact decimals from the file's text, never through Double.
    static func positiveDecimal(_ value: TOMLDocument.Value, source: String) throws(ConfigurationError) -> Decimal {
        let text: String
        switch value {
        case .integer(let integer): text = String(integer)
        case .float(let raw), .string(let raw): text = raw
        default: throw .wrongType(key: source, expected: "a number")
        }
        guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), decimal > 0,
              text.allSatisfy({ $0.isNumber || $0 == "." })
        else { throw .invalidValue(source: source, value: text, expected: "a positive number") }
        return decimal
    }

    static func seconds(_ value: TOMLDocument.Value, source: String) throws(ConfigurationError) -> Double {
        let seconds: Double?
        switch value {
        case .integer(let integer): seconds = Double(integer)
        case .float(let text): seconds = Double(text)
        default: seconds = nil
        }
        guard let seconds, seconds > 0, seconds <= 600 else {
            throw .invalidValue(source: source, value: "\(value)", expected: "seconds between 0 and 600")
        }
        return seconds
    }
}
