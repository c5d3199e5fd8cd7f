import EdgewiseAnalysis
import EdgewiseCore
import Foundation

/// Takes the radar's guaranteed-payoff opportunities as all-or-nothing baskets.
///
/// On every opening or update of an opportunity of a configured kind it checks, in order: no
/// basket of its own for the same opportunity still in flight, the cooldown since the last one,
/// the size that fits the cost cap (shrunk along the radar's profit curve, never above the size
/// the radar priced), and the profit and return at that size. What passes becomes one
/// ``BasketOrder`` of fill-and-kill legs at the radar's limit prices; what does not is noted
/// once per reason, so a radar updating every book tick does not flood the decision log.
public struct ArbitrageStrategy: Strategy {
    public let id: StrategyID
    public var settings: ArbitrageSettings
    private let categories: MarketCategories

    /// A basket sent and not yet over: the legs whose orders have not ended, and when anything
    /// was last heard of it.
    struct InFlight: Sendable {
        var decision: DecisionID
        var pendingLegs: Set<InstrumentID>
        var lastHeard: Timestamp
    }

    private var inFlight: [OpportunityID: InFlight] = [:]
    private var opportunityOfDecision: [DecisionID: OpportunityID] = [:]
    private var lastBasketAt: [OpportunityID: Timestamp] = [:]
    private var lastPass: [OpportunityID: String] = [:]
    private var basketsSent = 0

    public init(id: StrategyID = "arbitrage", settings: ArbitrageSettings = ArbitrageSettings(),
                categories: MarketCategories = .unknown) {
        self.id = id
        self.settings = settings
        self.categories = categories
    }

    public mutating func onOpportunity(_ change: OpportunityChange, context: inout StrategyContext) {
        switch change {
        case .opened(let opportunity), .updated(let opportunity):
            consider(opportunity, context: &context)
        case .closed(let id, _, _):
            lastPass[id] = nil
        }
    }

    public mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext) {
        legHeard(order, at: context.now, context: &context)
    }

    public mutating func onOrderEnded(_ order: Order, context: inout StrategyContext) {
        legHeard(order, at: context.now, context: &context)
    }

    private mutating func legHeard(_ order: Order, at now: Timestamp, context: inout StrategyContext) {
        guard let decision = order.decisionID, let opportunity = opportunityOfDecision[decision],
            var basket = inFlight[opportunity], basket.decision == decision
        else { return }
        basket.lastHeard = now
        if order.status.isTerminal { basket.pendingLegs.remove(order.instrument) }
        if basket.pendingLegs.isEmpty {
            inFlight[opportunity] = nil
            opportunityOfDecision[decision] = nil
            context.note("basket \(decision) for \(opportunity) is over")
        } else {
            inFlight[opportunity] = basket
        }
    }

    private mutating func consider(_ opportunity: Opportunity, context: inout StrategyContext) {
        switch decide(opportunity, context: context) {
        case .pass(let reason):
            guard lastPass[opportunity.id] != reason else { return }
            lastPass[opportunity.id] = reason
            context.note("pass \(opportunity.id) (\(opportunity.kind)): \(reason)")
        case .releaseAndRetry(let decision):
            inFlight[opportunity.id] = nil
            opportunityOfDecision[decision] = nil
            context.note("basket \(decision) for \(opportunity.id): nothing heard for \(settings.inFlightTimeoutSeconds) s; no longer in flight")
            consider(opportunity, context: &context)
        case .take(let point):
            send(opportunity, at: point, context: &context)
        }
    }

    enum Verdict {
        case pass(String)
        case releaseAndRetry(DecisionID)
        case take(ProfitPoint)
    }

    private func decide(_ opportunity: Opportunity, context: StrategyContext) -> Verdict {
        guard settings.kinds.contains(opportunity.kind) else { return .pass("kind \(opportunity.kind) is not traded") }
        if let basket = inFlight[opportunity.id] {
            let stillOpen = context.openOrders.contains { $0.decisionID == basket.decision }
            if !stillOpen, context.now.seconds(since: basket.lastHeard) > settings.inFlightTimeoutSeconds {
                return .releaseAndRetry(basket.decision)
            }
            return .pass("basket \(basket.decision) still in flight")
        }
        if let last = lastBasketAt[opportunity.id], context.now.seconds(since: last) < settings.cooldownSeconds {
            return .pass("cooling down until \(last.adding(seconds: settings.cooldownSeconds))")
        }
        guard opportunity.size.units > 0, !opportunity.legs.isEmpty else { return .pass("the radar priced no size") }
        for leg in opportunity.legs {
            guard leg.side == .buy else { return .pass("leg \(leg.instrument) sells; only bought baskets are taken") }
            guard leg.size.units % opportunity.size.units == 0 else {
                return .pass("leg \(leg.instrument) is not a whole multiple of the basket size")
            }
        }
        guard let point = Self.fit(opportunity, maximumCost: settings.maximumCostPerBasket, step: settings.sizeStep) else {
            return .pass("the smallest basket on the curve costs more than the cap \(settings.maximumCostPerBasket!)")
        }
        guard point.profit >= settings.minimumProfit else {
            return .pass("profit \(point.profit) at size \(point.size) is under the minimum \(settings.minimumProfit)")
        }
        let returnOnCost = point.cost.units > 0 ? Decimal(point.profit.units) / Decimal(point.cost.units) : 0
        guard returnOnCost >= settings.minimumReturnOnCost else {
            return .pass("return \(returnOnCost) at size \(point.size) is under the minimum \(settings.minimumReturnOnCost)")
        }
        for leg in opportunity.legs {
            let shares = legSize(leg, of: opportunity, at: point.size)
            if let minimum = leg.minimumSize, shares < minimum {
                return .pass("leg \(leg.instrument) would be \(shares), under the venue minimum \(minimum)")
            }
        }
        return .take(point)
    }

    private func legSize(_ leg: OpportunityLeg, of opportunity: Opportunity, at baskets: Size) -> Size {
        Size(units: baskets.units * (leg.size.units / opportunity.size.units))
    }

    private mutating func send(_ opportunity: Opportunity, at point: ProfitPoint, context: inout StrategyContext) {
        basketsSent += 1
        let decision = context.decisionID(basketsSent)
        let legs = opportunity.legs.map { leg in
            let market = context.market(venue: leg.venue, id: leg.marketID)
            return OrderIntent(
                instrument: leg.instrument, marketID: leg.marketID, eventID: market?.eventID,
                category: market.flatMap { categories.category(of: $0) }, side: .buy,
                // The radar's worst price for its own size is a safe cap for a smaller one: a
                // fill-and-kill order takes the cheaper levels first.
                limitPrice: leg.limitPrice, size: legSize(leg, of: opportunity, at: point.size), timeInForce: .fillAndKill,
                purpose: .arbitrage(opportunity.kind, opportunity.id), strategy: id.rawValue, decisionID: decision,
                bookReceivedAt: context.book(leg.instrument)?.receivedAt)
        }
        let budget = Duration.milliseconds(Int64((settings.legTimeBudgetSeconds * 1000).rounded()))
        context.execute(BasketOrder(
            opportunityID: opportunity.id, kind: opportunity.kind, legs: legs, maxSlippage: settings.maxSlippage,
            timeBudget: budget, expectedProfit: point.profit))
        let shrunk = point.size < opportunity.size ? " (shrunk from \(opportunity.size) to fit the cost cap)" : ""
        context.note("basket \(decision) for \(opportunity.id) (\(opportunity.kind)): size \(point.size)\(shrunk), cost \(point.cost), profit \(point.profit)")
        inFlight[opportunity.id] = InFlight(decision: decision, pendingLegs: Set(legs.map(\.instrument)), lastHeard: context.now)
        opportunityOfDecision[decision] = opportunity.id
        lastBasketAt[opportunity.id] = context.now
        lastPass[opportunity.id] = nil
    }

    /// The largest size, at most the radar's priced size, whose cost fits `maximumCost`, with
    /// its cost and payout; nil when even the curve's smallest size does not fit.
    ///
    /// The curve holds the exact cost at every depth breakpoint. Between two of them the cost
    /// is convex (each further share costs at least as much as the one before, its fee
    /// included), so the chord through the breakpoints lies above it; a size read off the chord
    /// costs at most what the chord says, give or take the rounding of each leg's notional and
    /// fee, which a margin of two millionths per leg covers.
    static func fit(_ opportunity: Opportunity, maximumCost: Amount?, step: Size) -> ProfitPoint? {
        let priced = ProfitPoint(size: opportunity.size, cost: opportunity.cost, payout: opportunity.payout)
        guard let maximumCost, priced.cost > maximumCost else { return priced }
        let points = opportunity.curve.filter { $0.size < priced.size }.sorted { $0.size < $1.size } + [priced]
        guard let below = points.lastIndex(where: { $0.cost <= maximumCost }) else { return nil }
        let low = points[below]
        let high = points[below + 1]
        let margin = Amount(units: 2 * Int64(opportunity.legs.count))
        let budget = maximumCost - margin - low.cost
        let sizeSpan = Int128(high.size.units - low.size.units)
        let costSpan = Int128(high.cost.units - low.cost.units)
        guard budget.units > 0, costSpan > 0, step.units > 0 else { return low }
        var extra = FixedPoint.divide(sizeSpan * Int128(budget.units), costSpan, .down)
        extra = extra / Int128(step.units) * Int128(step.units)
        guard extra > 0, extra < sizeSpan else { return low }
        let size = Size(units: low.size.units + Int64(extra))
        let cost = low.cost + Amount(units: Int64(FixedPoint.divide(costSpan * extra, sizeSpan, .up))) + margin
        let payout = Amount(units: Int64(FixedPoint.divide(
            Int128(size.units) * Int128(opportunity.payoutPerBasket.units), Int128(FixedPoint.unitsPerWhole), .down)))
        return ProfitPoint(size: size, cost: cost, payout: payout)
    }
}
