import EdgewiseCore
import EdgewiseManifold
import Foundation
import Testing

/// Payload shapes the shared samples do not contain (written here from the API's schema):
/// full multiple-choice markets, CPMM pools split by outcome, unknown enum values, users.
@Suite("Manifold wire types")
struct ManifoldWireTests {
    static let multipleChoice = Data(
        """
        {"id":"m1","question":"Who wins?","outcomeType":"MULTIPLE_CHOICE","mechanism":"cpmm-multi-1",
         "shouldAnswersSumToOne":true,"closeTime":4102444800000,"isResolved":false,"volume":12.5,"token":"MANA",
         "textDescription":"Resolves to the winner.","futureField":{"nested":[1,2]},
         "answers":[
           {"id":"a1","index":0,"text":"Alice","poolYes":50,"poolNo":150,"probability":0.75},
           {"id":"a2","index":1,"text":"Bob","poolYes":150,"poolNo":50,"isOther":false}
         ]}
        """.utf8)

    @Test func fullMultipleChoiceMarket() throws {
        let market = try JSONDecoder().decode(ManifoldMarket.self, from: Self.multipleChoice)
        #expect(market.outcomeType == .multipleChoice)
        #expect(market.mechanism == .cpmmMulti1)
        #expect(market.shouldAnswersSumToOne == true)
        #expect(market.answers?.map(\.text) == ["Alice", "Bob"])
        #expect(market.answers?[0].currentProbability == 0.75)
        // Without a reported probability the pool gives it: poolNo / (poolYes + poolNo).
        #expect(market.answers?[1].currentProbability == 0.25)
        #expect(market.answers?[1].cpmmPool == CPMMPool(yes: 150, no: 50, p: 0.5))
        #expect(throws: ManifoldMappingError.self) { try market.toMarket() }
    }

    @Test func unknownOutcomeTypeAndMechanismAreKept() throws {
        let json = Data(#"{"id":"x","outcomeType":"DATE_RANGE","mechanism":"cpmm-9"}"#.utf8)
        let market = try JSONDecoder().decode(ManifoldMarket.self, from: json)
        #expect(market.outcomeType == .unknown("DATE_RANGE"))
        #expect(market.outcomeType?.rawValue == "DATE_RANGE")
        #expect(market.mechanism == .unknown("cpmm-9"))
        #expect(ManifoldOutcomeType(rawValue: "STONK") == .stonk)
        #expect(ManifoldMechanism(rawValue: "dpm-2") == .dpm2)
        let roundTrip = try JSONDecoder().decode(ManifoldOutcomeType.self, from: JSONEncoder().encode(ManifoldOutcomeType.unknown("NEW")))
        #expect(roundTrip == .unknown("NEW"))
    }

    @Test func binaryMarketWithASplitPool() throws {
        let json = Data(
            #"{"id":"b1","question":"Q?","outcomeType":"BINARY","mechanism":"cpmm-1","pool":{"YES":200,"NO":50},"p":0.5,"probability":0.2,"closeTime":4102444800000,"isResolved":false}"#
                .utf8)
        let market = try JSONDecoder().decode(ManifoldMarket.self, from: json)
        let pool = try #require(market.cpmmPool)
        #expect(pool.probability == 0.2)
        let domain = try market.toMarket(now: Timestamp(milliseconds: 1_700_000_000_000))
        #expect(domain.status == .open)
        #expect(domain.acceptingOrders)
        #expect(domain.outcomes.allSatisfy { $0.payout == nil })
        #expect(market.status(now: Timestamp(milliseconds: 4102444800000)) == .closed)
    }

    @Test func resolutionsMapToPayouts() throws {
        func market(_ resolution: String, _ probability: Double? = nil) throws -> Market {
            var market = ManifoldMarket(id: "r", question: "Q?", outcomeType: .binary, mechanism: .cpmm1)
            market.isResolved = true
            market.resolution = resolution
            market.resolutionProbability = probability
            return try market.toMarket()
        }
        #expect(try market("NO").outcomes.map(\.payout) == [.zero, .one])
        #expect(try market("MKT", 0.37).outcomes.map(\.payout) == [Price(units: 370_000), Price(units: 630_000)])
        #expect(try market("CANCEL").status == .voided)
        #expect(throws: ManifoldMappingError.self) { try market("MKT") }
    }

    @Test func user() throws {
        let json = Data(
            #"{"id":"u1","createdTime":1650000000000,"name":"Ada","username":"ada","url":"https://manifold.markets/ada","balance":1234.5,"totalDeposits":1000,"isBot":true,"profitCached":{"allTime":3}}"#
                .utf8)
        let user = try JSONDecoder().decode(ManifoldUser.self, from: json)
        #expect(user.id == "u1")
        #expect(user.username == "ada")
        #expect(user.balance == 1234.5)
        #expect(user.isBot == true)
        #expect(try ManifoldMoney.amount(try #require(user.balance), .down) == Amount(parsing: "1234.5"))
    }
}
