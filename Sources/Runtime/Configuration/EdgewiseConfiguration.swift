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

    public struct PolymarketSettings: Sendable, Equatable {
        public var gammaURL: URL
        public var clobURL: URL
        public var webSocketURL: URL
        public var dataURL: URL

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

    /// The environment variables that override the file, by config key.
    public static let environmentOverrides: [(variable: String, table: String, key: String)] = [
        ("EDGEWISE_POLYMARKET_GAMMA_URL", "polymarket", "gamma_url"),
        ("EDGEWISE_POLYMARKET_CLOB_URL", "polymarket", "clob_url"),
        ("EDGEWISE_POLYMARKET_WS_URL", "polymarket", "ws_url"),
        ("EDGEWISE_POLYMARKET_DATA_URL", "polymarket", "data_url"),
        ("EDGEWISE_DATABASE", "store", "path"),
        ("EDGEWISE_RECORDINGS", "recording", "directory"),
    ]

    static let knownKeys: [String: [String]] = [
        "": [],
        "polymarket": ["gamma_url", "clob_url", "ws_url", "data_url"],
        "store": ["path"],
        "recording": ["directory"],
        "network": ["request_timeout_seconds", "max_retries"],
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
        for (table, values) in document.tables.sorted(by: { $0.key < $1.key }) {
            guard let known = Self.knownKeys[table] else {
                throw .unknownKey(table: table, key: "(table)", known: Self.knownKeys.keys.filter { !$0.isEmpty }.sorted())
            }
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard known.contains(key) else { throw .unknownKey(table: table.isEmpty ? "root" : table, key: key, known: known) }
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
