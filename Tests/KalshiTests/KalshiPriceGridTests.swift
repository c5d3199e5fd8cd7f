import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseKalshi

@Suite("Kalshi price grids and order checks")
struct KalshiPriceGridTests {
    @Test("the three named grids accept exactly their prices", arguments: [
        ("linear", "0.01", true), ("linear", "0.99", true), ("linear", "0.315", false), ("linear", "0.05", true),
        ("tapered", "0.095", true), ("tapered", "0.905", true), ("tapered", "0.10", true), ("tapered", "0.90", true),
        ("tapered", "0.315", false), ("tapered", "0.31", true), ("tapered", "0.001", true), ("tapered", "0.999", true),
        ("deci", "0.315", true), ("deci", "0.0005", false), ("deci", "0", false), ("deci", "1", false),
    ])
    func accepts(grid: String, price: String, valid: Bool) {
        let grids: [String: KalshiPriceGrid] = ["linear": .linearCent, "tapered": .taperedDeciCent, "deci": .deciCent]
        #expect(grids[grid]!.accepts(.p(price)) == valid)
    }

    @Test func neighbours() {
        #expect(KalshiPriceGrid.linearCent.neighbours(of: .p("0.315")) == (.p("0.31"), .p("0.32")))
        #expect(KalshiPriceGrid.taperedDeciCent.neighbours(of: .p("0.095")) == (.p("0.094"), .p("0.096")))
        #expect(KalshiPriceGrid.taperedDeciCent.neighbours(of: .p("0.105")) == (.p("0.1"), .p("0.11")))
        #expect(KalshiPriceGrid.taperedDeciCent.neighbours(of: .p("0.8955")) == (.p("0.89"), .p("0.9")))
        #expect(KalshiPriceGrid.linearCent.neighbours(of: .p("0.005")) == (nil, .p("0.01")))
        #expect(KalshiPriceGrid.linearCent.neighbours(of: .one) == (.p("0.99"), nil))
    }

    @Test("explicit price ranges win over the structure name")
    func explicitRanges() throws {
        let json = #"""
            {"ticker":"T","event_ticker":"E","status":"active","price_level_structure":"linear_cent",
             "price_ranges":[{"start":"0.0000","end":"0.5000","step":"0.0500"},{"start":"0.5000","end":"1.0000","step":"0.0010"}]}
            """#
        let market = try JSONDecoder().decode(KalshiMarket.self, from: Data(json.utf8))
        let grid = try KalshiPriceGrid(market: market)
        #expect(grid.accepts(.p("0.05")) && !grid.accepts(.p("0.06")) && grid.accepts(.p("0.501")))
        #expect(grid.neighbours(of: .p("0.07")) == (.p("0.05"), .p("0.1")))
        #expect(grid.coarsestStep == .p("0.05") && grid.finestStep == .p("0.001"))
    }

    @Test func unknownStructureWithoutRangesIsRefused() throws {
        let json = #"{"ticker":"T","event_ticker":"E","status":"active","price_level_structure":"quarter_cent"}"#
        let market = try JSONDecoder().decode(KalshiMarket.self, from: Data(json.utf8))
        #expect(throws: KalshiOrderValidationError.unknownPriceGrid(ticker: "T", structure: "quarter_cent")) {
            try KalshiOrderRules(market: market)
        }
    }

    let rules = KalshiOrderRules(ticker: "T", grid: .taperedDeciCent)

    func intent(count: Size = 5, price: Price = .p("0.31"), action: KalshiOrderAction = .buy) -> KalshiOrderIntent {
        KalshiOrderIntent(ticker: "T", side: .yes, action: action, count: count, price: price)
    }

    @Test func refusalsNameTheNearestValidValues() throws {
        #expect(throws: KalshiOrderValidationError.priceOffGrid(price: .p("0.315"), below: .p("0.31"), above: .p("0.32"))) {
            try intent(price: .p("0.315")).validated(against: rules)
        }
        #expect(throws: KalshiOrderValidationError.priceOutsideUnitInterval(price: .zero, nearest: .p("0.001"))) {
            try intent(price: .zero).validated(against: rules)
        }
        #expect(throws: KalshiOrderValidationError.priceOutsideUnitInterval(price: .one, nearest: .p("0.999"))) {
            try intent(price: .one).validated(against: rules)
        }
        #expect(throws: KalshiOrderValidationError.countNotWhole(count: .s("2.5"), below: 2, above: 3)) {
            try intent(count: .s("2.5")).validated(against: rules)
        }
        #expect(throws: KalshiOrderValidationError.countNotWhole(count: .s("0.5"), below: nil, above: 1)) {
            try intent(count: .s("0.5")).validated(against: rules)
        }
        #expect(throws: KalshiOrderValidationError.countNotPositive(count: .zero)) { try intent(count: .zero).validated(against: rules) }
        var fractional = rules
        fractional.fractionalTradingEnabled = true
        #expect(throws: KalshiOrderValidationError.countTooPrecise(count: .s("2.555"))) {
            try intent(count: .s("2.555")).validated(against: fractional)
        }
        #expect(try intent(count: .s("2.5")).validated(against: fractional).count_fp == "2.50")
        let message = KalshiOrderValidationError.priceOffGrid(price: .p("0.315"), below: .p("0.31"), above: .p("0.32")).description
        #expect(message.contains("0.3100") && message.contains("0.3200"))
    }

    @Test func optionsAreChecked() throws {
        var sell = intent(action: .sell)
        sell.buyMaxCost = .a("5")
        #expect(throws: KalshiOrderValidationError.buyMaxCostOnSell) { try sell.validated(against: rules) }
        var fractionalCents = intent()
        fractionalCents.buyMaxCost = .a("1.234")
        #expect(throws: KalshiOrderValidationError.buyMaxCostNotWholeCents(amount: .a("1.234"))) { try fractionalCents.validated(against: rules) }
        var postIOC = intent()
        postIOC.postOnly = true
        postIOC.timeInForce = .immediateOrCancel
        #expect(throws: KalshiOrderValidationError.postOnlyCannotRest(timeInForce: .immediateOrCancel)) { try postIOC.validated(against: rules) }
        #expect(throws: KalshiOrderValidationError.tickerMismatch(order: "T", rules: "U")) {
            try intent().validated(against: KalshiOrderRules(ticker: "U", grid: .linearCent))
        }
    }

    @Test func bodyIsExactFixedPointText() throws {
        var full = KalshiOrderIntent(
            ticker: "T", side: .no, action: .buy, count: 3, price: .p("0.095"), timeInForce: .fillOrKill,
            expiration: Timestamp(seconds: 1_780_000_000), reduceOnly: true, buyMaxCost: .a("1.50"), selfTradePrevention: .maker,
            clientOrderID: "cid-1")
        let body = try full.validated(against: rules)
        #expect(
            body.bodyText
                == #"{"action":"buy","buy_max_cost":150,"client_order_id":"cid-1","count_fp":"3.00","expiration_ts":1780000000,"no_price_dollars":"0.0950","reduce_only":true,"self_trade_prevention_type":"maker","side":"no","ticker":"T","time_in_force":"fill_or_kill"}"#
        )
        full.clientOrderID = nil
        let generated = try full.validated(against: rules).client_order_id
        #expect(generated.hasPrefix("ew-") && generated.count == 35)
        #expect(try full.validated(against: rules).client_order_id != generated)
        #expect(KalshiWireDecimal.dollars(.p("0.123456")) == "0.123456" && KalshiWireDecimal.count(.s("1000")) == "1000.00")
    }
}

extension KalshiCreateOrderBody {
    var bodyText: String { String(decoding: encoded(), as: UTF8.self) }
}
