import EdgewisePolymarket
import Foundation
import Testing

@Suite("Polymarket endpoints")
struct PolymarketEndpointsTests {
    @Test func productionDefaults() {
        let production = PolymarketEndpoints.production
        #expect(production.gamma.absoluteString == "https://gamma-api.polymarket.com")
        #expect(production.clob.absoluteString == "https://clob.polymarket.com")
        #expect(production.webSocket.absoluteString == "wss://ws-subscriptions-clob.polymarket.com/ws/market")
        #expect(production.data.absoluteString == "https://data-api.polymarket.com")
    }

    @Test func environmentOverrides() throws {
        let endpoints = try PolymarketEndpoints.fromEnvironment([
            "EDGEWISE_POLYMARKET_GAMMA_URL": "http://127.0.0.1:1",
            "EDGEWISE_POLYMARKET_CLOB_URL": "http://127.0.0.1:2",
            "EDGEWISE_POLYMARKET_WS_URL": "ws://127.0.0.1:3/ws/market",
            "EDGEWISE_POLYMARKET_DATA_URL": "",
        ])
        #expect(endpoints.gamma.absoluteString == "http://127.0.0.1:1")
        #expect(endpoints.clob.absoluteString == "http://127.0.0.1:2")
        #expect(endpoints.webSocket.absoluteString == "ws://127.0.0.1:3/ws/market")
        #expect(endpoints.data == PolymarketEndpoints.production.data)
        #expect(throws: PolymarketEndpoints.InvalidOverride.self) {
            try PolymarketEndpoints.fromEnvironment(["EDGEWISE_POLYMARKET_CLOB_URL": "not a url"])
        }
    }
}
