import EdgewiseAnalysis
import EdgewiseCore

/// Trades a calibrated probability against the market: on each signal it prices YES from the
/// YES book and NO from the NO book (or, when the NO outcome has no book of its own, from the
/// complement of the YES bids), picks the side with the larger edge at the best ask, and sizes it
/// with ``ExecutionAwareSizer`` under the configured method (confidence tiers by default) and
/// limits. A side without the minimum edge, a stale book, an uncalibrated signal, a market already
/// held up to the position cap, or one with an order still out gets nothing, with a note.
public struct ConfidenceTierStrategy: Strategy {
    public let id: StrategyID
    public var settings: ConfidenceTierSettings
    public var method: SizingMethod
    public var limits: SizingLimits
    private let fees: VenueFees
    private let categories: MarketCategories

    /// Orders sent and not yet heard to be over, with when they were sent.
    private var pending: [DecisionID: (market: MarketKey, at: Timestamp)] = [:]
    private var ordersSent = 0

    public init(
        id: StrategyID = "confidence-tiers", settings: ConfidenceTierSettings = ConfidenceTierSettings(),
        method: SizingMethod, limits: SizingLimits, fees: VenueFees, categories: MarketCategories = .unknown
    ) {
        self.id = id
        self.settings = settings
        self.method = method
        self.limits = limits
        self.fees = fees
        self.categories = categories
    }

    public mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext) {
        if let decision = order.decisionID, order.status.isTerminal { pending[decision] = nil }
    }

    public mutating func onOrderEnded(_ order: Order, context: inout StrategyContext) {
        if let decision = order.decisionID { pending[decision] = nil }
    }

    /// One side of the market as it can be bought now.
    struct Side {
        var outcome: BinaryOutcome
        var instrument: InstrumentID
        var offers: [BookLevel]
        var bookReceivedAt: Timestamp?
        var edge: Int64
    }

    public mutating func onSignal(_ signal: ProbabilitySignal, context: inout StrategyContext) {
        let key = MarketKey(venue: signal.venue, id: signal.marketID)
        let label = "\(key.venue):\(key.id)"
        guard let probability = signal.usableProbability else {
            return context.note("pass \(label): the signal has no calibrated probability")
        }
        guard let market = context.market(venue: signal.venue, id: signal.marketID) else {
            return context.note("pass \(label): market not known")
        }
        guard market.status.isTradable, market.acceptingOrders else {
            return context.note("pass \(label): market not open for orders")
        }
        guard let yes = market.instrument(.yes), let no = market.instrument(.no) else {
            return context.note("pass \(label): not a Yes/No market")
        }
        guard !pending.values.contains(where: { $0.market == key && context.now.seconds(since: $0.at) < settings.orderTimeoutSeconds }), !context.openOrders.contains(where: { $0.instrument == yes || $0.instrument == no })
        else { return context.note("pass \(label): an order is still out") }
        let held = [yes, no].reduce(Amount.zero) { $0 + (context.portfolio.position($1)?.costBasis ?? .zero) }
        let room = settings.maximumPositionCost - held
        guard room.units > 0 else { return context.note("pass \(label): already holds \(held) at cost") }
        guard let yesBook = context.book(yes), yesBook.isUsable(at: context.now, maxAge: settings.maxBookAgeSeconds) else {
            return context.note("pass \(label): the YES book is missing, stale or out of sync")
        }
        guard let fair = Price(fairValueOf: probability) else {
            return context.note("pass \(label): probability \(probability) out of range")
        }

        var sides: [Side] = []
        let yesOffers = yesBook.levels(.ask)
        if let best = yesOffers.first {
            sides.append(Side(outcome: .yes, instrument: yes, offers: yesOffers, bookReceivedAt: yesBook.receivedAt,
                              edge: fair.units - best.price.units))
        }
        let noOffers: [BookLevel]
        let noReceivedAt: Timestamp?
        if let noBook = context.book(no), !noBook.levels(.ask).isEmpty {
            guard noBook.isUsable(at: context.now, maxAge: settings.maxBookAgeSeconds) else {
                return context.note("pass \(label): the NO book is stale or out of sync")
            }
            noOffers = noBook.levels(.ask)
            noReceivedAt = noBook.receivedAt
        } else {
            // Whoever bids for YES at p sells NO at 1 − p on a venue that keeps one book per market.
            noOffers = yesBook.levels(.bid).map { BookLevel(price: $0.price.complement, size: $0.size) }
            noReceivedAt = yesBook.receivedAt
        }
        if let best = noOffers.first {
            sides.append(Side(outcome: .no, instrument: no, offers: noOffers, bookReceivedAt: noReceivedAt,
                              edge: fair.complement.units - best.price.units))
        }
        guard let side = sides.filter({ $0.edge >= settings.minimumEdge.units }).max(by: { $0.edge < $1.edge }) else {
            let edges = sides.map { "\($0.outcome) \(Amount(units: $0.edge))" }.joined(separator: ", ")
            return context.note("pass \(label): no side has edge ≥ \(settings.minimumEdge) (\(edges.isEmpty ? "no offers" : edges))")
        }

        var bounded = limits
        bounded.perOrderCap = min(limits.perOrderCap, room)
        if context.portfolio.cash < bounded.bankroll { bounded.bankroll = context.portfolio.cash }
        guard bounded.bankroll.units > 0 else { return context.note("pass \(label): no cash") }
        if let minimum = market.minimumOrderSize { bounded.minimumSize = max(bounded.minimumSize, minimum) }
        let result = ExecutionAwareSizer(method: method, limits: bounded).size(SizingRequest(
            probabilityOfYes: probability, uncertainty: signal.estimate.uncertainty, buying: side.outcome,
            offers: side.offers, fees: fees.model(venue: market.venue, market: market.id)))
        guard let decision = result.decision else {
            return context.note("pass \(label): \(side.outcome) sizing declined: \(result.decline?.description ?? "no size")")
        }
        ordersSent += 1
        let decisionID = context.decisionID(ordersSent)
        context.submit(OrderIntent(
            instrument: side.instrument, marketID: market.id, eventID: market.eventID,
            category: categories.category(of: market), side: .buy, limitPrice: decision.limitPrice, size: decision.size,
            timeInForce: .fillAndKill, purpose: .directional, strategy: id.rawValue, decisionID: decisionID,
            bookReceivedAt: side.bookReceivedAt))
        context.note("\(label): buy \(decision.size) \(side.outcome) up to \(decision.limitPrice) at p \(probability) (\(decision.method), bound by \(decision.boundBy ?? "nothing"))")
        pending[decisionID] = (key, context.now)
    }
}
