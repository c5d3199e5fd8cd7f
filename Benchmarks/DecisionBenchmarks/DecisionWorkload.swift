import EdgewiseCore
import EdgewiseDecision

/// 1,000 binary markets in events of four, each with a YES book, held by a host running the
/// three built-in strategies; two deltas on one book that alternate, and a Dutch-book
/// opportunity over three of the markets.
struct DecisionWorkload {
    var host: StrategyHost
    let deltas: [StrategyInput]
    let opportunity: Opportunity
    static let origin: Int64 = 1_800_000_000_000_000_000

    func time(_ step: Int64) -> Timestamp { Timestamp(nanoseconds: Self.origin + step * 1_000_000) }

    init() {
        let fees = VenueFees.none
        host = StrategyHost(
            strategies: [
                ArbitrageStrategy(settings: ArbitrageSettings(cooldownSeconds: 0)),
                NearResolutionTailStrategy(fees: fees),
                ConfidenceTierStrategy(
                    method: .default(bankroll: 1_000), limits: SizingLimits(bankroll: 1_000, perOrderCap: 50), fees: fees),
            ],
            portfolio: Portfolio(cash: 10_000))
        let start = Timestamp(nanoseconds: Self.origin)
        for index in 0..<1_000 {
            let id = "m\(index)"
            let market = Market(
                venue: .polymarket, id: MarketID(id), eventID: EventID("e\(index / 4)"), question: "\(id)?",
                outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
                status: .open, endTime: Timestamp(nanoseconds: Self.origin + 30 * 86_400 * 1_000_000_000))
            _ = host.handle(.market(market), at: start)
            let snapshot = BookSnapshot(
                instrument: InstrumentID(venue: .polymarket, token: TokenID("\(id)-yes")),
                bids: [BookLevel(price: Price(units: 300_000), size: 100), BookLevel(price: Price(units: 290_000), size: 200)],
                asks: [BookLevel(price: Price(units: 320_000), size: 100), BookLevel(price: Price(units: 330_000), size: 200)])
            _ = host.handle(.marketData(ReceivedEvent(receivedAt: start, event: .bookSnapshot(snapshot))), at: start)
        }
        let instrument = InstrumentID(venue: .polymarket, token: "m0-yes")
        deltas = [Price(units: 310_000), Price(units: 300_000)].map { price in
            .marketData(
                ReceivedEvent(
                    receivedAt: start,
                    event: .bookDelta(BookDelta(instrument: instrument, changes: [BookChange(side: .bid, price: price, update: .set(150))]))))
        }
        let legs = (1...3).map { index in
            OpportunityLeg(
                venue: .polymarket, marketID: MarketID("m\(index)"), instrument: InstrumentID(venue: .polymarket, token: TokenID("m\(index)-yes")),
                outcome: .yes, side: .buy, limitPrice: Price(units: 320_000), size: 100, notional: 32, fee: .zero)
        }
        opportunity = Opportunity(
            kind: .dutchBook, group: "e0", title: "e0", legs: legs, size: 100, payoutPerBasket: 1, cost: 96, fees: .zero,
            payout: 100, maxSize: 100,
            curve: [ProfitPoint(size: 50, cost: 48, payout: 50), ProfitPoint(size: 100, cost: 96, payout: 100)],
            resolutionTime: nil, seenAt: start)
    }
}

/// A risk state of 200 positions over 50 events and an intent in one of them.
struct RiskWorkload {
    let engine = RiskEngine()
    let state: RiskState
    let intent: OrderIntent

    init() {
        let now = Timestamp(nanoseconds: DecisionWorkload.origin)
        var markets: [Market] = []
        var positions: [Position] = []
        var fills: [Fill] = []
        for index in 0..<200 {
            let id = "r\(index)"
            markets.append(
                Market(
                    venue: .polymarket, id: MarketID(id), eventID: EventID("re\(index / 4)"), question: "\(id)?",
                    outcomes: [Outcome(token: TokenID("\(id)-yes"), name: "Yes"), Outcome(token: TokenID("\(id)-no"), name: "No")],
                    status: .open))
            fills.append(
                Fill(
                    id: FillID("f\(index)"), clientOrderID: nil, venueOrderID: nil,
                    instrument: InstrumentID(venue: .polymarket, token: TokenID("\(id)-yes")), side: .buy, price: Price(units: 400_000),
                    size: 10, fee: .zero, liquidity: nil, time: now))
        }
        var portfolio = Portfolio(cash: 100_000)
        for fill in fills { try? portfolio.apply(fill) }
        positions = Array(portfolio.positions.values)
        state = RiskState(
            now: now, equity: 100_800, startOfDayEquity: 100_800, peakEquity: 100_800, positions: positions,
            catalog: RiskCatalog(markets: markets))
        intent = OrderIntent(
            instrument: InstrumentID(venue: .polymarket, token: "r5-yes"), marketID: "r5", eventID: "re1", side: .buy,
            limitPrice: Price(units: 400_000), size: 10, purpose: .directional, strategy: "bench", bookReceivedAt: now)
    }
}
