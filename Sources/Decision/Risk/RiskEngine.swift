import EdgewiseCore

/// The risk engine: separate from every strategy, it checks each order intent against the
/// limits and says whether the kill switch must trip. It is pure — state in, verdict out — so
/// the order manager owns persistence and cancelling, and a replay gives the same answers.
///
/// The rules, in the order they are reported:
/// 1. A tripped kill switch refuses everything (and nothing else is reported).
/// 2. Risk-off allows only ``TradePurpose/arbitrage(_:_:)`` legs, ``TradePurpose/exit`` orders
///    and sells of held shares.
/// 3. A sell may not exceed the shares held minus those resting sells already offer.
/// 4. A book older than ``RiskLimits/maxBookAgeMilliseconds`` is stale; an order that may take
///    liquidity (not post-only) needs a book at all.
/// 5. A buy's notional is at most ``RiskLimits/perOrder``.
/// 6. After the order (a buy as if filled at its limit, a sell as if filled and its cost released
///    at average cost), no underlying event, venue or category may be over its cap — unless the
///    order does not increase that exposure, so being over a cap never blocks reducing risk.
public struct RiskEngine: Sendable {
    public var limits: RiskLimits

    public init(limits: RiskLimits = .standard) {
        self.limits = limits
    }

    public func check(_ intent: OrderIntent, state: RiskState) -> RiskVerdict {
        if let trip = state.killSwitch.trip {
            return .refused([.killSwitchTripped(trip.reason, since: trip.at)])
        }
        var violations: [RiskViolation] = []
        let (held, selling) = state.held(intent.instrument)

        if limits.riskOff && !Self.allowedWhenRiskOff(intent, held: held) {
            violations.append(.riskOff(intent.purpose))
        }
        if intent.side == .sell && intent.size > held - Size.min(selling, held) {
            violations.append(.sellExceedsHolding(held: held, alreadySelling: selling, size: intent.size))
        }
        if let received = intent.bookReceivedAt {
            let age = (state.now.nanoseconds - received.nanoseconds) / 1_000_000
            if age > limits.maxBookAgeMilliseconds {
                violations.append(.staleBook(ageMilliseconds: age, limitMilliseconds: limits.maxBookAgeMilliseconds))
            }
        } else if !intent.postOnly {
            violations.append(.missingBook)
        }
        let capital = state.equity
        if intent.side == .buy {
            let cap = limits.perOrder.limit(of: capital)
            if intent.notional > cap { violations.append(.orderTooLarge(limit: cap, notional: intent.notional)) }
        }

        let calculator = Self.calculator(state, intent: intent)
        let before = calculator.exposure(of: state.holdings)
        let after = calculator.exposure(of: Self.holdings(state, applying: intent))
        for (group, amount) in after.groups.sorted(by: { $0.key < $1.key }) {
            let limit = limits.perEvent.limit(of: capital)
            let current = before.group(group)
            if amount > limit && amount > current {
                violations.append(.eventExposure(group, limit: limit, current: current, after: amount))
            }
        }
        for (category, amount) in after.categories.sorted(by: { $0.key < $1.key }) {
            let limit = limits.categoryCap(category).limit(of: capital)
            let current = before.category(category)
            if amount > limit && amount > current {
                violations.append(.categoryExposure(category, limit: limit, current: current, after: amount))
            }
        }
        for (venue, amount) in after.venues.sorted(by: { $0.key < $1.key }) {
            let limit = limits.venueCap(venue).limit(of: capital)
            let current = before.venue(venue)
            if amount > limit && amount > current {
                violations.append(.venueExposure(venue, limit: limit, current: current, after: amount))
            }
        }
        return violations.isEmpty ? .approved : .refused(violations)
    }

    /// The trip the state calls for, or nil: daily loss at or beyond its limit (of the
    /// start-of-day equity), else drawdown from the peak at or beyond its limit (of the peak).
    /// An already tripped switch gives nil: it keeps its first trip.
    public func evaluate(_ state: RiskState) -> KillSwitchTrip? {
        guard !state.killSwitch.isTripped else { return nil }
        let loss = state.startOfDayEquity - state.equity
        let dailyLimit = limits.dailyLoss.limit(of: state.startOfDayEquity)
        if loss.units > 0 && loss >= dailyLimit {
            return KillSwitchTrip(reason: .dailyLoss(loss: loss, limit: dailyLimit, startOfDay: state.startOfDayEquity), at: state.now)
        }
        let drawdown = state.peakEquity - state.equity
        let drawdownLimit = limits.maxDrawdown.limit(of: state.peakEquity)
        if drawdown.units > 0 && drawdown >= drawdownLimit {
            return KillSwitchTrip(reason: .drawdown(drawdown: drawdown, limit: drawdownLimit, peak: state.peakEquity), at: state.now)
        }
        return nil
    }

    /// What the order manager must do now: persist a new trip, and while the switch is tripped
    /// (or just tripped) cancel every order that may be live.
    public func actions(_ state: RiskState) -> [RiskAction] {
        var actions: [RiskAction] = []
        let trip = evaluate(state)
        if let trip { actions.append(.tripKillSwitch(trip)) }
        if trip != nil || state.killSwitch.isTripped {
            let live = state.openOrders.filter { $0.status.mayBeLive }.map(\.id)
            if !live.isEmpty { actions.append(.cancelAll(live)) }
        }
        return actions
    }

    /// Exposure now, by event group, venue and category (for reports and the dashboard).
    public func exposure(_ state: RiskState) -> RiskExposure {
        Self.calculator(state, intent: nil).exposure(of: state.holdings)
    }

    // MARK: -

    static func allowedWhenRiskOff(_ intent: OrderIntent, held: Size) -> Bool {
        switch intent.purpose {
        case .arbitrage, .exit: return true
        case .directional: return intent.side == .sell && held.units > 0
        }
    }

    static func calculator(_ state: RiskState, intent: OrderIntent?) -> ExposureCalculator {
        var catalog = state.catalog.learning(state.openOrders)
        var instruments = Set(state.positions.map(\.instrument)).union(state.openOrders.map(\.instrument))
        if let intent {
            catalog = catalog.learning(intent)
            instruments.insert(intent.instrument)
        }
        return ExposureCalculator(catalog: catalog, instruments: instruments)
    }

    /// The holdings as if the intent filled in full at its limit.
    static func holdings(_ state: RiskState, applying intent: OrderIntent) -> [RiskHolding] {
        var holdings = state.holdings
        switch intent.side {
        case .buy:
            holdings.append(RiskHolding(instrument: intent.instrument, shares: intent.size, cost: intent.notional))
        case .sell:
            guard let i = holdings.firstIndex(where: { $0.instrument == intent.instrument }) else { break }
            let position = holdings[i]
            let sold = Size.min(intent.size, position.shares)
            guard position.shares.units > 0 else { break }
            let released = Amount(
                units: Int64(FixedPoint.divide(Int128(position.cost.units) * Int128(sold.units), Int128(position.shares.units), .halfUp)))
            holdings[i] = RiskHolding(instrument: position.instrument, shares: position.shares - sold, cost: position.cost - released)
        }
        return holdings
    }
}
