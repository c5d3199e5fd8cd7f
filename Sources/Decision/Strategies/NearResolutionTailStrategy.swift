import EdgewiseAnalysis
import EdgewiseCore

/// Buys the clear favourite of a market that ends soon, once per market.
///
/// A market qualifies while it is open and accepting orders, its end time is at most
/// ``NearResolutionTailSettings/hoursToEnd`` ahead, its category passes the filters, and one of
/// its outcomes has a fresh book whose best ask lies between the minimum and the maximum price.
/// The favourite (the highest such ask) is sized by ``ExecutionAwareSizer`` over the asks up to
/// the maximum price, with the cost cap as a flat budget, so slippage and fees are inside the
/// size and an edge under the minimum is declined. Markets are checked when their books change
/// and on a periodic scan, since a market also enters the window just by time passing.
public struct NearResolutionTailStrategy: Strategy {
    public let id: StrategyID
    public var settings: NearResolutionTailSettings
    private let fees: VenueFees
    private let categories: MarketCategories

    /// Markets bought or being bought; an order that ends without any fill takes its market off.
    private var bought: Set<MarketKey> = []
    private var pending: [DecisionID: MarketKey] = [:]
    private var marketOfInstrument: [InstrumentID: MarketKey] = [:]
    private var indexedMarkets = -1
    private var lastPass: [MarketKey: String] = [:]
    private var ordersSent = 0
    static let scanTimer: TimerID = "scan"

    public init(
        id: StrategyID = "near-resolution-tail", settings: NearResolutionTailSettings = NearResolutionTailSettings(),
        fees: VenueFees, categories: MarketCategories = .unknown
    ) {
        self.id = id
        self.settings = settings
        self.fees = fees
        self.categories = categories
    }

    /// The markets bought (or with an order out), for reports.
    public var boughtMarkets: Set<MarketKey> { bought }

    public mutating func onStart(context: inout StrategyContext) {
        context.setTimer(Self.scanTimer, after: settings.scanIntervalSeconds)
    }

    public mutating func onTimer(_ timer: TimerID, context: inout StrategyContext) {
        guard timer == Self.scanTimer else { return }
        for key in context.state.markets.keys.sorted(by: { ($0.venue, $0.id) < ($1.venue, $1.id) }) {
            if let market = context.state.markets[key] { consider(market, context: &context) }
        }
        context.setTimer(Self.scanTimer, after: settings.scanIntervalSeconds)
    }

    public mutating func onMarketData(_ event: ReceivedEvent, context: inout StrategyContext) {
        let instrument: InstrumentID
        switch event.event {
        case .bookSnapshot(let snapshot): instrument = snapshot.instrument
        case .bookDelta(let delta): instrument = delta.instrument
        default: return
        }
        if indexedMarkets != context.state.markets.count { reindex(context.state.markets) }
        guard let key = marketOfInstrument[instrument], let market = context.state.markets[key] else { return }
        consider(market, context: &context)
    }

    public mutating func onFill(_ fill: Fill, order: Order, context: inout StrategyContext) {
        if let decision = order.decisionID, order.status.isTerminal { pending[decision] = nil }
    }

    public mutating func onOrderEnded(_ order: Order, context: inout StrategyContext) {
        guard let decision = order.decisionID, let key = pending.removeValue(forKey: decision) else { return }
        if order.filledSize.isZero {
            bought.remove(key)
            context.note("\(key.venue):\(key.id): order \(decision) ended \(order.status) unfilled; the market may be tried again")
        }
    }

    private mutating func reindex(_ markets: [MarketKey: Market]) {
        marketOfInstrument = [:]
        for (key, market) in markets {
            for outcome in market.outcomes { marketOfInstrument[market.instrument(for: outcome)] = key }
        }
        indexedMarkets = markets.count
    }

    private mutating func consider(_ market: Market, context: inout StrategyContext) {
        let key = market.key
        guard !bought.contains(key), market.status.isTradable, market.acceptingOrders,
            let end = market.endTime, end > context.now, end.seconds(since: context.now) <= settings.hoursToEnd * 3600
        else { return }
        let instruments = market.outcomes.map { market.instrument(for: $0) }
        if instruments.contains(where: { !(context.portfolio.position($0)?.isFlat ?? true) }) {
            bought.insert(key)
            return
        }
        let category = categories.category(of: market)
        guard settings.admits(category: category) else {
            return pass(key, "category \(category ?? "unknown") is filtered out", context: &context)
        }
        // The favourite: the highest best ask inside the band, from a book fresh enough to trust.
        var favourite: (instrument: InstrumentID, book: OrderBook, ask: Price)?
        for instrument in instruments {
            guard let book = context.book(instrument), let ask = book.bestAsk?.price,
                ask >= settings.minimumPrice, ask <= settings.maximumPrice
            else { continue }
            guard book.isUsable(at: context.now, maxAge: settings.maxBookAgeSeconds) else {
                return pass(key, "the book of \(instrument) is stale or out of sync", context: &context)
            }
            if favourite == nil || ask > favourite!.ask { favourite = (instrument, book, ask) }
        }
        guard let favourite else { return }

        var probability = settings.assumedProbability
        if let signal = context.signal(venue: market.venue, market: market.id), let yes = signal.usableProbability {
            probability = favourite.instrument == market.instrument(.yes) ? yes : 1 - yes
        }
        let cash = context.portfolio.cash
        guard cash.units > 0 else { return pass(key, "no cash", context: &context) }
        let sizer = ExecutionAwareSizer(
            method: .flat(amount: settings.maximumCostPerMarket),
            limits: SizingLimits(
                bankroll: cash, perOrderCap: settings.maximumCostPerMarket, minimumEdgePerShare: settings.minimumEdgePerShare,
                minimumSize: market.minimumOrderSize ?? 1))
        // The bought outcome is sized as if it were YES: only its own probability and asks matter.
        let result = sizer.size(SizingRequest(
            probabilityOfYes: probability, buying: .yes,
            offers: favourite.book.levels(.ask).filter { $0.price <= settings.maximumPrice },
            fees: fees.model(venue: market.venue, market: market.id)))
        guard let decision = result.decision else {
            return pass(key, "sizing declined: \(result.decline?.description ?? "no size")", context: &context)
        }
        ordersSent += 1
        let decisionID = context.decisionID(ordersSent)
        context.submit(OrderIntent(
            instrument: favourite.instrument, marketID: market.id, eventID: market.eventID, category: category, side: .buy,
            limitPrice: decision.limitPrice, size: decision.size, timeInForce: .fillAndKill, purpose: .directional,
            strategy: id.rawValue, decisionID: decisionID, bookReceivedAt: favourite.book.receivedAt))
        context.note("\(key.venue):\(key.id): buy \(decision.size) of \(favourite.instrument) up to \(decision.limitPrice) (ask \(favourite.ask), p \(probability), bound by \(decision.boundBy ?? "nothing"))")
        bought.insert(key)
        pending[decisionID] = key
        lastPass[key] = nil
    }

    private mutating func pass(_ key: MarketKey, _ reason: String, context: inout StrategyContext) {
        guard lastPass[key] != reason else { return }
        lastPass[key] = reason
        context.note("pass \(key.venue):\(key.id): \(reason)")
    }
}
