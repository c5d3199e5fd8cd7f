import EdgewiseCore
import EdgewisePolymarket
import Foundation
import Testing

@Suite("Polymarket tick sizes")
struct TradingTickSizeTests {
    @Test(arguments: [
        ("0.1", 1, 3), ("0.01", 2, 4), ("0.005", 3, 5), ("0.001", 3, 5), ("0.0025", 4, 6), ("0.0001", 4, 6),
    ])
    func roundingConfiguration(text: String, priceDecimals: Int, amountDecimals: Int) throws {
        let tick = try PolymarketTickSize(parsing: text)
        #expect(tick.rawValue == text)
        #expect(tick.price == Price.p(text))
        #expect(tick.priceDecimals == priceDecimals)
        #expect(tick.sizeDecimals == 2)
        #expect(tick.amountDecimals == amountDecimals)
        #expect(try PolymarketTickSize(Price.p(text)) == tick)
    }

    @Test func parsesByValueNotSpelling() throws {
        #expect(try PolymarketTickSize(parsing: "0.010") == .oneHundredth)
        #expect(try PolymarketTickSize(parsing: ".1") == .oneTenth)
    }

    @Test func unknownTicksAreTypedErrors() {
        #expect(throws: PolymarketOrderRejection.unsupportedTickSize("0.02")) { try PolymarketTickSize(parsing: "0.02") }
        #expect(throws: PolymarketOrderRejection.unsupportedTickSize("tick")) { try PolymarketTickSize(parsing: "tick") }
        #expect(throws: PolymarketOrderRejection.unsupportedTickSize("0.05")) { try PolymarketTickSize(Price.p("0.05")) }
        #expect(PolymarketOrderRejection.unsupportedTickSize("0.02").description.contains("0.0025"))
    }

    @Test func decodesStringsAndNumbersExactly() throws {
        let decoded = try JSONDecoder().decode([PolymarketTickSize].self, from: Data(#"["0.01", 0.001, 0.0025, "0.1"]"#.utf8))
        #expect(decoded == [.oneHundredth, .oneThousandth, .twentyFiveTenThousandths, .oneTenth])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PolymarketTickSize].self, from: Data("[0.02]".utf8)) }
        #expect(String(decoding: try JSONEncoder().encode([PolymarketTickSize.fiveThousandths]), as: UTF8.self) == #"["0.005"]"#)
    }

    @Test func ordersByIncrement() {
        let ascending: [PolymarketTickSize] = [
            .oneTenThousandth, .oneThousandth, .twentyFiveTenThousandths, .fiveThousandths, .oneHundredth, .oneTenth,
        ]
        #expect(PolymarketTickSize.allCases.sorted() == ascending)
        #expect(PolymarketTickSize.oneHundredth.validPrices == Price.p("0.01")...Price.p("0.99"))
    }
}
