import Foundation
import Testing

@testable import EdgewiseCore

@Suite("Orders, fills and the portfolio")
struct OrderAndPortfolioTests {
    let instrument = InstrumentID(venue: .polymarket, token: "yes-token")
    func p(_ text: String) -> Price { try! Price(parsing: text) }
    func s(_ text: String) -> Size { try! Size(parsing: text) }
    func a(_ text: String) -> Amount { try! Amount(parsing: text) }

    func fill(_ id: String, _ side: OrderSide, _ price: String, _ size: String, fee: String = "0", order: ClientOrderID? = nil) -> Fill {
        Fill(id: FillID(id), clientOrderID: order, instrument: instrument, side: side, price: p(price), size: s(size), fee: a(fee), time: Timestamp(seconds: 1))
    }

    @Test("an order moves through journal, submit, ack, partial and full fill")
    func lifecycle() throws {
        var order = Order(id: "c1", instrument: instrument, side: .buy, limitPrice: p("0.55"), size: s("10"), createdAt: Timestamp(seconds: 0))
        #expect(order.status == .pendingSubmit)
        try order.apply(.submitted(at: Timestamp(seconds: 1)))
        try order.apply(.accepted("0xabc", at: Timestamp(seconds: 2)))
        #expect(order.status == .open)
        try order.apply(.filled(fill("f1", .buy, "0.55", "4", order: "c1")))
        #expect(order.status == .partiallyFilled)
        #expect(order.remainingSize == s("6"))
        try order.apply(.filled(fill("f2", .buy, "0.54", "6")))
        #expect(order.status == .filled)
        #expect(order.filledNotional == a("5.44"))
        #expect(order.averageFillPrice == p("0.544"))
        #expect(order.status.isTerminal)
    }

    @Test("the state machine refuses what cannot happen and never double-counts a fill")
    func refusals() throws {
        var order = Order(id: "c2", instrument: instrument, side: .sell, limitPrice: p("0.4"), size: s("5"), createdAt: Timestamp(seconds: 0))
        #expect(throws: OrderTransitionError.invalid(order: "c2", from: .expired, event: "cancelled")) {
            try order.apply(.expired(at: Timestamp(seconds: 1)))
            try order.apply(.cancelled(at: Timestamp(seconds: 1)))
        }
        var live = Order(id: "c3", instrument: instrument, side: .sell, limitPrice: p("0.4"), size: s("5"), createdAt: Timestamp(seconds: 0))
        try live.apply(.submitted(at: Timestamp(seconds: 1)))
        try live.apply(.filled(fill("f1", .sell, "0.4", "2")))
        #expect(throws: OrderTransitionError.duplicateFill(order: "c3", fill: "f1")) { try live.apply(.filled(fill("f1", .sell, "0.4", "2"))) }
        #expect(throws: OrderTransitionError.overfill(order: "c3", size: s("5"), filled: s("6"))) { try live.apply(.filled(fill("f9", .sell, "0.4", "4"))) }
        #expect(live.filledSize == s("2"))
        #expect(throws: OrderTransitionError.wrongOrder(order: "c3", fill: "fx")) { try live.apply(.filled(fill("fx", .sell, "0.4", "1", order: "other"))) }
        // A fill racing a cancel still counts; the order stays cancel-pending until the venue confirms.
        try live.apply(.cancelRequested(at: Timestamp(seconds: 2)))
        try live.apply(.filled(fill("f3", .sell, "0.4", "1")))
        #expect(live.status == .pendingCancel)
        try live.apply(.cancelled(at: Timestamp(seconds: 3)))
        #expect(live.status == .cancelled)
        #expect(throws: OrderTransitionError.invalid(order: "c3", from: .cancelled, event: "cancelRequested")) { try live.apply(.cancelRequested(at: Timestamp(seconds: 4))) }
        var rejected = Order(id: "c4", instrument: instrument, side: .buy, limitPrice: p("0.4"), size: s("5"), createdAt: Timestamp(seconds: 0))
        try rejected.apply(.submitted(at: Timestamp(seconds: 1)))
        try rejected.apply(.rejected(reason: "not enough balance", at: Timestamp(seconds: 2)))
        #expect(rejected.rejectReason == "not enough balance")
        #expect(throws: OrderTransitionError.self) { try rejected.apply(.filled(fill("f5", .buy, "0.4", "1"))) }
    }

    @Test("a fill that raced the venue's expiry still counts; a fill on the other side never does")
    func expiryRaceAndSide() throws {
        var order = Order(id: "c9", instrument: instrument, side: .buy, limitPrice: p("0.5"), size: s("10"),
                          timeInForce: .goodTillDate(Timestamp(seconds: 100)), createdAt: Timestamp(seconds: 1))
        try order.apply(.submitted(at: Timestamp(seconds: 2)))
        try order.apply(.accepted("v1", at: Timestamp(seconds: 3)))
        #expect(throws: OrderTransitionError.wrongOrder(order: "c9", fill: "f0")) { try order.apply(.filled(fill("f0", .sell, "0.5", "1"))) }
        try order.apply(.expired(at: Timestamp(seconds: 100)))
        try order.apply(.filled(fill("f1", .buy, "0.5", "4")))
        #expect(order.status == .expired)
        #expect(order.filledSize == s("4"))
        try order.apply(.filled(fill("f2", .buy, "0.5", "6")))
        #expect(order.status == .filled)
    }

    @Test("the same fill id on two venues is two fills")
    func fillIDsPerVenue() throws {
        var portfolio = Portfolio(cash: a("10"))
        try portfolio.apply(fill("same", .buy, "0.5", "1"))
        let other = Fill(id: "same", instrument: InstrumentID(venue: .kalshi, token: "K"), side: .buy, price: p("0.5"), size: s("1"), time: Timestamp(seconds: 1))
        try portfolio.apply(other)
        #expect(portfolio.positions.count == 2)
    }

    @Test("realized and unrealized P&L are exact and net of fees")
    func pnl() throws {
        var portfolio = Portfolio(cash: a("100"))
        try portfolio.apply(fill("f1", .buy, "0.40", "10", fee: "0.1"))
        try portfolio.apply(fill("f2", .buy, "0.50", "10"))
        #expect(portfolio.cash == a("90.9"))
        let position = try #require(portfolio.position(instrument))
        #expect(position.costBasis == a("9.1"))
        #expect(position.averageCost == p("0.455"))
        #expect(portfolio.unrealizedPnL(marks: [instrument: p("0.6")]) == a("2.9"))
        #expect(portfolio.equity(marks: [instrument: p("0.6")]) == a("102.9"))
        try portfolio.apply(fill("f3", .sell, "0.70", "5", fee: "0.05"))
        // released cost 9.1 × 5/20 = 2.275; proceeds 3.5 − 0.05 = 3.45 → +1.175
        #expect(portfolio.realizedPnL == a("1.175"))
        #expect(throws: PortfolioError.duplicateFill("f3")) { try portfolio.apply(fill("f3", .sell, "0.70", "5")) }
        #expect(throws: PortfolioError.oversold(instrument: instrument, held: s("15"), sold: s("16"))) { try portfolio.apply(fill("f4", .sell, "0.70", "16")) }
        portfolio.settle(instrument, payout: .one)
        #expect(portfolio.positions.isEmpty)
        // 15 shares pay 15; cost left 6.825 → realized 1.175 + 8.175
        #expect(portfolio.realizedPnL == a("9.35"))
        #expect(portfolio.cash == a("109.35"))
    }

    @Test("the decision record reports its furthest stage and round-trips as JSON")
    func decision() throws {
        var record = DecisionRecord(createdAt: Timestamp(seconds: 5), source: "manual", venue: .polymarket, marketID: "0xm")
        #expect(record.stage == .evidence)
        record.probability = ProbabilityEstimate(model: "m", raw: 0.6)
        #expect(record.stage == .estimated)
        record.edge = Edge(side: .buy, quotedPrice: p("0.5"), executablePrice: p("0.51"), feesPerShare: p("0.005"), netEdgePerShare: a("0.085"))
        record.sizing = SizingDecision(method: "tiers", size: s("10"), limitPrice: p("0.52"))
        record.orders = ["c1"]
        #expect(record.stage == .ordered)
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(DecisionRecord.self, from: data) == record)
        #expect(DecisionStage.ordered > DecisionStage.sized)
    }

    @Test("identifiers are distinct types that encode as plain strings")
    func identifiers() throws {
        let token: TokenID = "123"
        let data = try JSONEncoder().encode(["t": token])
        #expect(String(decoding: data, as: UTF8.self) == #"{"t":"123"}"#)
        #expect(ClientOrderID.generate() != ClientOrderID.generate())
        #expect(InstrumentID(venue: .kalshi, token: "X").description == "kalshi:X")
        #expect(MarketStatus(label: "unknown(weird)") == .unknown("weird"))
        #expect(MarketStatus(label: "resolved") == .resolved)
    }
}
