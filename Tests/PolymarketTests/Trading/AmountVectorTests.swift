import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

/// One case of `polymarket-amount-vectors.json`.
struct AmountVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Expected: Decodable, Sendable {
        var makerAmount: String
        var takerAmount: String
    }

    var index = 0
    var kind: String
    var side: String
    var price: String
    var tickSize: String
    var size: String?
    var amount: String?
    var makerAmount: String
    var takerAmount: String
    var expectedByOfficialTest: Expected?
    var libMatchesTest: Bool?
    var source: String

    private enum CodingKeys: String, CodingKey {
        case kind, side, price, tickSize, size, amount, makerAmount, takerAmount, expectedByOfficialTest, libMatchesTest, source
    }

    /// The official TypeScript expectation wins where the Python library disagrees with it.
    var expected: Expected { expectedByOfficialTest ?? Expected(makerAmount: makerAmount, takerAmount: takerAmount) }

    var testDescription: String {
        "case \(index): \(kind) \(side) \(size.map { "size \($0)" } ?? "amount \(amount ?? "?")") @ \(price) tick \(tickSize)"
    }

    static func load() throws -> [AmountVector] {
        struct File: Decodable { var cases: [AmountVector] }
        var cases = try JSONDecoder().decode(File.self, from: SharedFixtures.venueFixture("polymarket-amount-vectors.json")).cases
        for index in cases.indices { cases[index].index = index }
        return cases
    }

    /// Empty when the fixtures are absent; ``TradingAmountVectorTests/fixtureIsComplete`` then
    /// fails under CI, so an empty list can never pass for a green run.
    static let all: [AmountVector] = (try? load()) ?? []
}

@Suite("Polymarket order amounts: official vectors", .requiresSharedFixtures)
struct TradingAmountVectorTests {
    @Test func fixtureIsComplete() throws {
        let cases = try AmountVector.load()
        #expect(cases.count == 93)
        #expect(cases.contains { $0.libMatchesTest == false }, "the fixture should keep the case where the Python library is wrong")
    }

    @Test(arguments: AmountVector.all)
    func reproducesVector(_ vector: AmountVector) throws {
        let tick = try PolymarketTickSize(parsing: vector.tickSize)
        let price = try Price(parsing: vector.price)
        let side: OrderSide = vector.side == "BUY" ? .buy : .sell
        let amounts: PolymarketOrderAmounts
        switch vector.kind {
        case "limit":
            amounts = try PolymarketOrderAmounts.limit(side: side, price: price, size: Size(parsing: try #require(vector.size)), tickSize: tick)
        case "market":
            let text = try #require(vector.amount)
            let quantity: PolymarketMarketOrderQuantity =
                side == .buy ? .buy(spending: try Amount(parsing: text)) : .sell(shares: try Size(parsing: text))
            amounts = try PolymarketOrderAmounts.market(quantity, price: price, tickSize: tick)
        default:
            Issue.record("\(vector.testDescription): unknown kind '\(vector.kind)'")
            return
        }
        #expect(amounts.side == side)
        #expect(String(amounts.makerAmount) == vector.expected.makerAmount, "\(vector.testDescription) — \(vector.source)")
        #expect(String(amounts.takerAmount) == vector.expected.takerAmount, "\(vector.testDescription) — \(vector.source)")
    }
}
