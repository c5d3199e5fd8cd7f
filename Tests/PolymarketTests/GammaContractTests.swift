import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import EdgewiseVenueKit
import Foundation
import Testing

@Suite("Gamma contract", .requiresSharedFixtures)
struct GammaContractTests {
    struct Sample: Decodable {
        var market: GammaMarket
        var event: GammaEvent
    }

    func sample() throws -> Sample {
        try JSONDecoder().decode(Sample.self, from: SharedFixtures.venueFixture("gamma-market-sample.json"))
    }

    @Test func marketMapsToDomain() throws {
        let market = try sample().market.toMarket()
        #expect(market.venue == .polymarket)
        #expect(market.id == Fixtures.conditionID)
        #expect(market.venueReference == "512345")
        #expect(market.eventID == EventID("23456"))
        #expect(market.slug == "will-it-rain-in-paris-on-2026-06-01")
        #expect(market.question == "Will it rain in Paris on 2026-06-01?")
        #expect(market.rules == "This market resolves to Yes if ...")
        #expect(market.settlementSource == "https://www.meteofrance.com/")
        #expect(market.outcomes.map(\.name) == ["Yes", "No"])
        #expect(market.outcomes.map(\.token) == [Fixtures.yesToken, Fixtures.noToken])
        #expect(market.outcomes.map(\.indicativePrice) == [Price(units: 535_000), Price(units: 465_000)])
        #expect(market.outcomes.allSatisfy { $0.payout == nil })
        #expect(market.status == .open)
        #expect(market.openTime == Timestamp(seconds: 1_777_636_800))
        #expect(market.closeTime == Timestamp(seconds: 1_780_358_340))
        #expect(market.endTime == Timestamp(seconds: 1_780_358_340))
        #expect(market.tickSize == Price(units: 1_000))
        #expect(market.minimumOrderSize == Size(units: 5_000_000))
        #expect(market.isNegRisk == false)
        #expect(market.acceptingOrders)
    }

    @Test func numbersAreExactNotDouble() throws {
        let raw = try sample().market
        #expect(raw.orderPriceMinTickSize?.text == "0.001")
        #expect(raw.liquidityNum?.text == "15432.1187")
        #expect(raw.bestBid?.text == "0.53")
        #expect(try raw.lastTradePrice?.value(Price.self) == Price(units: 535_000))
    }

    @Test func eventMapsWithExclusivityFlags() throws {
        let event = try sample().event.toEvent()
        #expect(event.id == EventID("23456"))
        #expect(event.slug == "paris-rain-june")
        #expect(event.title == "Paris rain in June?")
        #expect(event.tags == ["Weather"])
        #expect(event.settlementSource == "https://www.meteofrance.com/")
        #expect(event.endTime == Timestamp(seconds: 1_782_863_940))
        #expect(event.status == .open)
        #expect(event.isNegRisk)
        #expect(event.isMutuallyExclusive)
        #expect(event.isExhaustive)
        #expect(!event.isNegRiskAugmented)
        #expect(event.isCompletePartition)
        #expect(event.markets.count == 1)
        #expect(event.markets[0].eventID == EventID("23456"))
        #expect(event.markets[0].outcomes.map(\.token) == [Fixtures.yesToken, Fixtures.noToken])
    }

    func event(patching patch: [String: Any]) throws -> GammaEvent {
        var object = try Fixtures.json("gamma-market-sample.json")["event"] as! [String: Any]
        for (key, value) in patch { object[key] = value }
        return try JSONDecoder().decode(GammaEvent.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func market(patching patch: [String: Any]) throws -> GammaMarket {
        var object = try Fixtures.json("gamma-market-sample.json")["market"] as! [String: Any]
        for (key, value) in patch { object[key] = value }
        return try JSONDecoder().decode(GammaMarket.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test func augmentedNegRiskIsNotExhaustive() throws {
        let event = try self.event(patching: ["negRiskAugmented": true]).toEvent()
        #expect(event.isNegRiskAugmented)
        #expect(event.isMutuallyExclusive)
        #expect(!event.isExhaustive)
        #expect(!event.isCompletePartition)
    }

    @Test func enableNegRiskIsAcceptedAndNonNegRiskIsNotExclusive() throws {
        let enabled = try event(patching: ["negRisk": NSNull(), "enableNegRisk": "true"]).toEvent()
        #expect(enabled.isNegRisk && enabled.isMutuallyExclusive)
        let plain = try event(patching: ["negRisk": false]).toEvent()
        #expect(!plain.isMutuallyExclusive && !plain.isExhaustive)
    }

    @Test func statusFollowsFlags() throws {
        let resolved = try market(patching: ["closed": true, "outcomePrices": "[\"1\", \"0\"]"]).toMarket()
        #expect(resolved.status == .resolved)
        #expect(resolved.outcomes.map(\.payout) == [Price.one, Price.zero])
        let resolving = try market(patching: ["closed": true, "umaResolutionStatuses": "[\"proposed\"]"]).toMarket()
        #expect(resolving.status == .resolving)
        #expect(try market(patching: ["closed": true]).toMarket().status == .closed)
        #expect(try market(patching: ["acceptingOrders": false]).toMarket().status == .paused)
        #expect(try market(patching: ["umaResolutionStatus": "resolved", "closed": true]).toMarket().status == .resolved)
    }

    @Test func numbersOrStringsAreBothAccepted() throws {
        let market = try self.market(patching: ["id": 512345, "orderPriceMinTickSize": "0.01", "orderMinSize": "15", "negRisk": "true"]).toMarket()
        #expect(market.venueReference == "512345")
        #expect(market.tickSize == Price.p("0.01"))
        #expect(market.minimumOrderSize == Size.s("15"))
        #expect(market.isNegRisk)
    }

    @Test func mismatchedOutcomesAndTokensAreRejected() throws {
        let broken = try market(patching: ["outcomes": "[\"Yes\"]"])
        #expect(throws: PolymarketMappingError.self) { try broken.toMarket() }
        do {
            _ = try broken.toMarket()
        } catch {
            #expect(error.field == "outcomes")
        }
        let noTokens = try market(patching: ["clobTokenIds": NSNull()])
        #expect(throws: PolymarketMappingError.self) { try noTokens.toMarket() }
    }
}
