import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseRuntime

@Suite("Kalshi and Manifold configuration")
struct VenueConfigurationTests {
    func home(_ toml: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-venues-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try toml.write(to: url.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return url
    }

    @Test("production by default; demo from the file; the environment's host overrides win")
    func kalshiEndpoints() throws {
        let defaults = try EdgewiseConfiguration.load(environment: ["HOME": "/h"])
        #expect(defaults.kalshi.endpoints.rest.absoluteString == "https://api.elections.kalshi.com/trade-api/v2")
        #expect(defaults.manifold.endpoints.api.absoluteString == "https://api.manifold.markets/v0")

        let dir = try home("""
            [kalshi]
            environment = "demo"
            key_id = "abc-123"
            private_key_file = "keys/kalshi.pem"
            """)
        let demo = try EdgewiseConfiguration.load(homeOverride: dir.path, environment: ["HOME": "/h"])
        #expect(demo.kalshi.endpoints.rest.absoluteString == "https://demo-api.kalshi.co/trade-api/v2")
        #expect(demo.kalshi.keyID == "abc-123")
        #expect(demo.kalshi.privateKeyFile?.path == dir.appendingPathComponent("keys/kalshi.pem").path)

        let overridden = try EdgewiseConfiguration.load(homeOverride: dir.path, environment: [
            "HOME": "/h", "EDGEWISE_KALSHI_API_URL": "http://127.0.0.1:9100/trade-api/v2",
            "EDGEWISE_KALSHI_WS_URL": "ws://127.0.0.1:9100/trade-api/ws/v2",
            "EDGEWISE_MANIFOLD_API_URL": "http://127.0.0.1:9200/v0", "EDGEWISE_MANIFOLD_WS_URL": "ws://127.0.0.1:9200/ws",
            "EDGEWISE_KALSHI_KEY_ID": "from-env",
        ])
        #expect(overridden.kalshi.endpoints.rest.absoluteString == "http://127.0.0.1:9100/trade-api/v2")
        #expect(overridden.kalshi.endpoints.webSocket.absoluteString == "ws://127.0.0.1:9100/trade-api/ws/v2")
        #expect(overridden.manifold.endpoints.api.absoluteString == "http://127.0.0.1:9200/v0")
        #expect(overridden.manifold.endpoints.webSocket.absoluteString == "ws://127.0.0.1:9200/ws")
        #expect(overridden.kalshi.keyID == "from-env")
    }

    @Test("mistakes name the key or variable", arguments: [
        ("[kalshi]\nenvironment = \"staging\"", "kalshi.environment"),
        ("[kalshi]\napi_url = \"ftp://x\"", "kalshi.api_url"),
        ("[manifold]\nws_url = \"http://x\"", "manifold.ws_url"),
        ("[manifold]\napi_key = \"secret\"", "api_key"),
    ])
    func mistakes(toml: String, named: String) throws {
        let dir = try home(toml)
        do {
            _ = try EdgewiseConfiguration.load(homeOverride: dir.path, environment: ["HOME": "/h"])
            Issue.record("expected an error for \(toml)")
        } catch {
            #expect(error.description.contains(named), "\(error)")
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("every venue has a capabilities description, and refusals say what the venue supports")
    func capabilities() {
        #expect(VenueCapabilities.all.map(\.venue) == [.polymarket, .kalshi, .manifold])
        #expect(VenueCapabilities.manifold.refusal(timeInForce: "fok")?.contains("gtc, gtd, fak") == true)
        #expect(VenueCapabilities.kalshi.refusal(timeInForce: "fok") == nil)
        #expect(VenueCapabilities.manifold.postOnlyRefusal != nil)
        #expect(VenueCapabilities.kalshi.postOnlyRefusal == nil)
        #expect(VenueCapabilities.polymarket.batchRefusal(count: 16) != nil)
        #expect(VenueCapabilities.polymarket.batchRefusal(count: 15) == nil)
        #expect(VenueCapabilities.manifold.batchRefusal(count: 2) != nil)
    }
}
