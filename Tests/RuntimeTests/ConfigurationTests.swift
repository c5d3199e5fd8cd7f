import Foundation
import Testing

@testable import EdgewiseRuntime

@Suite("Configuration")
struct ConfigurationTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("defaults live under the XDG data directory")
    func defaults() throws {
        let configuration = try EdgewiseConfiguration.load(environment: ["HOME": "/home/trader"])
        #expect(configuration.home.path == "/home/trader/.local/share/edgewise")
        #expect(configuration.databasePath.path == "/home/trader/.local/share/edgewise/edgewise.sqlite")
        #expect(configuration.polymarket == .production)
        #expect(configuration.configFile == nil)
        let xdg = try EdgewiseConfiguration.load(environment: ["HOME": "/h", "XDG_DATA_HOME": "/data"])
        #expect(xdg.home.path == "/data/edgewise")
    }

    @Test("--home beats EDGEWISE_HOME, and the file, the environment and flags layer in order")
    func precedence() throws {
        let home = try temporaryDirectory()
        try """
        # staging endpoints
        [polymarket]
        gamma_url = "http://127.0.0.1:9000/"   # trailing slash is dropped
        clob_url = 'http://127.0.0.1:9001'

        [store]
        path = "db/edgewise.sqlite"

        [network]
        request_timeout_seconds = 1.5
        max_retries = 0
        """.write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let configuration = try EdgewiseConfiguration.load(
            homeOverride: home.path,
            environment: ["EDGEWISE_HOME": "/elsewhere", "EDGEWISE_POLYMARKET_CLOB_URL": "http://127.0.0.1:7777",
                          "EDGEWISE_POLYMARKET_WS_URL": "ws://127.0.0.1:7778/ws/market"])
        #expect(configuration.home.standardizedFileURL.path == home.standardizedFileURL.path)
        #expect(configuration.polymarket.gammaURL.absoluteString == "http://127.0.0.1:9000")
        #expect(configuration.polymarket.clobURL.absoluteString == "http://127.0.0.1:7777")
        #expect(configuration.polymarket.webSocketURL.absoluteString == "ws://127.0.0.1:7778/ws/market")
        #expect(configuration.polymarket.dataURL == EdgewiseConfiguration.PolymarketSettings.production.dataURL)
        #expect(configuration.databasePath.path.hasSuffix("/db/edgewise.sqlite"))
        #expect(configuration.network.requestTimeout == 1.5)
        #expect(configuration.network.maxRetries == 0)
        #expect(configuration.configFile != nil)
    }

    @Test("mistakes are errors that say where", arguments: [
        ("[polymarket]\ngama_url = \"http://x\"", "unknown config key 'gama_url' in [polymarket]"),
        ("[polymarket]\ngamma_url = http://x", "config line 2: 'http://x' is not a value (strings need quotes)"),
        ("[polymarket]\nws_url = \"http://x\"", "polymarket.ws_url = 'http://x' is not an absolute http(s) or ws(s) URL"),
        ("[network]\nmax_retries = \"3\"", "config key 'network.max_retries' must be an integer from 0 to 10"),
        ("[nope]\na = 1", "unknown config key '(table)' in [nope]"),
        ("[store]\npath = \"a\nb\"", "config line 2: unterminated string"),
        ("[store]\npath = \"a\"\npath = \"b\"", "config line 3: key 'path' is set twice"),
    ] as [(String, String)])
    func errors(text: String, message: String) throws {
        let home = try temporaryDirectory()
        try text.write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        do {
            _ = try EdgewiseConfiguration.load(homeOverride: home.path, environment: [:])
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("trading settings: paper by default, live only when asked, limits read exactly")
    func trading() throws {
        let defaults = try EdgewiseConfiguration.load(homeOverride: "/tmp/edgewise-none", environment: [:])
        #expect(defaults.trading.mode == .paper)
        #expect(defaults.polymarket.chainID == 137)
        #expect(defaults.polymarket.signatureType == "eoa")
        #expect(defaults.polymarket.resolvedUserWebSocketURL.absoluteString == "wss://ws-subscriptions-clob.polymarket.com/ws/user")

        let home = try temporaryDirectory()
        try """
        mode = "live"
        [trading]
        max_order_notional = 250.75
        [polymarket]
        chain_id = 80002
        signature_type = "safe"
        private_key_file = "keys/polymarket.key"
        [polygon]
        rpc_url = "http://127.0.0.1:8545"
        max_gas = 400000
        """.write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let configured = try EdgewiseConfiguration.load(
            homeOverride: home.path,
            environment: [
                "EDGEWISE_POLYMARKET_FUNDER": "0x1234567890AbcdEF1234567890aBcdef12345678",
                "EDGEWISE_POLYMARKET_SIGNATURE_TYPE": "proxy",
                "EDGEWISE_POLYMARKET_WS_URL": "ws://127.0.0.1:9/ws/market",
            ])
        #expect(configured.trading.mode == .live)
        #expect(configured.trading.maxOrderNotional == Decimal(string: "250.75"))
        #expect(configured.polymarket.chainID == 80002)
        #expect(configured.polymarket.signatureType == "proxy")
        #expect(configured.polymarket.funder == "0x1234567890AbcdEF1234567890aBcdef12345678")
        #expect(configured.polymarket.privateKeyFile?.path.hasSuffix("/keys/polymarket.key") == true)
        #expect(configured.polymarket.resolvedUserWebSocketURL.absoluteString == "ws://127.0.0.1:9/ws/user")
        #expect(configured.polygon.rpcURL.absoluteString == "http://127.0.0.1:8545")
        #expect(configured.polygon.maxGas == 400_000)

        for (variable, value) in [
            ("EDGEWISE_POLYMARKET_SIGNATURE_TYPE", "wallet"), ("EDGEWISE_POLYMARKET_CHAIN_ID", "1"),
            ("EDGEWISE_MODE", "yolo"), ("EDGEWISE_POLYMARKET_FUNDER", "0x12"),
        ] {
            #expect(throws: ConfigurationError.self, "\(variable)=\(value)") {
                try EdgewiseConfiguration.load(homeOverride: "/tmp/edgewise-none", environment: [variable: value])
            }
        }
    }

    @Test("a bad environment override names the variable")
    func badEnvironment() {
        #expect(throws: ConfigurationError.invalidURL(source: "EDGEWISE_POLYMARKET_GAMMA_URL", value: "gamma")) {
            try EdgewiseConfiguration.load(homeOverride: "/tmp/nonexistent-edgewise", environment: ["EDGEWISE_POLYMARKET_GAMMA_URL": "gamma"])
        }
        #expect(throws: ConfigurationError.unreadableFile(path: "/nonexistent/config.toml", reason: "no such file")) {
            try EdgewiseConfiguration.load(homeOverride: "/tmp/x", configOverride: "/nonexistent/config.toml", environment: [:])
        }
        #expect(throws: ConfigurationError.homeUnavailable(reason: "HOME is not set")) {
            try EdgewiseConfiguration.load(environment: [:])
        }
    }

    @Test("the TOML subset parses values, arrays and comments")
    func toml() throws {
        let document = try TOMLDocument(parsing: """
        top = 1_000
        [a.b]
        s = "x # not a comment \\"q\\""
        l = 'C:\\path'
        f = 2.5
        t = true
        list = [1, "two", false] # trailing
        """)
        #expect(document.tables[""]?["top"] == .integer(1000))
        #expect(document.tables["a.b"]?["s"] == .string("x # not a comment \"q\""))
        #expect(document.tables["a.b"]?["l"] == .string("C:\\path"))
        #expect(document.tables["a.b"]?["f"] == .float("2.5"))
        #expect(document.tables["a.b"]?["t"] == .boolean(true))
        #expect(document.tables["a.b"]?["list"] == .array([.integer(1), .string("two"), .boolean(false)]))
    }
}
