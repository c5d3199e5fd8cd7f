import EdgewiseCore

/// A simulated venue that fills orders against the real books it is fed, so the whole agent can
/// run on live public data without keys (`edgewise run --paper`) and the backtester can replay
/// recorded data through the same code.
///
/// It is a value driven by one caller: feed it every market-data event with the time it arrived
/// (``apply(_:receivedAt:)``), and submit and cancel orders with the time they are sent. It never
/// reads a clock, and every id it makes is derived from the client order id, so the same inputs
/// always give the same events.
///
/// How it fills:
/// - A marketable order walks the available depth best level first, up to its limit and size;
///   each level taken is one taker fill at that level's price. Fill-or-kill fills everything or
///   nothing, fill-and-kill cancels what is left, GTC and GTD rest the remainder.
/// - Depth our fills took stays taken until the venue changes that level (see
///   `PaperLiquidity`), so two orders never fill against the same displayed size.
/// - A resting order joins the back of its price level: the queue ahead of it is the size shown
///   there when it is placed (plus our own earlier orders at that price, which keep their
///   priority). Only trades shrink the queue: a displayed size that drops is taken to be orders
///   behind us cancelling, except that the queue ahead can never exceed what the level shows.
///   A trade at our price fills us only with what is left of it after the queue ahead; a trade
///   through our price (a sell below our bid, a buy above our ask) fills us up to its size. When
///   the opposite side of the book reaches our price we fill at our limit, as the maker, up to
///   the size that crossed — and that size is then taken.
/// - Trades count only where the venue reports the aggressor as the side that would hit us, or
///   does not report it; one print never fills more than its size across our orders.
/// - Fees come from the market's ``PaperMarket/takerFees`` for taking fills and
///   ``PaperMarket/makerFees`` for resting ones, charged per fill.
/// - Our resting orders are not in the venue's book, so a later order of ours is never matched
///   against them (no self-trade), and top-of-book events are ignored: fills need depth.
/// - When a book loses synchronization (a sequence gap, a crossed book) nothing fills against it
///   and new orders on it are rejected until a snapshot arrives.
public struct PaperBroker: Sendable {
    let markets: @Sendable (InstrumentID) -> PaperMarket?
    private var books: [InstrumentID: PaperLiquidity] = [:]
    private var orders: [ClientOrderID: Order] = [:]
    private var fillCounts: [ClientOrderID: Int] = [:]
    /// In placement order.
    private var resting: [Resting] = []
    private var nextSequence: UInt64 = 0

    /// - Parameter markets: the rules and fees of each instrument orders may be placed on; nil
    ///   refuses orders on that instrument.
    public init(markets: @escaping @Sendable (InstrumentID) -> PaperMarket?) {
        self.markets = markets
    }

    public init(markets: [InstrumentID: PaperMarket]) {
        self.init(markets: { markets[$0] })
    }

    // MARK: Reading

    /// Orders resting on the paper venue, in the order they were placed.
    public var openOrders: [Order] { resting.compactMap { orders[$0.id] } }

    /// The paper venue's view of an order it was sent (any state, rejected included).
    public func order(_ id: ClientOrderID) -> Order? { orders[id] }

    /// The venue's book as last received; nil before its first snapshot.
    public func book(_ instrument: InstrumentID) -> OrderBook? { books[instrument]?.book }

    /// The levels of a book still available to our orders (displayed size minus what our fills
    /// took), best first.
    public func availableLevels(_ instrument: InstrumentID, _ side: BookSide) -> [BookLevel] {
        books[instrument]?.availableLevels(side) ?? []
    }

    /// The displayed size still ahead of a resting order in its queue; nil when it is not resting.
    public func queueAhead(_ id: ClientOrderID) -> Size? {
        resting.first { $0.id == id }.map { Size(units: $0.ahead) }
    }

    // MARK: Orders

    /// Sends an order to the paper venue at `time`. Returns, in order, any expiries `time` caused,
    /// then the order's `.rejected`, or its `.accepted` followed by its immediate fills and, for
    /// an order that may not rest, a `.cancelled` for whatever was not filled.
    public mutating func submit(_ order: Order, at time: Timestamp) -> [PaperOrderEvent] {
        var events = advance(to: time)
        guard orders[order.id] == nil else {
            return events + [
                PaperOrderEvent(
                    order: order.id,
                    event: .rejected(reason: PaperRejection.duplicateOrder(order.id).description, at: time))
            ]
        }
        guard order.status == .pendingSubmit || order.status == .submitted else {
            // Not recorded: the paper venue never had this order, and its state is the caller's.
            let reason = PaperRejection.notNew(order.id, order.status).description
            return events + [PaperOrderEvent(order: order.id, event: .rejected(reason: reason, at: time))]
        }
        var copy = order
        if copy.status == .pendingSubmit { try? copy.apply(.submitted(at: time)) }
        orders[order.id] = copy
        let market: PaperMarket
        switch validate(order, at: time) {
        case .failure(let rejection):
            events.append(record(.rejected(reason: rejection.description, at: time), order.id))
            return events
        case .success(let valid):
            market = valid
        }
        events.append(record(.accepted(VenueOrderID("paper-" + order.id.rawValue), at: time), order.id))

        let route = Route(order: order, source: market.source)
        var liquidity = books[route.book]!
        let takingSide = route.side.takingSide
        var takes: [(price: Price, units: Int64)] = []
        var wanted = order.size.units
        for level in liquidity.availableLevels(takingSide) where wanted > 0 {
            guard route.isMarketable(against: level.price) else { break }
            let units = min(wanted, level.size.units)
            takes.append((level.price, units))
            wanted -= units
        }
        if order.timeInForce == .fillOrKill && wanted > 0 { takes = [] }
        for take in takes {
            liquidity.consume(takingSide, take.price, take.units)
            events.append(
                fill(order.id, route: route, market: market, bookPrice: take.price, units: take.units, .taker, at: time)
            )
        }
        books[route.book] = liquidity

        guard let remaining = orders[order.id]?.remainingSize, remaining.units > 0 else { return events }
        guard order.timeInForce.mayRest else {
            events.append(record(.cancelled(at: time), order.id))
            return events
        }
        var expiry: Timestamp?
        if case .goodTillDate(let date) = order.timeInForce { expiry = date }
        // The queue ahead counts the venue's orders only: our earlier orders at this price keep
        // their priority because a trade reaches them first (see `traded`).
        resting.append(
            Resting(
                id: order.id, sequence: nextSequence, book: route.book, side: route.side, price: route.limit,
                ahead: liquidity.available(route.side.restingSide, route.limit), expiry: expiry, market: market,
                route: route))
        nextSequence += 1
        return events
    }

    /// Cancels a resting order at `time`. Returns any expiries `time` caused and the order's
    /// `.cancelled`; nothing more when the order is not resting (unknown, filled, already gone),
    /// as a venue would answer "not found".
    public mutating func cancel(_ id: ClientOrderID, at time: Timestamp) -> [PaperOrderEvent] {
        var events = advance(to: time)
        guard let index = resting.firstIndex(where: { $0.id == id }) else { return events }
        resting.remove(at: index)
        events.append(record(.cancelled(at: time), id))
        return events
    }

    /// Expires every GTD order whose expiry is at or before `time`, each at its expiry.
    public mutating func advance(to time: Timestamp) -> [PaperOrderEvent] {
        let expired = resting.compactMap { order in order.expiry.flatMap { $0 <= time ? (order.id, $0) : nil } }
        guard !expired.isEmpty else { return [] }
        resting.removeAll { order in order.expiry.map { $0 <= time } ?? false }
        return expired.map { record(.expired(at: $0.1), $0.0) }
    }

    // MARK: Market data

    /// Takes one market-data event as it arrived at `receivedAt` and returns what happened to
    /// resting orders: expiries first, then fills in price-time priority.
    public mutating func apply(_ event: MarketDataEvent, receivedAt: Timestamp) -> [PaperOrderEvent] {
        var events = advance(to: receivedAt)
        switch event {
        case .bookSnapshot(let snapshot):
            var liquidity = books[snapshot.instrument] ?? PaperLiquidity(instrument: snapshot.instrument)
            let applied: Bool
            do {
                try liquidity.apply(snapshot, receivedAt: receivedAt)
                applied = true
            } catch {
                applied = false
            }
            books[snapshot.instrument] = liquidity
            if applied { events += bookChanged(snapshot.instrument, at: receivedAt) }
        case .bookDelta(let delta):
            guard var liquidity = books[delta.instrument] else { break }
            let applied: Bool
            do {
                try liquidity.apply(delta, receivedAt: receivedAt)
                applied = true
            } catch {
                applied = false
            }
            books[delta.instrument] = liquidity
            if applied { events += bookChanged(delta.instrument, at: receivedAt) }
        case .trade(let trade):
            events += traded(trade, at: receivedAt)
        case .tickSizeChange(let change):
            books[change.instrument]?.setTick(change.newTick)
        case .market(let notice):
            guard notice.kind == .resolved else { break }
            let tokens = Set(notice.tokens.map { InstrumentID(venue: notice.venue, token: $0) })
            let cancelled = Set(
                resting.filter { tokens.contains($0.route.instrument) || tokens.contains($0.book) }.map(\.id))
            let ids = resting.map(\.id).filter { cancelled.contains($0) }
            resting.removeAll { cancelled.contains($0.id) }
            events += ids.map { record(.cancelled(at: receivedAt), $0) }
        case .topOfBook:
            break
        }
        return events
    }

    // MARK: Matching

    private func validate(_ order: Order, at time: Timestamp) -> Result<PaperMarket, PaperRejection> {
        guard let market = markets(order.instrument) else { return .failure(.unknownInstrument(order.instrument)) }
        guard order.size.units > 0 else { return .failure(.emptySize) }
        if let increment = market.sizeIncrement, !order.size.isMultiple(of: increment) {
            return .failure(.offSizeGrid(size: order.size, increment: increment))
        }
        if let minimum = market.minimumSize, order.size < minimum {
            return .failure(.belowMinimum(size: order.size, minimum: minimum))
        }
        if order.postOnly && !order.timeInForce.mayRest { return .failure(.postOnlyNotResting) }
        if case .goodTillDate(let expiry) = order.timeInForce, expiry <= time {
            return .failure(.expiryPassed(expiry: expiry, now: time))
        }
        let route = Route(order: order, source: market.source)
        guard let liquidity = books[route.book], liquidity.isUsable else { return .failure(.noBook(route.book)) }
        if let tick = market.tickSize ?? liquidity.book.tickSize {
            guard order.limitPrice.isMultiple(of: tick) else {
                return .failure(.offTick(price: order.limitPrice, tick: tick))
            }
            guard order.limitPrice.isValid(tick: tick) else { return .failure(.priceOutOfRange(order.limitPrice)) }
        } else if !order.limitPrice.isInsideUnitInterval {
            return .failure(.priceOutOfRange(order.limitPrice))
        }
        if order.postOnly, let best = liquidity.availableLevels(route.side.takingSide).first,
            route.isMarketable(against: best.price)
        {
            return .failure(
                .postOnlyWouldCross(side: order.side, limit: order.limitPrice, against: route.orderPrice(best.price)))
        }
        return .success(market)
    }

    /// A book changed: queues ahead shrink to what the level still shows, and resting orders the
    /// opposite side now reaches fill at their limit as makers.
    private mutating func bookChanged(_ instrument: InstrumentID, at time: Timestamp) -> [PaperOrderEvent] {
        guard var liquidity = books[instrument], liquidity.isUsable else { return [] }
        var events: [PaperOrderEvent] = []
        for index in priorityOrder(instrument) {
            var order = resting[index]
            order.ahead = min(order.ahead, liquidity.available(order.side.restingSide, order.price))
            var remaining = orders[order.id]!.remainingSize.units
            for level in liquidity.availableLevels(order.side.takingSide) where remaining > 0 {
                guard order.route.isMarketable(against: level.price) else { break }
                let units = min(remaining, level.size.units)
                liquidity.consume(order.side.takingSide, level.price, units)
                remaining -= units
                order.ahead = 0
                events.append(
                    fill(
                        order.id, route: order.route, market: order.market, bookPrice: order.price, units: units,
                        .maker, at: time))
            }
            resting[index] = order
        }
        books[instrument] = liquidity
        removeFilled()
        return events
    }

    /// A trade printed: it works through the queue at its price, and fills our orders it reached
    /// or went through, never more than its size in all.
    private mutating func traded(_ trade: TradeTick, at time: Timestamp) -> [PaperOrderEvent] {
        var volume = trade.size.units
        var events: [PaperOrderEvent] = []
        for index in priorityOrder(trade.instrument) where volume > 0 {
            var order = resting[index]
            // A sell aggressor hits bids at or above its price; a buy aggressor lifts asks at or below.
            let reached: Bool
            let through: Bool
            switch order.side {
            case .buy:
                reached = trade.aggressor != .buy && trade.price <= order.price
                through = trade.price < order.price
            case .sell:
                reached = trade.aggressor != .sell && trade.price >= order.price
                through = trade.price > order.price
            }
            guard reached else { continue }
            let remaining = orders[order.id]!.remainingSize.units
            let units: Int64
            if through {
                units = min(remaining, volume)
                order.ahead = 0
            } else {
                units = min(remaining, max(0, volume - order.ahead))
                order.ahead = max(0, order.ahead - (volume - units))
            }
            resting[index] = order
            guard units > 0 else { continue }
            volume -= units
            events.append(
                fill(
                    order.id, route: order.route, market: order.market, bookPrice: order.price, units: units, .maker,
                    at: time))
        }
        removeFilled()
        return events
    }

    /// Indices of the orders resting on a book in the order a matching engine reaches them:
    /// bids highest first, asks lowest first, then by time.
    private func priorityOrder(_ book: InstrumentID) -> [Int] {
        resting.indices.filter { resting[$0].book == book }.sorted { a, b in
            let x = resting[a]
            let y = resting[b]
            if x.side != y.side { return x.side == .buy }
            if x.price != y.price { return x.side == .buy ? x.price > y.price : x.price < y.price }
            return x.sequence < y.sequence
        }
    }

    private mutating func removeFilled() {
        let orders = self.orders
        resting.removeAll { orders[$0.id]?.status == .filled }
    }

    private mutating func fill(
        _ id: ClientOrderID, route: Route, market: PaperMarket, bookPrice: Price, units: Int64, _ liquidity: Liquidity,
        at time: Timestamp
    ) -> PaperOrderEvent {
        let order = orders[id]!
        let count = (fillCounts[id] ?? 0) + 1
        fillCounts[id] = count
        let price = route.orderPrice(bookPrice)
        let size = Size(units: units)
        let fill = Fill(
            id: FillID("\(id.rawValue)-fill-\(count)"), clientOrderID: id, venueOrderID: order.venueOrderID,
            instrument: order.instrument, side: order.side, price: price, size: size,
            fee: market.fee(liquidity, size: size, price: price), liquidity: liquidity, time: time)
        return record(.filled(fill), id)
    }

    /// Applies an event to the broker's copy of the order, as the order manager will to its own.
    private mutating func record(_ event: OrderEvent, _ id: ClientOrderID) -> PaperOrderEvent {
        do {
            try orders[id]?.apply(event)
        } catch {
            assertionFailure("paper broker produced an impossible event for \(id): \(error)")
        }
        return PaperOrderEvent(order: id, event: event)
    }
}

extension PaperBroker {
    /// An order as the book it is matched on sees it.
    struct Route: Hashable, Sendable {
        /// The order's own instrument.
        var instrument: InstrumentID
        var book: InstrumentID
        var side: OrderSide
        var limit: Price
        var mirrored: Bool

        init(order: Order, source: PaperBookSource) {
            self.instrument = order.instrument
            switch source {
            case .own:
                self.book = order.instrument
                self.side = order.side
                self.limit = order.limitPrice
                self.mirrored = false
            case .complement(let other):
                self.book = other
                self.side = order.side.opposite
                self.limit = order.limitPrice.complement
                self.mirrored = true
            }
        }

        /// Whether a level of the opposite side at `price` is within the limit.
        func isMarketable(against price: Price) -> Bool {
            side == .buy ? price <= limit : price >= limit
        }

        /// A book price as the order's own instrument prices it.
        func orderPrice(_ bookPrice: Price) -> Price { mirrored ? bookPrice.complement : bookPrice }
    }

    struct Resting: Sendable {
        var id: ClientOrderID
        var sequence: UInt64
        var book: InstrumentID
        /// Side and limit in the book's terms.
        var side: OrderSide
        var price: Price
        /// Displayed size (not ours) ahead of the order at its price, in millionths of a share.
        var ahead: Int64
        var expiry: Timestamp?
        var market: PaperMarket
        var route: Route
    }
}
