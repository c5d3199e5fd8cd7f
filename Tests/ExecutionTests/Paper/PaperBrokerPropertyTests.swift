import EdgewiseCore
import EdgewiseExecution
import PropertyBased
import Testing

/// Random books and order flows, decoded from integers so that a failing case shrinks and
/// replays from its seed.
@Suite("Paper broker: properties")
struct PaperBrokerPropertyTests {
    static let seeds = Gen.int(in: 0...1_000_000_000)

    /// Asks 0.50–0.69 and bids 0.30–0.49, 1–400 shares with two decimals.
    static func book(_ seeds: [Int]) -> MarketDataEvent {
        let asks = seeds.map { seed in
            BookLevel(
                price: Price(units: 500_000 + Int64(seed % 20) * 10_000),
                size: Size(units: Int64(1 + (seed / 20) % 40_000) * 10_000))
        }
        let bids = seeds.map { seed in
            BookLevel(
                price: Price(units: 300_000 + Int64((seed / 7) % 20) * 10_000),
                size: Size(units: Int64(1 + (seed / 3) % 40_000) * 10_000))
        }
        return paperSnapshot(bids: bids, asks: asks)
    }

    /// Either outcome, either side, limits 0.20–0.79, 5–604 shares, GTC, FOK or FAK.
    static func order(_ seed: Int, _ index: Int) -> Order {
        let side: OrderSide = seed % 2 == 0 ? .buy : .sell
        let price = Price(units: 200_000 + Int64((seed / 2) % 60) * 10_000)
        let size = Size(integerLiteral: Int64(5 + (seed / 120) % 600))
        let tif: [TimeInForce] = [.goodTillCancelled, .fillOrKill, .fillAndKill]
        let instrument = (seed / 216_000) % 2 == 0 ? paperYes : paperNo
        return Order(
            id: ClientOrderID("p\(index)"), instrument: instrument, side: side, limitPrice: price,
            size: size,
            timeInForce: tif[(seed / 72_000) % 3], createdAt: paperTime(Int64(index)))
    }

    /// The YES book level a fill took liquidity from.
    static func bookLevel(of fill: Fill) -> (BookSide, Price) {
        let mirrored = fill.instrument == paperNo
        let bookSide: OrderSide = mirrored ? fill.side.opposite : fill.side
        return (bookSide.takingSide, mirrored ? fill.price.complement : fill.price)
    }

    @Test func takingNeverOverfillsNeverBeatsTheLimitAndNeverTakesMoreThanIsShown() async {
        await propertyCheck(
            count: 300, input: Self.seeds.array(of: 1...6), Self.seeds.array(of: 1...12)
        ) {
            Self.checkTaking(levelSeeds: $0, orderSeeds: $1)
        }
    }

    // The checks live in synchronous functions: Swift 6.3.1's region checker crashes on them
    // written inline in the async closure.
    static func checkTaking(levelSeeds: [Int], orderSeeds: [Int]) {
        var broker = PaperBroker(markets: paperMarkets)
        _ = broker.apply(Self.book(levelSeeds), receivedAt: paperTime(0))
        let shown = broker.book(paperYes)!
        var taken: [BookSide: [Price: Int64]] = [:]

        for (index, seed) in orderSeeds.enumerated() {
            let order = Self.order(seed, index)
            let fills = broker.submit(order, at: paperTime(Int64(index + 1))).fills
            var filled: Int64 = 0
            for fill in fills {
                #expect(fill.size.units > 0)
                #expect(fill.liquidity == .taker)
                #expect(
                    order.side == .buy ? fill.price <= order.limitPrice : fill.price >= order.limitPrice)
                let (side, price) = Self.bookLevel(of: fill)
                taken[side, default: [:]][price, default: 0] += fill.size.units
                filled += fill.size.units
            }
            #expect(filled <= order.size.units)
            #expect(broker.order(order.id)?.filledSize.units == filled)
            if order.timeInForce == .fillOrKill { #expect(filled == 0 || filled == order.size.units) }
            if !order.timeInForce.mayRest { #expect(broker.order(order.id)?.status.isTerminal == true) }
        }
        for (side, levels) in taken {
            for (price, units) in levels {
                #expect(units <= shown.size(at: price, side: side).units, "\(side) \(price): took \(units)")
            }
        }
    }

    @Test func restingOrdersFillAtTheirLimitAndNoTradeFillsMoreThanItsSize() async {
        await propertyCheck(
            count: 300, input: Self.seeds.array(of: 1...8), Self.seeds.array(of: 1...12)
        ) {
            Self.checkResting(orderSeeds: $0, tradeSeeds: $1)
        }
    }

    static func checkResting(orderSeeds: [Int], tradeSeeds: [Int]) {
        var broker = paperBroker()
        var orders: [ClientOrderID: Order] = [:]
        for (index, seed) in orderSeeds.enumerated() {
            // Bids 0.30–0.39 and asks 0.40–0.49 on YES, resting only.
            let side: OrderSide = seed % 2 == 0 ? .buy : .sell
            let price = Price(units: (side == .buy ? 300_000 : 400_000) + Int64((seed / 2) % 10) * 10_000)
            let order = Order(
                id: ClientOrderID("r\(index)"), instrument: paperYes, side: side, limitPrice: price,
                size: Size(integerLiteral: Int64(5 + (seed / 20) % 100)), createdAt: paperTime(1))
            orders[order.id] = order
            _ = broker.submit(order, at: paperTime(1))
        }
        for (index, seed) in tradeSeeds.enumerated() {
            let aggressor: OrderSide? = [OrderSide.buy, .sell, nil][seed % 3]
            let price = Price(units: 300_000 + Int64((seed / 3) % 20) * 10_000)
            let size = Int64(1 + (seed / 60) % 300)
            let trade = MarketDataEvent.trade(
                TradeTick(
                    instrument: paperYes, price: price, size: Size(integerLiteral: size),
                    aggressor: aggressor, venueTimestamp: nil))
            let fills = broker.apply(trade, receivedAt: paperTime(Int64(2 + index))).fills
            #expect(fills.reduce(0) { $0 + $1.size.units } <= size * 1_000_000)
            for fill in fills {
                let order = orders[fill.clientOrderID!]!
                #expect(fill.liquidity == .maker)
                #expect(fill.price == order.limitPrice)
                #expect(fill.side != aggressor)
                #expect(order.side == .buy ? price <= order.limitPrice : price >= order.limitPrice)
            }
        }
        for (id, order) in orders {
            #expect(broker.order(id)!.filledSize <= order.size)
        }
    }
}

extension PaperBrokerPropertyTests {
    /// Orders, book changes, trades and cancels interleaved: whatever the flow, an order never
    /// fills beyond its size or at a price worse than its limit, and its fills add up to what the
    /// broker's copy of it says.
    @Test func mixedFlowsNeverOverfillOrTradeThroughTheLimit() async {
        await propertyCheck(count: 300, input: Self.seeds.array(of: 1...40)) {
            Self.checkMixed($0)
        }
    }

    static func checkMixed(_ seeds: [Int]) {
        var broker = PaperBroker(markets: paperMarkets)
        // Asks 0.45–0.64 and bids 0.25–0.44 keep every book change uncrossed.
        _ = broker.apply(
            paperSnapshot(
                bids: [level("0.44", 50), level("0.40", 100)], asks: [level("0.45", 50), level("0.50", 100)]),
            receivedAt: paperTime(0))
        var orders: [ClientOrderID: Order] = [:]
        var filled: [ClientOrderID: Int64] = [:]
        for (index, seed) in seeds.enumerated() {
            let time = paperTime(Int64(index + 1))
            let events: [PaperOrderEvent]
            switch seed % 4 {
            case 0:
                var order = Self.order(seed / 4, index)
                order.limitPrice = Price(units: 250_000 + Int64((seed / 4) % 40) * 10_000)
                orders[order.id] = order
                events = broker.submit(order, at: time)
            case 1:
                let bid = (seed / 4) % 2 == 0
                let price = Price(units: (bid ? 250_000 : 450_000) + Int64((seed / 8) % 20) * 10_000)
                let size = Size(integerLiteral: Int64((seed / 160) % 4 == 0 ? 0 : 1 + (seed / 640) % 300))
                events = broker.apply(paperDelta([.set(bid ? .bid : .ask, price, size)]), receivedAt: time)
            case 2:
                let aggressor: OrderSide? = [OrderSide.buy, .sell, nil][(seed / 4) % 3]
                let price = Price(units: 250_000 + Int64((seed / 12) % 40) * 10_000)
                events = broker.apply(
                    paperTrade(price.description, Int64(1 + (seed / 480) % 200), aggressor: aggressor), receivedAt: time
                )
            default:
                events = broker.cancel(ClientOrderID("p\((seed / 4) % max(1, index))"), at: time)
            }
            for fill in events.fills {
                let order = orders[fill.clientOrderID!]!
                #expect(order.side == .buy ? fill.price <= order.limitPrice : fill.price >= order.limitPrice)
                if fill.liquidity == .maker { #expect(fill.price == order.limitPrice) }
                filled[order.id, default: 0] += fill.size.units
            }
        }
        for (id, order) in orders {
            let paper = broker.order(id)!
            #expect(paper.filledSize <= order.size)
            #expect(paper.filledSize.units == filled[id] ?? 0)
            #expect(paper.status.isTerminal || broker.openOrders.contains { $0.id == id } || paper.status == .rejected)
        }
    }
}
