import EdgewiseKalshi
import Foundation
import Testing

@Suite("Kalshi endpoints")
struct KalshiEndpointsTests {
    @Test func productionAndDemoDefaults() {
        #expect(KalshiEndpoints.production.rest.absoluteString == "https://api.elections.kalshi.com/trade-api/v2")
        #expect(KalshiEndpoints.production.webSocket.absoluteString == "wss://api.elections.kalshi.com/trade-api/ws/v2")
        #expect(KalshiEndpoints.demo.rest.absoluteString == "https://demo-api.kalshi.co/trade-api/v2")
        #expect(KalshiEndpoints.demo.webSocket.absoluteString == "wss://demo-api.kalshi.co/trade-api/ws/v2")
        #expect(KalshiEndpoints.production.rest.path.hasSuffix(Kalshi.restPathPrefix))
        #expect(KalshiEndpoints.demo.webSocket.path == Kalshi.webSocketPath)
    }

    @Test func environmentOverrides() throws {
        let endpoints = try KalshiEndpoints.fromEnvironment([
            "EDGEWISE_KALSHI_API_URL": "http://127.0.0.1:8080/trade-api/v2",
            "EDGEWISE_KALSHI_WS_URL": " ws://127.0.0.1:8081/trade-api/ws/v2 ",
        ])
        #expect(endpoints.rest.absoluteString == "http://127.0.0.1:8080/trade-api/v2")
        #expect(endpoints.webSocket.absoluteString == "ws://127.0.0.1:8081/trade-api/ws/v2")

        let demo = try KalshiEndpoints.fromEnvironment(["EDGEWISE_KALSHI_API_URL": ""], base: .demo)
        #expect(demo == .demo)
        #expect(try KalshiEndpoints.fromEnvironment([:]) == .production)
    }

    @Test(arguments: [
        ("EDGEWISE_KALSHI_API_URL", "not a url"),
        ("EDGEWISE_KALSHI_API_URL", "wss://api.elections.kalshi.com/trade-api/v2"),
        ("EDGEWISE_KALSHI_API_URL", "/trade-api/v2"),
        ("EDGEWISE_KALSHI_WS_URL", "https://api.elections.kalshi.com/trade-api/ws/v2"),
        ("EDGEWISE_KALSHI_WS_URL", "ws:///trade-api/ws/v2"),
    ])
    func badOverridesNameTheVariable(variable: String, value: String) {
        do {
            _ = try KalshiEndpoints.fromEnvironment([variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix(variable + "="))
        }
    }
}
