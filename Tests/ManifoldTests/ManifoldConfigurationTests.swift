import EdgewiseManifold
import Foundation
import Testing

@Suite("Manifold endpoints and key")
struct ManifoldConfigurationTests {
    @Test func productionDefaults() throws {
        let endpoints = ManifoldEndpoints.production
        #expect(endpoints.api.absoluteString == "https://api.manifold.markets/v0")
        #expect(endpoints.webSocket.absoluteString == "wss://api.manifold.markets/ws")
        #expect(try ManifoldEndpoints.fromEnvironment([:]) == .production)
    }

    @Test func overridesApply() throws {
        let endpoints = try ManifoldEndpoints.fromEnvironment([
            "EDGEWISE_MANIFOLD_API_URL": " http://127.0.0.1:8080/v0 ", "EDGEWISE_MANIFOLD_WS_URL": "ws://127.0.0.1:8081/ws",
        ])
        #expect(endpoints.api.absoluteString == "http://127.0.0.1:8080/v0")
        #expect(endpoints.webSocket.absoluteString == "ws://127.0.0.1:8081/ws")
        #expect(try ManifoldEndpoints.fromEnvironment(["EDGEWISE_MANIFOLD_API_URL": ""]) == .production)
    }

    @Test(arguments: [
        ("EDGEWISE_MANIFOLD_API_URL", "not a url"), ("EDGEWISE_MANIFOLD_API_URL", "/v0"),
        ("EDGEWISE_MANIFOLD_API_URL", "wss://api.manifold.markets/v0"), ("EDGEWISE_MANIFOLD_WS_URL", "https://api.manifold.markets/ws"),
        ("EDGEWISE_MANIFOLD_WS_URL", "ws://"),
    ])
    func badOverrideNamesTheVariable(variable: String, value: String) {
        let schemes = variable == "EDGEWISE_MANIFOLD_WS_URL" ? ["ws", "wss"] : ["http", "https"]
        #expect(throws: ManifoldEndpoints.InvalidOverride(variable: variable, value: value, expectedSchemes: schemes)) {
            try ManifoldEndpoints.fromEnvironment([variable: value])
        }
        let error = ManifoldEndpoints.InvalidOverride(variable: variable, value: value, expectedSchemes: schemes)
        #expect(error.description.hasPrefix(variable))
    }

    @Test func keyIsNeverPrinted() throws {
        let secret = "0123abcd-secret-key"
        let key = try ManifoldAPIKey.fromEnvironment(["EDGEWISE_MANIFOLD_API_KEY": " \(secret)\n"])
        #expect(key.headerValue == "Key \(secret)")
        #expect(ManifoldAPIKey.headerName == "Authorization")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, key.debugDescription, "\(key)", String(reflecting: key), dumped, "\([key])"] {
            #expect(!text.contains(secret), "leaked in: \(text)")
            #expect(text.contains("redacted"), "\(text)")
        }
    }

    @Test func missingOrMalformedKey() {
        #expect(throws: ManifoldAPIKey.Error.missing(variable: "EDGEWISE_MANIFOLD_API_KEY")) {
            try ManifoldAPIKey.fromEnvironment([:])
        }
        #expect(throws: ManifoldAPIKey.Error.missing(variable: "EDGEWISE_MANIFOLD_API_KEY")) {
            try ManifoldAPIKey.fromEnvironment(["EDGEWISE_MANIFOLD_API_KEY": "  "])
        }
        #expect(throws: ManifoldAPIKey.Error.malformed(variable: "EDGEWISE_MANIFOLD_API_KEY")) {
            try ManifoldAPIKey.fromEnvironment(["EDGEWISE_MANIFOLD_API_KEY": "abc def"])
        }
    }
}
