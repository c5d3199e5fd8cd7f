import EdgewiseAnalysis
import EdgewiseCore
import EdgewiseDecision
import Testing

/// The strategy API through its host: hooks in a fixed order, timers, fills to their owner only,
/// and the same inputs giving the same actions.
@Suite("Strategy host")
struct StrategyHostTests {
    static let yes = InstrumentID(venue: .polymarket, token: "yes-token")
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(seconds: 1_800_000_000 + seconds) }

    static func snapshot(ask: String, size: Int64 = 100) -> StrategyInput {
        .marketData(ReceivedEvent(
            receivedAt: at(0),
            event: .bookSnapshot(BookSnapshot(instrument: yes, bids: [level("0.01", 10)], asks: [level(ask, size)]))))
    }

    static func delta(ask: String, size: Int64) -> StrategyInput {
        .marketData(ReceivedEvent(
            receivedAt: at(0),
            event: .bookDelta(BookDelta(instrument: yes, changes: [BookChange(side: .ask, price: Price(ask)!, update: .set(Size(integerLiteral: size)))]))))
    }

    /// Buys 10 whenever the best ask is at or under its threshold, checks every 60 s, and logs
    /// what it saw, so a test can compare what it read with what had been given.
    struct DipBuyer: Strategy {
        let id: StrategyID
        var threshold = Price("0.30")!
        var seen: [String] = []

        mutating func onStart(context: inout StrategyContext) {
            context.setTimer("check", after: 60)
        }

        mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext) {
            guard let ask = context.book(StrategyHostTests.yes)?.bestAsk else { return }
            context.note("\(id) saw ask \(ask.price) at \(context.now.nanoseconds)")
            if ask.price <= threshold, context.openOrders.isEmpty {
                context.submit(OrderIntent(
                    instrument: StrategyHostTests.yes, marketID: "m1", side: .buy, limitPrice: ask.price, size: 10,
                    purpose: .directional, strategy: id.rawValue))
            }
        }

        mutating func onTimer(_ timer: TimerID, context: inout StrategyContext) {
            context.note("\(id) timer \(timer) at \(context.now.nanoseconds)")
            context.setTimer("check", after: 60)
        }

        mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext) {
            let held = context.portfolio.position(fill.instrument)?.size ?? .zero
            context.note("\(id) filled \(fill.size), holding \(held)")
        }

        mutating func onOrderEnded(_ order: Order, context: inout StrategyContext) {
            context.note("\(id) order ended \(order.status)")
        }
    }

    /// Implements nothing: every hook's default must do nothing.
    struct Idle: Strategy { let id: StrategyID = "idle" }

    static func notes(_ actions: [HostedAction]) -> [String] {
        actions.compactMap { if case .note(let text) = $0.action { text } else { nil } }
    }

    static let script: [(Int64, StrategyInput)] = [
        (1, snapshot(ask: "0.40")),
        (30, delta(ask: "0.28", size: 50)),
        (130, delta(ask: "0.25", size: 40)),
    ]

    func run(_ strategies: [any Strategy]) -> [HostedAction] {
        var host = StrategyHost(strategies: strategies, portfolio: Portfolio(cash: 1_000))
        var actions: [HostedAction] = []
        for (time, input) in Self.script { actions += host.handle(input, at: Self.at(time)) }
        actions += host.advance(to: Self.at(200))
        return actions
    }

    @Test("hooks see the state as of their input, strategies run in order, timers fire in time order between inputs")
    func orderAndTimers() {
        let actions = run([DipBuyer(id: "a"), Idle(), DipBuyer(id: "b", threshold: Price("0.26")!)])
        let start = Self.at(0).nanoseconds
        func t(_ s: Int64) -> Int64 { start + s * 1_000_000_000 }
        #expect(Self.notes(actions) == [
            "a saw ask 0.4 at \(t(1))", "b saw ask 0.4 at \(t(1))",
            "a saw ask 0.28 at \(t(30))", "b saw ask 0.28 at \(t(30))",
            // Both timers were set at t=1 for t=61, then re-armed for 121 and 181.
            "a timer check at \(t(61))", "b timer check at \(t(61))",
            "a timer check at \(t(121))", "b timer check at \(t(121))",
            "a saw ask 0.25 at \(t(130))", "b saw ask 0.25 at \(t(130))",
            "a timer check at \(t(181))", "b timer check at \(t(181))",
        ])
        let submits = actions.filter { if case .submit = $0.action { true } else { false } }
        // a buys at 0.28 and again at 0.25 (its first order was never placed, so it has none
        // open); b only at 0.25.
        #expect(submits.map(\.strategy) == ["a", "a", "b"])
        #expect(submits.map(\.at) == [Self.at(30), Self.at(130), Self.at(130)])
    }

    @Test("the same inputs give the same actions")
    func deterministic() {
        let first = run([DipBuyer(id: "a"), DipBuyer(id: "b", threshold: Price("0.26")!)])
        let second = run([DipBuyer(id: "a"), DipBuyer(id: "b", threshold: Price("0.26")!)])
        #expect(first == second)
        #expect(!first.isEmpty)
    }

    @Test("a fill is booked before the owner hears of it; other strategies do not; an ended order reaches its owner")
    func fillsGoToTheirOwner() {
        var host = StrategyHost(strategies: [DipBuyer(id: "a"), DipBuyer(id: "b")], portfolio: Portfolio(cash: 1_000))
        _ = host.handle(Self.snapshot(ask: "0.40"), at: Self.at(1))
        var order = Order(id: "o1", instrument: Self.yes, side: .buy, limitPrice: Price("0.40")!, size: 10, createdAt: Self.at(2))
        host.placed(order, by: "b")
        let fill = Fill(id: "f1", clientOrderID: "o1", instrument: Self.yes, side: .buy, price: Price("0.40")!, size: 4, time: Self.at(3))
        try? order.apply(.submitted(at: Self.at(2)))
        try? order.apply(.filled(fill))
        let actions = host.handle(.fill(fill, order: order), at: Self.at(3))
        #expect(Self.notes(actions) == ["b filled 4, holding 4"])
        #expect(host.state.portfolio.cash == Amount(units: 1_000_000_000 - 1_600_000))
        // The same fill again changes nothing and is not reported twice.
        #expect(Self.notes(host.handle(.fill(fill, order: order), at: Self.at(4))).isEmpty)

        try? order.apply(.cancelled(at: Self.at(5)))
        #expect(Self.notes(host.handle(.orderUpdate(order), at: Self.at(5))) == ["b order ended cancelled"])
        #expect(host.state.openOrders.isEmpty)
    }

    @Test("a resolution pays the portfolio before strategies hear of it")
    func resolutionPays() {
        var host = StrategyHost(strategies: [Idle()], portfolio: Portfolio(cash: 100))
        _ = host.handle(.fill(Fill(id: "f", instrument: Self.yes, side: .buy, price: Price("0.40")!, size: 10, time: Self.at(1)), order: Order(
            instrument: Self.yes, side: .buy, limitPrice: Price("0.40")!, size: 10, createdAt: Self.at(1))), at: Self.at(1))
        #expect(host.state.portfolio.cash == 96)
        _ = host.handle(.resolution(.polymarket, Resolution(
            marketID: "m1", winningToken: "yes-token", winningOutcome: "Yes", resolvedAt: Self.at(9), payouts: ["yes-token": 1])), at: Self.at(9))
        #expect(host.state.portfolio.cash == 106)
        #expect(host.state.portfolio.positions.isEmpty)
    }

    @Test("a timer re-armed for 'now' fires once per millisecond at most, not forever")
    func rearmingNowTerminates() {
        struct Eager: Strategy {
            let id: StrategyID = "eager"
            mutating func onStart(context: inout StrategyContext) { context.setTimer("t", at: context.now) }
            mutating func onTimer(_ timer: TimerID, context: inout StrategyContext) { context.setTimer("t", at: context.now) }
        }
        var host = StrategyHost(strategies: [Eager()], portfolio: Portfolio(cash: 0))
        _ = host.start(at: Self.at(0))
        let fired = host.advance(to: Timestamp(nanoseconds: Self.at(0).nanoseconds + 10_000_000))
        #expect(fired.filter { if case .setTimer = $0.action { true } else { false } }.count == 10)
    }
}
