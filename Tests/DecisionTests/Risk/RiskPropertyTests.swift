import EdgewiseCore
import EdgewiseTestSupport
import PropertyBased
import Testing
@testable import EdgewiseDecision

/// Random portfolios and intents over a small fixed universe whose states of the world are
/// listed by hand, so that the engine's worst-case loss is checked against a brute force that
/// shares none of its code:
/// - Polymarket event P: A, B, C, exactly one wins.
/// - Kalshi event K: K1 and K2, unrelated; K1 is equivalent (same polarity) to A.
/// - Kalshi market S, alone.
/// Groups: {A, B, C, K1, K2} (P and K joined by the pair) and {S}.
@Suite("Risk: properties")
struct RiskPropertyTests {
    static let poly = Risk.event(.polymarket, "P", markets: ["A", "B", "C"], partition: true, category: "Politics")
    static let kalshi = Risk.event(.kalshi, "K", markets: ["K1", "K2"], partition: false, category: "Politics")
    static let catalog = RiskCatalog(
        events: [poly, kalshi], markets: [Risk.binary(.kalshi, "S")],
        pairs: [Risk.pair(poly.markets[0], kalshi.markets[0], .equivalent)])
    static let markets: [(VenueID, String)] = [
        (.polymarket, "A"), (.polymarket, "B"), (.polymarket, "C"), (.kalshi, "K1"), (.kalshi, "K2"), (.kalshi, "S"),
    ]
    static let instruments = markets.flatMap { [Risk.yes($0.0, $0.1), Risk.no($0.0, $0.1)] }
    static let bigGroup = ExposureGroupID("event:kalshi:K")
    static let smallGroup = ExposureGroupID("market:kalshi:S")

    struct World {
        var winner: String  // A, B or C
        var k2: Bool
        var s: Bool

        func pays(_ instrument: InstrumentID) -> Bool {
            let parts = instrument.token.rawValue.split(separator: ":")
            let market = String(parts[0])
            let yes: Bool =
                switch market {
                case "A", "B", "C": winner == market
                case "K1": winner == "A"
                case "K2": k2
                default: s
                }
            return parts[1] == "yes" ? yes : !yes
        }
    }

    static let worlds: [World] = ["A", "B", "C"].flatMap { w in [false, true].flatMap { k in [false, true].map { World(winner: w, k2: k, s: $0) } } }

    static func group(of instrument: InstrumentID) -> ExposureGroupID {
        instrument.token.rawValue.hasPrefix("S:") ? smallGroup : bigGroup
    }

    /// Worst-case loss of a group by enumerating the twelve worlds.
    static func bruteForce(_ holdings: [RiskHolding], group: ExposureGroupID) -> Amount {
        let members = holdings.filter { Self.group(of: $0.instrument) == group }
        let cost = members.reduce(Int64(0)) { $0 + $1.cost.units }
        let worst = worlds.map { world in
            cost - members.filter { world.pays($0.instrument) }.reduce(Int64(0)) { $0 + $1.shares.units }
        }.max()!
        return Amount(units: max(0, worst))
    }

    struct Scenario {
        var state: RiskState
        var intent: OrderIntent
        var limits: RiskLimits
    }

    static func scenario(_ seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        func price() -> Price { Price(units: Int64.random(in: 1...99, using: &rng) * 10_000) }
        func shares() -> Size { Size(integerLiteral: Int64.random(in: 1...3_000, using: &rng)) }
        var positions: [InstrumentID: Position] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let instrument = instruments.randomElement(using: &rng)!
            let size = shares()
            positions[instrument] = Position(instrument: instrument, size: size, costBasis: price().cost(of: size))
        }
        var orders: [Order] = []
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let instrument = instruments.randomElement(using: &rng)!
            let market = String(instrument.token.rawValue.split(separator: ":")[0])
            orders.append(Risk.openOrder(instrument, market: market, side: .buy, price: "0.5", shares: Int64.random(in: 1...1_000, using: &rng)))
        }
        let instrument = instruments.randomElement(using: &rng)!
        let market = String(instrument.token.rawValue.split(separator: ":")[0])
        let held = positions[instrument]?.size ?? .zero
        let sell = held.units > 0 && Bool.random(using: &rng)
        let purposes: [TradePurpose] = [.directional, .exit, .arbitrage(.crossVenue, "opp")]
        let intent = OrderIntent(
            instrument: instrument, marketID: MarketID(market), side: sell ? .sell : .buy, limitPrice: price(),
            size: sell ? Size(units: Int64.random(in: 1...held.units, using: &rng)) : shares(),
            purpose: purposes.randomElement(using: &rng)!, strategy: "property",
            bookReceivedAt: Timestamp(nanoseconds: Risk.now.nanoseconds - Int64.random(in: 0...6_000, using: &rng) * 1_000_000))
        let limits = RiskLimits(
            perEvent: .fraction(basisPoints: Int.random(in: 200...3_000, using: &rng)),
            perOrder: .fraction(basisPoints: Int.random(in: 500...10_000, using: &rng)),
            perVenue: .fraction(basisPoints: Int.random(in: 2_000...10_000, using: &rng)),
            perCategory: .fraction(basisPoints: Int.random(in: 1_000...10_000, using: &rng)),
            riskOff: Int.random(in: 0..<5, using: &rng) == 0)
        let equity = Amount(integerLiteral: Int64.random(in: 2_000...20_000, using: &rng))
        let state = Risk.state(
            equity: equity, startOfDay: equity, peak: equity, positions: Array(positions.values), openOrders: orders,
            catalog: catalog)
        return Scenario(state: state, intent: intent, limits: limits)
    }

    /// The holdings after the intent fills, computed independently of the engine.
    static func after(_ s: Scenario) -> [RiskHolding] {
        var holdings = s.state.holdings
        if s.intent.side == .buy {
            holdings.append(RiskHolding(instrument: s.intent.instrument, shares: s.intent.size, cost: s.intent.notional))
        } else if let i = holdings.firstIndex(where: { $0.instrument == s.intent.instrument }) {
            let h = holdings[i]
            let released = Amount(units: Int64((Int128(h.cost.units) * Int128(s.intent.size.units) * 2 + Int128(h.shares.units)) / (Int128(h.shares.units) * 2)))
            holdings[i] = RiskHolding(instrument: h.instrument, shares: h.shares - s.intent.size, cost: h.cost - released)
        }
        return holdings
    }

    @Test("the worst-case loss of each group equals the brute force over every state of the world")
    func exposureMatchesBruteForce() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            let s = Self.scenario(seed)
            let exposure = RiskEngine(limits: s.limits).exposure(s.state)
            for group in [Self.bigGroup, Self.smallGroup] {
                #expect(exposure.group(group) == Self.bruteForce(s.state.holdings, group: group), "seed \(seed), \(group)")
            }
        }
    }

    @Test("an approved order never takes a group over its cap (unless it lowers that group's loss)")
    func approvedStaysWithinCap() async {
        var approvals = 0
        var refusals = 0
        await propertyCheck(count: 400, input: Gen.uint64()) { seed in
            let s = Self.scenario(seed)
            let verdict = RiskEngine(limits: s.limits).check(s.intent, state: s.state)
            let cap = s.limits.perEvent.limit(of: s.state.equity)
            let after = Self.after(s)
            for group in [Self.bigGroup, Self.smallGroup] {
                let before = Self.bruteForce(s.state.holdings, group: group)
                let now = Self.bruteForce(after, group: group)
                if verdict.isApproved {
                    #expect(now <= cap || now <= before, "seed \(seed): \(group) \(before) → \(now), cap \(cap)")
                } else if now > cap && now > before {
                    #expect(verdict.violations.contains(.eventExposure(group, limit: cap, current: before, after: now)), "seed \(seed)")
                }
            }
            if verdict.isApproved { approvals += 1 } else { refusals += 1 }
        }
        // The generator must exercise both answers, or the property says nothing.
        #expect(approvals > 20 && refusals > 20, "approved \(approvals), refused \(refusals)")
    }

    @Test("a refusal always lists at least one violation")
    func refusalsExplain() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            let s = Self.scenario(seed)
            let verdict = RiskEngine(limits: s.limits).check(s.intent, state: s.state)
            if case .refused(let violations) = verdict { #expect(!violations.isEmpty, "seed \(seed)") }
        }
    }

    @Test("a tripped kill switch refuses everything, with that reason alone")
    func trippedRefusesAll() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var s = Self.scenario(seed)
            let trip = KillSwitchTrip(reason: .manual("property"), at: Timestamp(seconds: 1_700_000_000))
            s.state.killSwitch = KillSwitchState(trip: trip)
            #expect(
                RiskEngine(limits: s.limits).check(s.intent, state: s.state) == .refused([.killSwitchTripped(trip.reason, since: trip.at)]))
        }
    }
}
