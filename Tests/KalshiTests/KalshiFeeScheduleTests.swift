import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi fees: rate × C × P × (1 − P), rounded up to the cent per order")
struct KalshiFeeScheduleTests {
    static let general = KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: KalshiFeeSchedule.generalMakerRate)

    @Test("taker fee table (rate 0.07)", arguments: [
        // count, price, exact value, charged
        ("1", "0.50", "0.0175 → 0.02", "0.02"),
        ("100", "0.50", "1.75 exactly", "1.75"),
        ("10", "0.31", "0.14973 → 0.15", "0.15"),
        ("1", "0.01", "0.000693 → 0.01", "0.01"),
        ("1000", "0.01", "0.693 → 0.70", "0.70"),
        ("3", "0.095", "0.01804725 → 0.02", "0.02"),
        ("200", "0.99", "0.1386 → 0.14", "0.14"),
        ("57", "0.43", "0.9780... → 0.98", "0.98"),
    ])
    func taker(count: String, price: String, note: String, charged: String) {
        #expect(Self.general.takerFee(count: .s(count), price: .p(price)) == .a(charged), "\(note)")
    }

    @Test("maker fee table (rate 0.0175)", arguments: [
        ("100", "0.50", "0.4375 → 0.44", "0.44"),
        ("1", "0.50", "0.004375 → 0.01", "0.01"),
        ("400", "0.50", "1.75 exactly", "1.75"),
    ])
    func maker(count: String, price: String, note: String, charged: String) {
        #expect(Self.general.makerFee(count: .s(count), price: .p(price)) == .a(charged), "\(note)")
    }

    @Test func multiplierScalesAndRoundingStaysPerOrder() {
        let half = KalshiFeeSchedule(takerRate: KalshiFeeSchedule.generalTakerRate, makerRate: nil, multiplier: .a("0.5"))
        #expect(half.takerFee(count: 100, price: .p("0.5")) == .a("0.88"))  // 0.875 → 0.88
        #expect(half.makerFee(count: 100, price: .p("0.5")) == .zero)
        // Per order, not per contract: 100 × ceil(0.0175) would be 2.00.
        #expect(Self.general.takerFee(count: 100, price: .p("0.5")) != .a("2"))
        #expect(Self.general.takerFee(count: .zero, price: .p("0.5")) == .zero)
        #expect(Self.general.fee(count: 10, price: .p("0.31"), isTaker: false) == .a("0.04"))  // 0.0374325 → 0.04
    }

    @Test func seriesFeeTypes() throws {
        func series(_ feeType: String, _ multiplier: String = "1") throws -> KalshiSeries {
            let json = #"{"ticker":"S","title":"t","fee_type":"\#(feeType)","fee_multiplier":\#(multiplier)}"#
            return try JSONDecoder().decode(KalshiSeries.self, from: Data(json.utf8))
        }
        let quadratic = try KalshiFeeSchedule(series: try series("quadratic"))
        #expect(quadratic.makerRate == nil && quadratic.makerFee(count: 100, price: .p("0.5")) == .zero)
        let withMakers = try KalshiFeeSchedule(series: try series("quadratic_with_maker_fees", "0.5"))
        #expect(withMakers.makerRate == KalshiFeeSchedule.generalMakerRate && withMakers.multiplier == .a("0.5"))
        #expect(throws: KalshiFeeScheduleError.unsupportedFeeType(series: "S", feeType: "flat")) { try KalshiFeeSchedule(series: try series("flat")) }
        #expect(throws: KalshiFeeScheduleError.unsupportedFeeType(series: "S", feeType: "tiered")) { try KalshiFeeSchedule(series: try series("tiered")) }
        #expect(throws: KalshiFeeScheduleError.invalidMultiplier(series: "S", text: "-1")) { try KalshiFeeSchedule(series: try series("quadratic", "-1")) }
    }
}
