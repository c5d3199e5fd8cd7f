import EdgewiseCore
import EdgewiseExecution
import EdgewiseRuntime
import Foundation
import Testing

@Suite("Live gateways from configuration")
struct GatewayFactoryTests {
    func services(_ environment: [String: String]) throws -> EdgewiseServices {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-factory-\(UUID().uuidString)").path
        let full = ["HOME": home] + environment
        return EdgewiseServices(
            configuration: try EdgewiseConfiguration.load(homeOverride: home, environment: full), logger: quietGatewayLogger,
            environment: full)
    }

    @Test("nothing is built unless live trading is switched on")
    func notLive() async throws {
        let services = try services(["EDGEWISE_MANIFOLD_API_KEY": "manifold-key-0123456789"])
        await #expect(throws: LiveGatewaySetupError.notLive) { try await services.liveGateways(live: false) }
    }

    @Test("only the venues with credentials, when none are named")
    func configuredVenuesOnly() async throws {
        let services = try services(["EDGEWISE_MANIFOLD_API_KEY": "manifold-key-0123456789"])
        #expect(services.venuesWithTradingCredentials == [.manifold])
        let gateways = try await services.liveGateways(live: true)
        #expect(gateways.map(\.venue) == [.manifold])
    }

    @Test("a venue asked for without credentials says what to set, and never a secret")
    func missingCredentials() async throws {
        let secret = "manifold-key-0123456789"
        let services = try services(["EDGEWISE_MANIFOLD_API_KEY": secret])
        do {
            _ = try await services.liveGateways(for: [.manifold, .kalshi], live: true)
            Issue.record("Kalshi has no credentials")
        } catch {
            guard case .missingCredentials(let venue, let configure) = error else { Issue.record("\(error)"); return }
            #expect(venue == .kalshi)
            #expect(configure.contains("EDGEWISE_KALSHI_KEY_ID"))
            #expect(!error.description.contains(secret))
        }
        await #expect(throws: LiveGatewaySetupError.missingCredentials(
            venue: .manifold, configure: "set EDGEWISE_MANIFOLD_API_KEY to the API key from your Manifold profile's settings")) {
            try await self.services([:]).liveGateways(for: [.manifold], live: true)
        }
        do {
            _ = try await services.liveGateways(for: [.polymarket], live: true)
            Issue.record("Polymarket has no key")
        } catch {
            guard case .missingCredentials(.polymarket, let configure) = error else { Issue.record("\(error)"); return }
            #expect(configure.contains("EDGEWISE_POLYMARKET_PRIVATE_KEY"))
        }
    }
}

private func + (lhs: [String: String], rhs: [String: String]) -> [String: String] {
    lhs.merging(rhs) { _, new in new }
}
