import EdgewiseCore
import EdgewiseDecision
import EdgewiseExecution

extension Agent {
    /// The risk engine's verdict on one order against the state now. Every order the order
    /// manager sends passes here first (``AgentLink``), whichever path proposed it.
    public func check(_ intent: OrderIntent) -> RiskVerdict {
        var state = riskState(at: now(), also: intent.instrument)
        state.positions = positions(withUnbookedFillsOf: intent.instrument)
        return engine.check(intent, state: state)
    }

    /// The portfolio's positions plus the fills of `instrument` that this run's orders got and
    /// the journal holds but the portfolio has not booked yet. Fills reach the portfolio as
    /// inputs, which queue behind the basket being executed; without them the unwind of a
    /// shrunk basket would be refused as selling more than is held, leaving the legs unequal.
    func positions(withUnbookedFillsOf instrument: InstrumentID) -> [Position] {
        var portfolio = host.state.portfolio
        for fill in (try? store.fills(instrument: instrument)) ?? [] {
            // Earlier runs' fills are in the starting positions already.
            guard let id = fill.clientOrderID, let order = try? store.order(id), order.createdAt >= startedAt else { continue }
            try? portfolio.apply(fill)  // one already booked is refused as a duplicate
        }
        return Array(portfolio.positions.values)
    }

    /// The cash orders may spend (one pool on paper; the venues' balances live).
    public var cash: Amount { host.state.portfolio.cash }

    /// Everything the risk engine reads, gathered now: equity at the current marks against the
    /// persisted watermarks, the journal's live orders, the kill switch.
    func riskState(at time: Timestamp, also instrument: InstrumentID? = nil) -> RiskState {
        let equity = equity(marks: marks())
        let current = watermarks ?? EquityWatermarks(first: equity, at: time)
        let positions = Array(host.state.portfolio.positions.values)
        let orders = (try? store.ordersThatMayBeLive()) ?? []
        var instruments = Set(positions.map(\.instrument)).union(orders.map(\.instrument))
        if let instrument { instruments.insert(instrument) }
        return RiskState(
            now: time, equity: equity, watermarks: current, positions: positions, openOrders: orders,
            catalog: riskCatalog(for: instruments), killSwitch: killSwitch)
    }

    /// The events, stand-alone markets and equivalent pairs behind `instruments`, and behind
    /// the instruments those pairs link to (a position hedged on another venue is one group).
    func riskCatalog(for instruments: Set<InstrumentID>) -> RiskCatalog {
        var wanted = instruments
        for instrument in instruments {
            for pair in pairsOfInstrument[instrument] ?? [] {
                wanted.formUnion([pair.a.yes, pair.a.no, pair.b.yes, pair.b.no].compactMap { $0 })
            }
        }
        var events: [String: Event] = [:]
        var markets: [String: Market] = [:]
        var pairs: [MarketPairID: MarketPair] = [:]
        for instrument in wanted {
            if let event = eventOfInstrument[instrument] {
                events["\(event.venue.rawValue):\(event.id.rawValue)"] = event
            } else if let market = marketOfInstrument[instrument] {
                markets["\(market.venue.rawValue):\(market.id.rawValue)"] = market
            }
            for pair in pairsOfInstrument[instrument] ?? [] { pairs[pair.id] = pair }
        }
        return RiskCatalog(
            events: events.sorted { $0.key < $1.key }.map(\.value), markets: markets.sorted { $0.key < $1.key }.map(\.value),
            pairs: pairs.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value))
    }

    /// Cash plus the holdings valued as the loss limits see them (``ExposureCalculator/value(of:marks:)``).
    func equity(marks: [InstrumentID: Price]) -> Amount {
        let positions = Array(host.state.portfolio.positions.values)
        let calculator = ExposureCalculator(
            catalog: riskCatalog(for: Set(positions.map(\.instrument))), instruments: positions.map(\.instrument))
        return host.state.portfolio.cash + calculator.value(of: positions, marks: marks)
    }

    /// What each held position would sell for now: its best bid, or for an instrument whose book
    /// is its complement's, one minus that book's best ask. Positions without a book count at cost.
    func marks() -> [InstrumentID: Price] {
        var marks: [InstrumentID: Price] = [:]
        for (instrument, position) in host.state.portfolio.positions where !position.isFlat {
            if let book = host.state.books[instrument] {
                if let bid = book.bestBid?.price { marks[instrument] = bid }
            } else if let ask = followedBook(of: instrument)?.bestAsk?.price {
                marks[instrument] = ask.complement
            }
        }
        return marks
    }

    /// On every tick: follow a kill switch tripped elsewhere, record equity (throttled), trip
    /// the switch when the day's loss or the drawdown reaches its limit, and while it is tripped
    /// cancel every order that may be live.
    func superviseRisk() async {
        let time = clock
        let stored = (try? store.killSwitch()) ?? killSwitch
        if let trip = stored.trip, killSwitch.trip == nil {
            log(nil, "kill switch tripped at \(trip.at): \(trip.reason); cancelling every live order")
        } else if stored.trip == nil, let cleared = killSwitch.trip {
            log(nil, "kill switch reset (it was tripped at \(cleared.at)); trading resumes")
        }
        killSwitch = stored
        if killSwitch.trip == nil, let external = externalKillSwitch(), let trip = external.trip {
            log(nil, "the live kill switch is tripped (\(trip.reason)); this run stops trading too")
            killSwitch = (try? store.tripKillSwitch(trip.reason, at: time)) ?? external
        }

        let state = riskState(at: time)
        recordEquity(state.equity, at: time)
        for action in engine.actions(state) {
            switch action {
            case .tripKillSwitch(let trip):
                log(nil, "kill switch tripped: \(trip.reason)")
                do { killSwitch = try store.tripKillSwitch(trip.reason, at: trip.at) } catch {
                    // Not persisted, yet trading must stop now all the same.
                    killSwitch = killSwitch.tripping(trip.reason, at: trip.at)
                    log(nil, "the trip could not be saved (\(error)); trading stops for this run")
                }
            case .cancelAll(let ids):
                for id in ids { _ = try? await manager.cancel(id) }
            }
        }
    }

    private func recordEquity(_ equity: Amount, at time: Timestamp) {
        if let last = lastEquityRecord, last.equity == equity, time.seconds(since: last.at) < settings.equityRecordInterval {
            return
        }
        if let updated = try? store.recordEquity(equity, at: time) {
            watermarks = updated
            lastEquityRecord = (time, equity)
        }
    }
}

extension Agent: LiquiditySource {
    /// What an order could take now from the books the agent follows (the live path; paper
    /// reads the paper broker's books, net of its own fills).
    public func liquidity(_ instrument: InstrumentID, for side: OrderSide) async -> [BookLevel] {
        offers(instrument, for: side)
    }
}
