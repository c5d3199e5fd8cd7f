import EdgewiseCore
import EdgewisePolymarket
import EdgewiseTestSupport
import Foundation
import Testing

@Suite("Polymarket fee schedule")
struct TradingFeeScheduleTests {
    /// clob-client-v2 tests/client/feeCalculations.test.ts: r = 0.25, e = 2, 100 shares at 0.5.
    @Test func officialExample() throws {
        let schedule = try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)
        #expect(try schedule.fee(shares: 100, price: .p("0.5")) == Amount.usdc("1.5625"))
    }

    @Test func makersPayNothingOnTakerOnlyMarkets() throws {
        let takerOnly = try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)
        #expect(try takerOnly.fee(shares: 100, price: .p("0.5"), liquidity: .maker) == .zero)
        let everyone = try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: false)
        #expect(try everyone.fee(shares: 100, price: .p("0.5"), liquidity: .maker) == Amount.usdc("1.5625"))
    }

    @Test func feeIsExactAwayFromTheMiddle() throws {
        // 0.33 × 0.67 = 0.2211; squared 0.04888521; × 0.25 = 0.0122213025 per share.
        let schedule = try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)
        #expect(try schedule.fee(shares: 1, price: .p("0.33")) == Amount.usdc("0.012221"))
        #expect(try schedule.fee(shares: 1, price: .p("0.33"), rounding: .up) == Amount.usdc("0.012222"))
        #expect(try schedule.fee(shares: 1_000_000, price: .p("0.33")) == Amount.usdc("12221.3025"))
        // 100 × 0.25 × 0.0099² = 0.00245025, half-up to six places.
        #expect(try schedule.fee(shares: 100, price: .p("0.99")) == Amount.usdc("0.00245"))
        #expect(try schedule.fee(shares: 100, price: .p("1")) == .zero)
    }

    @Test func roundingRules() throws {
        // 0.00002 shares × 0.1 × 0.25 = 0.0000005: exactly half a base unit.
        let schedule = try PolymarketFeeSchedule(rate: "0.1", exponent: 1, takerOnly: true)
        #expect(try schedule.fee(shares: .s("0.00002"), price: .p("0.5")) == Amount(units: 1))
        #expect(try schedule.fee(shares: .s("0.00002"), price: .p("0.5"), rounding: .down) == .zero)
        #expect(try schedule.fee(shares: .s("0.00002"), price: .p("0.5"), rounding: .up) == Amount(units: 1))
        #expect(try schedule.fee(shares: .s("0.000019"), price: .p("0.5")) == .zero)
    }

    @Test func exponentZeroIsAFlatRate() throws {
        let schedule = try PolymarketFeeSchedule(rate: "0.07", exponent: 0, takerOnly: true)
        #expect(try schedule.fee(shares: 100, price: .p("0.9")) == Amount.usdc("7"))
    }

    @Test func largeExponentsStayExact() throws {
        // 0.25^16 = 2^-32; 2^32 shares × 2^-32 = 1.
        let schedule = try PolymarketFeeSchedule(rate: "1", exponent: 16, takerOnly: true)
        #expect(try schedule.fee(shares: Size(units: 4_294_967_296_000_000), price: .p("0.5")) == Amount.usdc("1"))
    }

    @Test func feeForOrderAmounts() throws {
        let schedule = try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)
        let amounts = try PolymarketOrderAmounts.limit(side: .buy, price: .p("0.5"), size: 100, tickSize: .oneHundredth)
        #expect(try schedule.fee(for: amounts) == Amount.usdc("1.5625"))
        #expect(amounts.requiredBalance(fee: try schedule.fee(for: amounts)) == .collateral(.usdc("51.5625")))
    }

    @Test func priceAboveOneIsRefused() throws {
        #expect(throws: PolymarketOrderRejection.priceAboveOne(.p("1.2"))) {
            try PolymarketFeeSchedule.free.fee(shares: 1, price: .p("1.2"))
        }
    }

    @Test func decodesJSONNumbersExactly() throws {
        let decoded = try JSONDecoder().decode(PolymarketFeeSchedule.self, from: Data(#"{"r":0.25,"e":2,"to":true}"#.utf8))
        #expect(decoded == (try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)))
        #expect(decoded.rate == Decimal(string: "0.25"))
        #expect(decoded.exponent == 2 && decoded.takerOnly)

        // 0.07 and 0.1 have no exact binary form; a Double round trip would show.
        let awkward = try JSONDecoder().decode(PolymarketFeeSchedule.self, from: Data(#"{"r":0.07,"e":1.0}"#.utf8))
        #expect(awkward.rate == Decimal(string: "0.07"))
        #expect(!awkward.takerOnly)
        #expect(try awkward.fee(shares: 100, price: .p("0.5")) == Amount.usdc("1.75"))

        let strings = try JSONDecoder().decode(PolymarketFeeSchedule.self, from: Data(#"{"r":"0.0175","e":"1","to":"true"}"#.utf8))
        #expect(strings == (try PolymarketFeeSchedule(rate: "0.0175", exponent: 1, takerOnly: true)))
    }

    @Test func malformedSchedulesAreRefused() {
        for json in [
            #"{"r":0.25,"e":2.5}"#, #"{"r":-0.25,"e":2}"#, #"{"r":0.25,"e":-1}"#, #"{"r":0.25,"e":17}"#, #"{"r":"x","e":2}"#,
            #"{"r":0.25}"#, #"{"r":0.12345678901234567891,"e":1}"#,
        ] {
            #expect(throws: DecodingError.self, "\(json)") { try JSONDecoder().decode(PolymarketFeeSchedule.self, from: Data(json.utf8)) }
        }
        #expect(throws: PolymarketFeeScheduleError.invalidExponent("17")) {
            try PolymarketFeeSchedule(rate: "0.25", exponent: 17, takerOnly: true)
        }
        #expect(throws: PolymarketFeeScheduleError.invalidRate("-1")) { try PolymarketFeeSchedule(rate: "-1", exponent: 1, takerOnly: true) }
    }

    @Test func equalRatesCompareEqual() throws {
        #expect(try PolymarketFeeSchedule(rate: "0.250", exponent: 2, takerOnly: true) == PolymarketFeeSchedule(rate: ".25", exponent: 2, takerOnly: true))
        #expect(try PolymarketFeeSchedule(rate: "2.5e-1", exponent: 2, takerOnly: true).rate == Decimal(string: "0.25"))
        #expect(try PolymarketFeeSchedule(rate: Decimal(string: "0.0175")!, exponent: 1, takerOnly: true).rate == Decimal(string: "0.0175"))
    }

    @Test(.requiresSharedFixtures) func scheduleFromTheCompactMarketRecord() throws {
        let info = try JSONDecoder().decode(ClobMarketInfo.self, from: Fixtures.restSample("GET /clob-markets/{conditionId} (V2 compact market info)"))
        let schedule = try #require(try info.feeSchedule())
        #expect(schedule == (try PolymarketFeeSchedule(rate: "0.25", exponent: 2, takerOnly: true)))
        #expect(try schedule.fee(shares: 100, price: .p("0.5")) == Amount.usdc("1.5625"))
    }

    @Test func recordWithoutFeesHasNoSchedule() throws {
        let info = try JSONDecoder().decode(ClobMarketInfo.self, from: Data(#"{"c":"0xabc"}"#.utf8))
        #expect(try info.feeSchedule() == nil)
        let broken = try JSONDecoder().decode(ClobMarketInfo.self, from: Data(#"{"c":"0xabc","fd":{"r":0.25,"e":1.5}}"#.utf8))
        #expect(throws: PolymarketMappingError.self) { try broken.feeSchedule() }
    }
}
